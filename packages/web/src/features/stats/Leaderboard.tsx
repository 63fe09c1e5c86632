import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/endpoints.ts';
import { keys, orMissing } from '../../api/queries.ts';
import type { LeaderboardBoard, LeaderboardEntry } from '../../api/types.ts';
import { ComingSoon, ErrorMessage, Loading, PageHeading } from '../../components/Feedback.tsx';
import { t } from '../../i18n/index.ts';
import { StatsTabs } from './StatsTabs.tsx';

function Row({ e }: { e: LeaderboardEntry }) {
  return (
    <tr className={e.is_you ? 'you' : undefined}>
      <td>{e.rank}</td>
      <td>
        {e.username} {e.is_you && t.leaderboard.you}
      </td>
      <td className="num">{e.net_earnings.toLocaleString('en')}</td>
    </tr>
  );
}

function Board({ b }: { b: LeaderboardBoard }) {
  if (b.entries.length === 0) return <p className="card center">{t.leaderboard.empty}</p>;
  const youListed = b.entries.some((e) => e.is_you);
  return (
    <table className="table card">
      <thead>
        <tr>
          <th scope="col">{t.leaderboard.rank}</th>
          <th scope="col">{t.leaderboard.player}</th>
          <th scope="col" className="num">
            {t.leaderboard.net}
          </th>
        </tr>
      </thead>
      <tbody>
        {b.entries.map((e) => (
          <Row key={e.player_id} e={e} />
        ))}
        {!youListed && <Row e={b.you} />}
      </tbody>
    </table>
  );
}

/** Weekly and all-time boards by net earnings; the player's own row is always shown. */
export default function Leaderboard() {
  const [which, setWhich] = useState<'weekly' | 'all_time'>('weekly');
  const q = useQuery({ queryKey: keys.leaderboard, queryFn: () => orMissing(api.leaderboard()), refetchInterval: 60_000 });
  if (q.isPending) return <Loading />;
  if (q.data === 'missing') {
    return (
      <>
        <StatsTabs />
        <ComingSoon title={t.leaderboard.title} />
      </>
    );
  }
  return (
    <section className="page">
      <PageHeading>{t.leaderboard.title}</PageHeading>
      <StatsTabs />
      <div className="segmented" role="group" aria-label={t.leaderboard.title}>
        {(['weekly', 'all_time'] as const).map((w) => (
          <button key={w} type="button" className={`btn small ${which === w ? 'primary' : 'secondary'}`} aria-pressed={which === w} onClick={() => setWhich(w)}>
            {w === 'weekly' ? t.leaderboard.weekly : t.leaderboard.allTime}
          </button>
        ))}
      </div>
      {q.isError ? <ErrorMessage error={q.error} onRetry={() => void q.refetch()} /> : <Board b={q.data[which]} />}
    </section>
  );
}
