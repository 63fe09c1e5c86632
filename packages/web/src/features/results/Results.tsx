import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { paidAction } from '../../api/client.ts';
import { api } from '../../api/endpoints.ts';
import { keys } from '../../api/queries.ts';
import type { ClaimPrizeResponse, PhrasesetDetails } from '../../api/types.ts';
import { Countdown } from '../../components/Countdown.tsx';
import { Coins, ErrorMessage, Loading, Notice, PageHeading } from '../../components/Feedback.tsx';
import { t } from '../../i18n/index.ts';

function VoteBars({ d }: { d: PhrasesetDetails }) {
  const counts = d.results?.vote_counts ?? {};
  const rows = [
    { phrase: d.original_phrase, original: true },
    { phrase: d.copy_phrase_1, original: false },
    { phrase: d.copy_phrase_2, original: false },
  ].map((r) => ({ ...r, votes: counts[r.phrase] ?? 0, mine: r.phrase === d.your_phrase }));
  const total = Math.max(1, rows.reduce((s, r) => s + r.votes, 0));
  rows.sort((a, b) => b.votes - a.votes);
  return (
    <ul className="vote-bars">
      {rows.map((r) => (
        <li key={r.phrase} className={`vote-bar${r.original ? ' original' : ''}${r.mine ? ' mine' : ''}`}>
          <div className="vote-bar-label">
            <span className="phrase">{r.phrase}</span>
            <span className="tags">
              <span className={`badge ${r.original ? 'good' : ''}`}>{r.original ? t.results.original : t.results.copy}</span>
              {r.mine && <span className="badge you">{t.results.you}</span>}
            </span>
          </div>
          <div className="bar" aria-hidden="true">
            <span style={{ width: `${(r.votes / total) * 100}%` }} />
          </div>
          <span className="votes">{t.results.votes(r.votes)}</span>
        </li>
      ))}
    </ul>
  );
}

function Claim({ id, amount, onClaimed }: { id: string; amount: number; onClaimed: (r: ClaimPrizeResponse) => void }) {
  const qc = useQueryClient();
  const claim = useMutation({
    mutationFn: () => paidAction(`claim:${id}`, (key) => api.claim(id, key)),
    onSuccess: (r) => {
      onClaimed(r);
      void qc.invalidateQueries({ queryKey: keys.dashboard });
      void qc.invalidateQueries({ queryKey: keys.unclaimed });
    },
  });
  return (
    <>
      <ErrorMessage error={claim.error} />
      <button type="button" className="btn primary block big" onClick={() => claim.mutate()} disabled={claim.isPending}>
        {amount > 0 ? t.results.claim(amount) : t.results.claimZero}
      </button>
    </>
  );
}

/** One phraseset the player wrote in: live status while voting, then the reveal, the votes, the prize. */
export default function Results() {
  const id = useParams().phrasesetId ?? '';
  const details = useQuery({
    queryKey: keys.details(id),
    queryFn: () => api.details(id),
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'finalized' ? 20_000 : false),
  });
  const finalized = details.data?.status === 'finalized';
  const unclaimed = useQuery({ queryKey: keys.unclaimed, queryFn: api.unclaimed, enabled: finalized });
  const mine = unclaimed.data?.unclaimed.find((u) => u.phraseset_id === id);
  // Kept here: once claimed, the prize leaves the unclaimed list, but the player should still read what happened.
  const [claimed, setClaimed] = useState<ClaimPrizeResponse | null>(null);

  if (details.isPending) return <Loading label={t.results.loading} />;
  if (details.isError) {
    return (
      <section className="page">
        <PageHeading>{t.results.title}</PageHeading>
        <ErrorMessage error={details.error} onRetry={() => void details.refetch()} />
        <Link to="/home">{t.backToDashboard}</Link>
      </section>
    );
  }
  const d = details.data;
  return (
    <section className="page results">
      <PageHeading>{t.results.title}</PageHeading>
      <div className="card quote">
        <p className="quote-label">{t.results.prompt}</p>
        <p className="quote-text">{d.prompt_text}</p>
        <p className="meta">
          {t.results.yourRole[d.your_role]}: <strong>{d.your_phrase}</strong>
        </p>
      </div>
      <div aria-live="polite">
        {finalized ? (
          <>
            <div className="card reveal">
              <p className="quote-label">{t.results.reveal}</p>
              <p className="quote-text original">{d.original_phrase}</p>
              <VoteBars d={d} />
              {d.results && <p className="meta">{t.results.pool(d.results.total_pool)}</p>}
            </div>
            <div className="card prize">
              <h2>{t.results.yourPayout}</h2>
              <p className="payout">
                <Coins n={d.your_payout ?? 0} />
              </p>
              {claimed && !claimed.already_claimed ? (
                <Notice tone="success">{t.results.claimed(claimed.amount, claimed.new_balance)}</Notice>
              ) : unclaimed.isPending ? (
                <Loading />
              ) : mine && !claimed ? (
                <Claim id={id} amount={mine.your_payout} onClaimed={setClaimed} />
              ) : (
                <Notice tone="success">{t.results.alreadyClaimed}</Notice>
              )}
            </div>
            <div className="card">
              <h2>{t.results.contributors}</h2>
              <ul className="list">
                {d.contributors.map((c) => (
                  <li key={`${c.player_id}-${c.phrase}`} className="list-row">
                    <span>
                      {c.username} {c.is_you && <span className="badge you">{t.results.you}</span>}
                    </span>
                    <strong>{c.phrase}</strong>
                  </li>
                ))}
              </ul>
            </div>
          </>
        ) : (
          <div className="card">
            {d.status === 'waiting_copies' || d.status === 'waiting_copy1' ? (
              <p>{t.results.waitingCopies}</p>
            ) : (
              <>
                <p>{t.results.notFinal}</p>
                <p>{t.results.notFinalVotes(d.vote_count)}</p>
                {d.closes_at && (
                  <>
                    <p className="quote-label">{t.results.closesIn}</p>
                    <Countdown expiresAt={d.closes_at} compact onGraceOver={() => void details.refetch()} />
                  </>
                )}
              </>
            )}
          </div>
        )}
      </div>
      <Link className="btn secondary block" to="/home">
        {t.backToDashboard}
      </Link>
    </section>
  );
}
