import { sql } from 'kysely';
import type { Deps } from './deps.ts';

/**
 * `GET /leaderboard` (beyond the seed, SPEC §6): weekly and all-time boards by net earnings.
 *
 * - Net earnings = the sum of the player's ledger entries in the period, except the starting balance:
 *   prizes, vote payouts, bonuses and quest rewards minus entry fees (net of refunds). All time, that
 *   is the balance minus the starting balance(s).
 * - The week is the UTC calendar week: Monday 00:00 UTC to the next Monday.
 * - Ranked: human players (not AI, SPEC §10.4) whose account is not deleted, guests included; every
 *   such player is ranked (no activity = 0). Equal nets share a rank (competition ranking); ties are
 *   listed by username.
 * - `entries` are the top `limit`; `you` is the caller's row, always present.
 */

const DAY_MS = 86_400_000;

/** Monday 00:00 UTC of the week holding `now`. */
export function weekStart(now: Date): Date {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const sinceMonday = (now.getUTCDay() + 6) % 7;
  return new Date(midnight - sinceMonday * DAY_MS);
}

interface BoardRow {
  board: 'weekly' | 'all_time';
  id: string;
  username: string;
  net: number;
  /** Position in the board; null for the caller's own row (returned separately, always). */
  pos: number | null;
  rank: number;
  total: number;
}

function board(rows: BoardRow[], which: BoardRow['board'], me: { id: string; username: string }) {
  const entry = (r: BoardRow) => ({ rank: Number(r.rank), player_id: r.id, username: r.username, net_earnings: Number(r.net), is_you: r.id === me.id });
  const mine = rows.filter((r) => r.board === which);
  const you = mine.find((r) => r.pos === null);
  const total = Number(mine[0]?.total ?? 0);
  return {
    total_players: total,
    entries: mine.filter((r) => r.pos !== null).map(entry),
    // An AI or deleted caller is not ranked: shown after everyone, with 0.
    you: you ? entry(you) : { rank: total + 1, player_id: me.id, username: me.username, net_earnings: 0, is_you: true },
  };
}

/**
 * Both boards in one statement over one pass of the players: each ranked player's weekly net (their
 * entries of the week, except starting balances) and all-time net (balance − starting balances).
 * Each board takes its top `limit` rows by a top-N sort (no full sort of every player). Rank is the
 * competition rank, 1 + the number of players with a higher net: inside the top rows `rank()` gives
 * exactly that (everyone above a top row is a top row too); for the caller it is counted. Ties are
 * listed by username (bytewise: cheap, and names are ASCII), then id.
 */
export async function getLeaderboard(deps: Deps, playerId: string, limit: number) {
  const db = deps.db;
  const now = deps.clock.now();
  const start = weekStart(now);
  const end = new Date(start.getTime() + 7 * DAY_MS);

  const [rows, me] = await Promise.all([
    sql<BoardRow>`
      WITH scored AS MATERIALIZED (
        SELECT p.id, p.username, coalesce(w.net, 0)::int8 AS week, (p.balance - coalesce(st.total, 0))::int8 AS ever
        FROM players p
        LEFT JOIN (
          SELECT account_id, sum(amount) AS net FROM ledger_entries
          WHERE account_kind = 'player' AND created_at >= ${start} AND created_at < ${end} AND type <> 'starting_balance'
          GROUP BY account_id) w ON w.account_id = p.id
        LEFT JOIN (
          SELECT account_id, sum(amount) AS total FROM ledger_entries
          WHERE account_kind = 'player' AND type = 'starting_balance'
          GROUP BY account_id) st ON st.account_id = p.id
        WHERE NOT p.is_ai AND p.deleted_at IS NULL
      ),
      top_week AS (SELECT id, username, week AS net FROM scored ORDER BY week DESC, username COLLATE "C", id LIMIT ${limit}),
      top_ever AS (SELECT id, username, ever AS net FROM scored ORDER BY ever DESC, username COLLATE "C", id LIMIT ${limit}),
      rows AS (
        SELECT 'weekly' AS board, id, username, net, row_number() OVER (ORDER BY net DESC, username COLLATE "C", id) AS pos, rank() OVER (ORDER BY net DESC) AS rank FROM top_week
        UNION ALL
        SELECT 'all_time', id, username, net, row_number() OVER (ORDER BY net DESC, username COLLATE "C", id), rank() OVER (ORDER BY net DESC) FROM top_ever
        UNION ALL
        SELECT 'weekly', m.id, m.username, m.week, NULL, 1 + (SELECT count(*) FROM scored s WHERE s.week > m.week) FROM scored m WHERE m.id = ${playerId}
        UNION ALL
        SELECT 'all_time', m.id, m.username, m.ever, NULL, 1 + (SELECT count(*) FROM scored s WHERE s.ever > m.ever) FROM scored m WHERE m.id = ${playerId}
      )
      SELECT r.*, (SELECT count(*) FROM scored) AS total FROM rows r ORDER BY r.board, r.pos NULLS LAST`.execute(db),
    db.selectFrom('players').select(['id', 'username']).where('id', '=', playerId).executeTakeFirstOrThrow(),
  ]);

  return {
    generated_at: now.toISOString(),
    weekly: { period: 'weekly' as const, starts_at: start.toISOString(), ends_at: end.toISOString(), ...board(rows.rows, 'weekly', me) },
    all_time: { period: 'all_time' as const, starts_at: null, ends_at: null, ...board(rows.rows, 'all_time', me) },
  };
}
