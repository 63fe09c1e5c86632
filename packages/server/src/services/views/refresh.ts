import type { Deps } from '../deps.ts';
import { advancePhraseset } from '../phrasesets.ts';
import { expireOverdueRounds } from '../rounds.ts';

/**
 * Lazy checks before a read (DESIGN §3.3): the same idempotent functions the scheduler runs, so a read
 * never shows a state the next sweep would change. Reads call these first, then read plain rows.
 */

/** Advances the due phrasesets the player wrote in (their lists and results depend on them). */
export async function advancePlayersDuePhrasesets(deps: Deps, playerId: string, now: Date): Promise<void> {
  const due = await deps.db
    .selectFrom('phraseset_contributors as pc')
    .innerJoin('phrasesets as ps', 'ps.id', 'pc.phraseset_id')
    .select('ps.id')
    .where('pc.player_id', '=', playerId)
    .where('ps.status', '<>', 'finalized')
    .where('ps.party_session_id', 'is', null)
    // Due: closed (waiting for its last vote rounds), or past `closes_at`.
    .where((eb) => eb.or([eb('ps.status', '=', 'closed'), eb('ps.closes_at', '<=', now)]))
    .execute();
  for (const { id } of due) await advancePhraseset(deps, id);
}

/** True when `ps` has a clock-driven transition due at `now`. */
export function phrasesetDue(ps: { status: string; closes_at: Date | null; party_session_id: string | null }, now: Date): boolean {
  if (ps.party_session_id !== null || ps.status === 'finalized') return false;
  return ps.status === 'closed' || (ps.closes_at !== null && ps.closes_at.getTime() <= now.getTime());
}

/** Everything a player's own views depend on: their overdue rounds and their due phrasesets. */
export async function refreshPlayer(deps: Deps, playerId: string, now: Date): Promise<void> {
  await expireOverdueRounds(deps, { playerId, now });
  await advancePlayersDuePhrasesets(deps, playerId, now);
}
