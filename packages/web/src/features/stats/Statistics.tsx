import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/endpoints.ts';
import { keys, orMissing } from '../../api/queries.ts';
import type { RoleStats } from '../../api/types.ts';
import { Coins, ComingSoon, ErrorMessage, Loading, PageHeading } from '../../components/Feedback.tsx';
import { t } from '../../i18n/index.ts';
import { StatsTabs } from './StatsTabs.tsx';

function RoleCard({ s }: { s: RoleStats }) {
  return (
    <li className="card stat-card">
      <h2>{t.stats.roles[s.role] ?? s.role}</h2>
      <dl className="stat-list">
        <dt>{t.stats.rounds}</dt>
        <dd>{s.total_rounds}</dd>
        <dt>{t.stats.earnings}</dt>
        <dd>
          <Coins n={s.total_earnings} />
        </dd>
        <dt>{"vote_accuracy" in s ? t.stats.accuracy : t.stats.winRate}</dt>
        <dd>{t.stats.percent("vote_accuracy" in s ? s.vote_accuracy : s.win_rate)}</dd>
      </dl>
    </li>
  );
}

export default function Statistics() {
  const q = useQuery({ queryKey: keys.statistics, queryFn: () => orMissing(api.statistics()) });
  if (q.isPending) return <Loading />;
  if (q.data === 'missing') {
    return (
      <>
        <StatsTabs />
        <ComingSoon title={t.stats.title} />
      </>
    );
  }
  return (
    <section className="page">
      <PageHeading>{t.stats.title}</PageHeading>
      <StatsTabs />
      {q.isError ? (
        <ErrorMessage error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <>
          <ul className="stat-grid">
            <RoleCard s={q.data.prompt_stats} />
            <RoleCard s={q.data.copy_stats} />
            <RoleCard s={q.data.voter_stats} />
          </ul>
          <div className="card">
            <dl className="stat-list">
              <dt>{t.stats.totalEarned}</dt>
              <dd>
                <Coins n={q.data.earnings.total_earnings} />
              </dd>
              <dt>{t.stats.totalSpent}</dt>
              <dd>
                <Coins n={q.data.earnings.total_spending} />
              </dd>
              <dt>{t.stats.daysActive}</dt>
              <dd>{q.data.frequency.days_active}</dd>
            </dl>
          </div>
          {q.data.best_performing_phrases.length > 0 && (
            <div className="card">
              <h2>{t.stats.bestPhrases}</h2>
              <ol className="list">
                {q.data.best_performing_phrases.map((p) => (
                  <li key={p.phrase} className="list-row">
                    <strong>{p.phrase}</strong>
                    <span>
                      {t.history.votes(p.votes)} · <Coins n={p.earnings} />
                    </span>
                  </li>
                ))}
              </ol>
            </div>
          )}
          {q.data.favorite_prompts.length > 0 && (
            <div className="card">
              <h2>{t.stats.favouritePrompts}</h2>
              <ul className="list">
                {q.data.favorite_prompts.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </section>
  );
}
