import type { DashboardResponse } from '@quipflip/api';
import type { Deps } from '../deps.ts';
import { getBalance } from '../player.ts';
import { readPhrasesetSummary, readResultLists } from './phrasesets.ts';
import { refreshPlayer } from './refresh.ts';
import { availabilityFrom, readCurrentRound, readQueues } from './rounds.ts';

/**
 * GET /player/dashboard: one round trip composing balance, current round, pending and unclaimed
 * results, the phraseset summary and round availability. The lazy checks run once, then every part
 * reads the same state (pending and unclaimed come from one query).
 */
export async function getDashboard(deps: Deps, playerId: string): Promise<DashboardResponse> {
  const now = deps.clock.now();
  await refreshPlayer(deps, playerId, now); // the player's overdue round and due phrasesets
  const [player, current_round, results, phraseset_summary, queues] = await Promise.all([
    getBalance(deps, playerId),
    readCurrentRound(deps, playerId),
    readResultLists(deps, playerId),
    readPhrasesetSummary(deps, playerId),
    readQueues(deps, playerId, now),
  ]);
  // Availability reuses the balance view and current round read above (same snapshot, fewer queries).
  const round_availability = availabilityFrom(
    deps.config,
    { balance: player.balance, is_guest: player.is_guest, outstanding: player.outstanding_prompts, activeRoundId: current_round.round_id },
    queues,
  );
  return {
    player,
    current_round,
    pending_results: results.pending,
    phraseset_summary,
    unclaimed_results: results.unclaimed.unclaimed,
    round_availability,
  };
}
