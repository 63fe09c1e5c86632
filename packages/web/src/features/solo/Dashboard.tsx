import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { paidAction } from '../../api/client.ts';
import { api } from '../../api/endpoints.ts';
import { keys, useDashboard, useTutorial, type DashboardView } from '../../api/queries.ts';
import type { RoundAvailability, RoundType } from '../../api/types.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { Countdown } from '../../components/Countdown.tsx';
import { Coins, ErrorMessage, Loading, Notice, PageHeading } from '../../components/Feedback.tsx';
import { t } from '../../i18n/index.ts';
import { useStartRound } from './start-round.ts';

function unavailableReason(type: RoundType, a: RoundAvailability, d: DashboardView): string | null {
  if (a.current_round_id) return t.dashboard.unavailable.inRound;
  const cost = type === 'prompt' ? a.prompt_cost : type === 'copy' ? a.copy_cost : a.vote_cost;
  if (type === 'prompt' && a.can_prompt) return null;
  if (type === 'copy' && a.can_copy) return null;
  if (type === 'vote' && a.can_vote) return null;
  if (d.player.balance < cost) return t.dashboard.unavailable.balance;
  if (type === 'copy' && a.prompts_waiting === 0) return t.dashboard.unavailable.noPrompts;
  if (type === 'vote' && a.phrasesets_waiting === 0) return t.dashboard.unavailable.noSets;
  if (type === 'prompt') return t.dashboard.unavailable.outstanding;
  return t.dashboard.unavailable.generic;
}

function DailyBonus({ amount }: { amount: number }) {
  const qc = useQueryClient();
  const claim = useMutation({
    mutationFn: () => paidAction('daily-bonus', (key) => api.claimDailyBonus(key)),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.dashboard }),
  });
  if (claim.isSuccess) return <Notice tone="success">{t.dashboard.dailyBonusClaimed(claim.data.amount)}</Notice>;
  return (
    <section className="card accent" aria-labelledby="bonus-title">
      <h2 id="bonus-title">{t.dashboard.dailyBonusTitle}</h2>
      <p>{t.dashboard.dailyBonusBody(amount)}</p>
      <ErrorMessage error={claim.error} />
      <button type="button" className="btn primary" onClick={() => claim.mutate()} disabled={claim.isPending}>
        {t.dashboard.dailyBonusClaim(amount)}
      </button>
    </section>
  );
}

function PlayCards({ d, a }: { d: DashboardView; a: RoundAvailability }) {
  const s = useStartRound();
  const card = (type: RoundType, title: string, body: string, label: string, extra?: React.ReactNode) => {
    const reason = unavailableReason(type, a, d);
    const reasonId = `why-${type}`;
    return (
      <li className={`play-card ${type}`}>
        <h3>{title}</h3>
        <p>{body}</p>
        {extra}
        <button
          type="button"
          className="btn primary block"
          disabled={!!reason || !!s.pending}
          aria-describedby={reason ? reasonId : undefined}
          onClick={() => s.start(type, type === 'copy' ? a.copy_cost : undefined)}
        >
          {s.pending === type ? t.auth.working : label}
        </button>
        {reason && (
          <p className="hint" id={reasonId}>
            {reason}
          </p>
        )}
      </li>
    );
  };
  return (
    <section aria-labelledby="play-title">
      <h2 id="play-title">{t.dashboard.playTitle}</h2>
      <ErrorMessage error={s.error} />
      <ul className="play-grid">
        {card('prompt', t.dashboard.prompt.title, t.dashboard.prompt.body, t.dashboard.prompt.start(a.prompt_cost))}
        {card(
          'copy',
          t.dashboard.copy.title,
          t.dashboard.copy.body,
          t.dashboard.copy.start(a.copy_cost),
          <p className="meta">
            {a.copy_discount_active && <span className="badge good">{t.dashboard.copy.discount}</span>} {t.dashboard.copy.waiting(a.prompts_waiting)}
          </p>,
        )}
        {card(
          'vote',
          t.dashboard.vote.title,
          t.dashboard.vote.body(a.vote_payout_correct),
          t.dashboard.vote.start(a.vote_cost),
          <p className="meta">{t.dashboard.vote.waiting(a.phrasesets_waiting)}</p>,
        )}
      </ul>
      <ConfirmDialog
        open={s.priceChange !== null}
        title={t.errors.codes.price_changed}
        confirmLabel={t.dashboard.startAnyway}
        onConfirm={s.acceptPrice}
        onCancel={s.declinePrice}
      >
        <p>{t.dashboard.priceChanged(s.priceChange ?? 0)}</p>
      </ConfirmDialog>
    </section>
  );
}

/** Balance, daily bonus, what can be played now (with costs), the running round, results and prizes. */
export default function Dashboard() {
  const q = useDashboard(true);
  const tutorial = useTutorial();
  if (q.isPending) return <Loading />;
  if (q.isError && !q.data) return <ErrorMessage error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const a = d.round_availability;
  const cr = d.current_round;
  const showTutorial = tutorial.data && tutorial.data.tutorial_progress !== 'completed';
  return (
    <section className="page dashboard">
      <PageHeading visuallyHidden>{t.dashboard.title}</PageHeading>
      <div className="card hero">
        <p className="hello">{t.dashboard.hello(d.player.username)}</p>
        <p className="balance-label">{t.dashboard.balance}</p>
        <p className="balance-value" data-testid="balance">
          <Coins n={d.player.balance} />
        </p>
        {d.player.is_guest && (
          <p className="guest-note">
            {t.dashboard.guestNote} <Link to="/settings#upgrade">{t.dashboard.guestSave}</Link>
          </p>
        )}
      </div>
      {q.isError && <ErrorMessage error={q.error} />}

      {showTutorial && (
        <section className="card" aria-labelledby="tut-title">
          <h2 id="tut-title">{t.dashboard.tutorialTitle}</h2>
          <p>{t.dashboard.tutorialBody}</p>
          <Link className="btn secondary" to="/tutorial">
            {tutorial.data?.tutorial_progress === 'not_started' ? t.dashboard.tutorialStart : t.dashboard.tutorialContinue}
          </Link>
        </section>
      )}

      {d.player.daily_bonus_available && <DailyBonus amount={d.player.daily_bonus_amount} />}

      {cr.round_id && cr.round_type && cr.expires_at && (
        <section className="card active-round" aria-labelledby="active-title">
          <h2 id="active-title">{t.dashboard.activeRoundTitle}</h2>
          <p>{t.dashboard.activeRoundBody(t.dashboard.roundNames[cr.round_type])}</p>
          <Countdown expiresAt={cr.expires_at} compact onGraceOver={() => void q.refetch()} />
          <Link className="btn primary block" to="/round">
            {t.dashboard.continueRound}
          </Link>
        </section>
      )}

      {a ? <PlayCards d={d} a={a} /> : <Notice>{t.dashboard.roundsSoon}</Notice>}

      {d.unclaimed_results.length > 0 && (
        <section className="card" aria-labelledby="unclaimed-title">
          <h2 id="unclaimed-title">{t.dashboard.unclaimedTitle}</h2>
          {d.phraseset_summary && <p>{t.dashboard.unclaimedTotal(d.phraseset_summary.total_unclaimed_amount)}</p>}
          <ul className="list">
            {d.unclaimed_results.map((u) => (
              <li key={u.phraseset_id} className="list-row">
                <div>
                  <p className="prompt-text">{u.prompt_text}</p>
                  <p className="meta">
                    {t.results.yourRole[u.your_role]} · {u.your_phrase} · <Coins n={u.your_payout} />
                  </p>
                </div>
                <Link className="btn primary small" to={`/results/${u.phraseset_id}`} aria-label={`${t.dashboard.collect}: ${u.prompt_text}`}>
                  {t.dashboard.collect}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="card" aria-labelledby="results-title">
        <h2 id="results-title">{t.dashboard.resultsTitle}</h2>
        {d.pending_results.length === 0 ? (
          <p className="hint">{t.dashboard.resultsNone}</p>
        ) : (
          <ul className="list">
            {d.pending_results.map((p) => (
              <li key={p.phraseset_id} className="list-row">
                <div>
                  <p className="prompt-text">{p.prompt_text}</p>
                  <p className="meta">{t.results.yourRole[p.role]}</p>
                </div>
                <Link className="btn secondary small" to={`/results/${p.phraseset_id}`} aria-label={`${t.dashboard.viewResult}: ${p.prompt_text}`}>
                  {t.dashboard.viewResult}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      {d.phraseset_summary && d.phraseset_summary.in_progress.prompts + d.phraseset_summary.in_progress.copies > 0 && (
        <section className="card" aria-labelledby="progress-title">
          <h2 id="progress-title">{t.dashboard.inProgressTitle}</h2>
          <p>{t.dashboard.inProgress(d.phraseset_summary.in_progress.prompts, d.phraseset_summary.in_progress.copies)}</p>
          <Link to="/history">{t.history.title}</Link>
        </section>
      )}
    </section>
  );
}
