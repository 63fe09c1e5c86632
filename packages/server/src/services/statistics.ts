import { sql } from 'kysely';
import type { Deps } from './deps.ts';

/**
 * `GET /player/statistics` (SPEC §6). Nothing is stored for it: every figure is derived when asked.
 *
 * - Coins (earnings, spending, averages) come from the player's ledger entries. A prize counts once it
 *   has been received (claim to receive, §3.5). Entry fees and their refunds are attributed to the
 *   round type they reference; prize payouts to the role the player wrote in the phraseset.
 * - Results (win rate, votes received, favourite prompts, best phrases) come from finalized phrasesets:
 *   the votes, and the payout decided at finalization. A writer's round wins when that payout exceeds
 *   the round's cost; a vote wins when its payout exceeds its cost (i.e. it was correct).
 * - Rounds count when submitted; days active are the UTC days with a submitted round (any type).
 * Percentages and averages have one decimal.
 */

const one = (n: number) => Math.round(n * 10) / 10;
const ratio = (a: number, b: number) => (b === 0 ? 0 : one(a / b));
const percent = (a: number, b: number) => (b === 0 ? 0 : one((100 * a) / b));

export async function getStatistics(deps: Deps, playerId: string) {
  const db = deps.db;
  const [p, ledger, rounds, activity, results, votes] = await Promise.all([
    db.selectFrom('players').select(['id', 'username', 'email', 'balance', 'created_at']).where('id', '=', playerId).executeTakeFirstOrThrow(),
    // Sum of the player's entries per type and role (the round type for fees and refunds, the writer's role for prizes).
    sql<{ type: string; role: string | null; total: number }>`
      SELECT e.type,
        CASE
          WHEN e.type IN ('prompt_entry', 'copy_entry', 'vote_entry', 'refund') THEN (SELECT r.type FROM rounds r WHERE r.id = e.reference_id)
          WHEN e.type = 'prize_payout' THEN (SELECT CASE WHEN c.role = 'prompt' THEN 'prompt' ELSE 'copy' END FROM phraseset_contributors c
                                             WHERE c.phraseset_id = e.reference_id AND c.player_id = e.account_id ORDER BY c.role LIMIT 1)
        END AS role,
        sum(e.amount)::int8 AS total
      FROM ledger_entries e
      WHERE e.account_kind = 'player' AND e.account_id = ${playerId}
      GROUP BY 1, 2`.execute(db),
    sql<{ type: string; n: number; last: Date | null }>`
      SELECT type, count(*)::int8 AS n, max(ended_at) AS last
      FROM rounds WHERE player_id = ${playerId} AND status = 'submitted' GROUP BY type`.execute(db),
    // Days active: distinct UTC days with a submitted round of any type.
    sql<{ days: number }>`
      SELECT count(DISTINCT (ended_at AT TIME ZONE 'UTC')::date)::int8 AS days
      FROM rounds WHERE player_id = ${playerId} AND status = 'submitted'`.execute(db),
    // The player's phrases in finalized phrasesets: votes received, payout decided, cost of the round.
    sql<{ role: string; phrase: string; prompt_text: string; payout: number; cost: number; votes: number; finalized_at: Date }>`
      SELECT c.role, c.phrase, ps.prompt_text, coalesce(c.payout, 0) AS payout, r.cost, ps.finalized_at,
        (SELECT count(*) FROM votes v WHERE v.phraseset_id = ps.id AND v.voted_phrase = c.phrase)::int8 AS votes
      FROM phraseset_contributors c
      JOIN phrasesets ps ON ps.id = c.phraseset_id
      JOIN rounds r ON r.id = c.round_id
      WHERE c.player_id = ${playerId} AND ps.status = 'finalized'`.execute(db),
    sql<{ n: number; correct: number; won: number }>`
      SELECT count(*)::int8 AS n, count(*) FILTER (WHERE v.correct)::int8 AS correct, count(*) FILTER (WHERE v.payout > r.cost)::int8 AS won
      FROM votes v JOIN rounds r ON r.id = v.round_id WHERE v.player_id = ${playerId}`.execute(db),
  ]);

  const sum = (type: string, role?: string) =>
    ledger.rows.filter((r) => r.type === type && (role === undefined || r.role === role)).reduce((a, r) => a + Number(r.total), 0);
  // Fees are negative entries and refunds positive: spending is what the role cost, net of refunds.
  const spending = (role: 'prompt' | 'copy' | 'vote') => -(sum(`${role}_entry`, role) + sum('refund', role));
  const earnings = {
    prompt_earnings: sum('prize_payout', 'prompt'),
    copy_earnings: sum('prize_payout', 'copy'),
    vote_earnings: sum('vote_payout'),
    daily_bonuses: sum('daily_bonus'),
    quest_rewards: sum('quest_reward'),
    prompt_spending: spending('prompt'),
    copy_spending: spending('copy'),
    vote_spending: spending('vote'),
  };
  const totalEarnings = earnings.prompt_earnings + earnings.copy_earnings + earnings.vote_earnings + earnings.daily_bonuses + earnings.quest_rewards;
  const totalSpending = earnings.prompt_spending + earnings.copy_spending + earnings.vote_spending;

  const roundsOf = (type: string) => Number(rounds.rows.find((r) => r.type === type)?.n ?? 0);

  const writer = (role: 'prompt' | 'copy') => {
    const sets = results.rows.filter((r) => (role === 'prompt' ? r.role === 'prompt' : r.role !== 'prompt'));
    const total_rounds = roundsOf(role);
    const total_earnings = role === 'prompt' ? earnings.prompt_earnings : earnings.copy_earnings;
    const won = sets.filter((s) => Number(s.payout) > Number(s.cost)).length;
    const votesReceived = sets.reduce((a, s) => a + Number(s.votes), 0);
    return {
      role,
      total_rounds,
      total_earnings,
      average_earnings: ratio(total_earnings, total_rounds),
      win_rate: percent(won, sets.length),
      total_phrasesets: sets.length,
      average_votes_received: ratio(votesReceived, sets.length),
    };
  };

  const v = votes.rows[0] ?? { n: 0, correct: 0, won: 0 };
  const voteCount = Number(v.n);
  const voter_stats = {
    role: 'voter' as const,
    total_rounds: voteCount,
    total_earnings: earnings.vote_earnings,
    average_earnings: ratio(earnings.vote_earnings, voteCount),
    win_rate: percent(Number(v.won), voteCount),
    correct_votes: Number(v.correct),
    vote_accuracy: percent(Number(v.correct), voteCount),
  };

  const daysActive = Number(activity.rows[0]?.days ?? 0);
  const totalRounds = rounds.rows.reduce((a, r) => a + Number(r.n), 0);
  const lastTimes = rounds.rows.map((r) => r.last).filter((d): d is Date => d !== null).map((d) => new Date(d).getTime());
  const lastActive = lastTimes.length > 0 ? new Date(Math.max(...lastTimes)) : p.created_at;

  // Favourite prompts: the prompts of the best-earning phrasesets (distinct, earning something).
  const byEarnings = [...results.rows].filter((r) => Number(r.payout) > 0).sort((a, b) => Number(b.payout) - Number(a.payout) || b.finalized_at.getTime() - a.finalized_at.getTime());
  const favorite_prompts = [...new Set(byEarnings.map((r) => r.prompt_text))].slice(0, 5);
  // Best phrases: by votes received, then earnings (phrases that got at least one vote).
  const best_performing_phrases = [...results.rows]
    .filter((r) => Number(r.votes) > 0)
    .sort((a, b) => Number(b.votes) - Number(a.votes) || Number(b.payout) - Number(a.payout) || b.finalized_at.getTime() - a.finalized_at.getTime())
    .slice(0, 5)
    .map((r) => ({ phrase: r.phrase, votes: Number(r.votes), earnings: Number(r.payout) }));

  return {
    player_id: p.id,
    username: p.username,
    email: p.email,
    overall_balance: p.balance,
    prompt_stats: writer('prompt'),
    copy_stats: writer('copy'),
    voter_stats,
    earnings: { ...earnings, total_earnings: totalEarnings, total_spending: totalSpending },
    frequency: {
      total_rounds_played: totalRounds,
      days_active: daysActive,
      rounds_per_day: ratio(totalRounds, daysActive),
      last_active: lastActive.toISOString(),
      member_since: p.created_at.toISOString(),
    },
    favorite_prompts,
    best_performing_phrases,
  };
}
