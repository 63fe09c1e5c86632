import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { paidAction } from '../../api/client.ts';
import { api } from '../../api/endpoints.ts';
import { keys, orMissing } from '../../api/queries.ts';
import type { Quest } from '../../api/types.ts';
import { ComingSoon, ErrorMessage, Loading, Notice, PageHeading } from '../../components/Feedback.tsx';
import { t } from '../../i18n/index.ts';

function QuestCard({ q }: { q: Quest }) {
  const qc = useQueryClient();
  const claim = useMutation({
    mutationFn: () => paidAction(`quest:${q.quest_id}`, (key) => api.claimQuest(q.quest_id, key)),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.quests });
      void qc.invalidateQueries({ queryKey: keys.dashboard });
    },
  });
  const pct = Math.min(100, Math.max(0, q.progress_percentage));
  return (
    <li className={`card quest ${q.status}`}>
      <h2>{q.name}</h2>
      <p>{q.description}</p>
      <div className="progress" role="progressbar" aria-label={q.name} aria-valuemin={0} aria-valuemax={q.progress_target} aria-valuenow={Math.min(q.progress_current, q.progress_target)}>
        <span style={{ width: `${pct}%` }} />
      </div>
      <p className="meta">
        {t.quests.progress(Math.min(q.progress_current, q.progress_target), q.progress_target)} · {t.quests.reward(q.reward_amount)} · {t.quests.statusLabel[q.status] ?? q.status}
      </p>
      {claim.isSuccess ? (
        <Notice tone="success">{t.quests.done(claim.data.reward_amount)}</Notice>
      ) : (
        q.status === 'completed' && (
          <button type="button" className="btn primary" onClick={() => claim.mutate()} disabled={claim.isPending}>
            {t.quests.claim(q.reward_amount)}
          </button>
        )
      )}
      <ErrorMessage error={claim.error} />
    </li>
  );
}

export default function Quests() {
  const q = useQuery({ queryKey: keys.quests, queryFn: () => orMissing(api.quests()) });
  if (q.isPending) return <Loading />;
  if (q.data === 'missing') return <ComingSoon title={t.quests.title} />;
  return (
    <section className="page">
      <PageHeading>{t.quests.title}</PageHeading>
      <p>{t.quests.intro}</p>
      {q.isError ? (
        <ErrorMessage error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data.quests.length === 0 ? (
        <p className="card center">{t.quests.empty}</p>
      ) : (
        <ul className="list cards">
          {[...q.data.quests]
            .sort((a, b) => (a.status === 'completed' ? -1 : 0) - (b.status === 'completed' ? -1 : 0))
            .map((quest) => (
              <QuestCard key={quest.quest_id} q={quest} />
            ))}
        </ul>
      )}
    </section>
  );
}
