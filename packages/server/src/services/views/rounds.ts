import type { CurrentRoundResponse, RoundAvailability, RoundDetails } from '@quipflip/api';
import { DomainError } from '../../domain/errors.ts';
import type { Deps } from '../deps.ts';
import { countCopyEligible, countVoteEligible, currentCopyPrice } from '../queues.ts';
import { expireOverdueRounds } from '../rounds.ts';

const iso = (d: Date) => d.toISOString();
const upper = (s: string) => s.toUpperCase();

export const NO_CURRENT_ROUND: CurrentRoundResponse = { round_id: null, round_type: null, state: null, expires_at: null };

/**
 * The caller's active round as the seed's `current-round` body (SPEC §5.10). Reads rows only: callers
 * run `expireOverdueRounds` first. A copy round's state carries the phrase to copy, never the prompt.
 */
export async function readCurrentRound(deps: Deps, playerId: string): Promise<CurrentRoundResponse> {
  const r = await deps.db
    .selectFrom('rounds as r')
    .leftJoin('phrasesets as ps', 'ps.id', 'r.phraseset_id')
    .select([
      'r.id',
      'r.type',
      'r.status',
      'r.cost',
      'r.expires_at',
      'r.prompt_text',
      'r.original_phrase',
      'r.discount_active',
      'r.phraseset_id',
      'r.phrase_order',
      'ps.prompt_text as ps_prompt_text',
    ])
    .where('r.player_id', '=', playerId)
    .where('r.status', '=', 'active')
    .executeTakeFirst();
  if (!r) return NO_CURRENT_ROUND;
  const base = { round_id: r.id, status: 'active' as const, expires_at: iso(r.expires_at), cost: r.cost };
  let state: NonNullable<CurrentRoundResponse['state']>;
  switch (r.type) {
    case 'prompt':
      state = { ...base, prompt_text: r.prompt_text ?? '' };
      break;
    case 'copy':
      state = { ...base, original_phrase: upper(r.original_phrase ?? ''), discount_active: r.discount_active ?? false };
      break;
    case 'vote':
      state = {
        ...base,
        phraseset_id: r.phraseset_id!,
        prompt_text: r.ps_prompt_text ?? r.prompt_text ?? '',
        phrases: (r.phrase_order ?? []).map(upper),
      };
      break;
  }
  return { round_id: r.id, round_type: r.type, state, expires_at: iso(r.expires_at) };
}

/** GET /player/current-round: lazily expires an overdue round first, so it is never shown as active. */
export async function getCurrentRound(deps: Deps, playerId: string): Promise<CurrentRoundResponse> {
  await expireOverdueRounds(deps, { playerId, now: deps.clock.now() });
  return readCurrentRound(deps, playerId);
}

/**
 * GET /rounds/{round_id}: answers only the round's owner; anyone else gets 404 `not_found`, so a copier
 * cannot read the prompt through the `prompt_round_id` it was given (SPEC §5.10). A copy round never
 * shows the prompt, even to its owner.
 */
export async function getRoundDetails(deps: Deps, playerId: string, roundId: string): Promise<RoundDetails> {
  await expireOverdueRounds(deps, { playerId, now: deps.clock.now() });
  const r = await deps.db
    .selectFrom('rounds as r')
    .leftJoin('phrasesets as ps', 'ps.id', 'r.phraseset_id')
    .leftJoin('votes as v', 'v.round_id', 'r.id')
    .select([
      'r.id',
      'r.player_id',
      'r.type',
      'r.status',
      'r.cost',
      'r.expires_at',
      'r.prompt_text',
      'r.original_phrase',
      'r.submitted_phrase',
      'ps.prompt_text as ps_prompt_text',
      'v.voted_phrase',
    ])
    .where('r.id', '=', roundId)
    .executeTakeFirst();
  if (!r || r.player_id !== playerId) throw new DomainError('not_found', { message: 'Round not found' });
  const submitted = r.submitted_phrase ?? r.voted_phrase ?? null;
  return {
    round_id: r.id,
    type: r.type,
    status: r.status,
    expires_at: iso(r.expires_at),
    prompt_text: r.type === 'copy' ? null : r.type === 'vote' ? (r.ps_prompt_text ?? r.prompt_text) : r.prompt_text,
    original_phrase: r.type === 'copy' && r.original_phrase ? upper(r.original_phrase) : null,
    submitted_phrase: submitted === null ? null : upper(submitted),
    cost: r.cost,
  };
}

/** What availability needs to know about the player (the dashboard already has it from the balance view). */
export interface PlayerSnapshot {
  balance: number;
  is_guest: boolean;
  outstanding: number;
  activeRoundId: string | null;
}

/** The queues as this player sees them: what they could copy or vote on now, and the global copy price. */
export interface QueueSnapshot {
  promptsWaiting: number;
  phrasesetsWaiting: number;
  price: { cost: number; discount_active: boolean };
}

export async function readQueues(deps: Deps, playerId: string, now: Date): Promise<QueueSnapshot> {
  const [promptsWaiting, phrasesetsWaiting, price] = await Promise.all([
    countCopyEligible(deps.db, playerId, now, deps.config),
    countVoteEligible(deps.db, playerId, deps.config, now),
    currentCopyPrice(deps.db, deps.config),
  ]);
  return { promptsWaiting, phrasesetsWaiting, price };
}

async function readPlayerSnapshot(deps: Deps, playerId: string): Promise<PlayerSnapshot> {
  const [p, active, outstanding] = await Promise.all([
    deps.db.selectFrom('players').select(['balance', 'is_guest']).where('id', '=', playerId).executeTakeFirstOrThrow(),
    deps.db.selectFrom('rounds').select('id').where('player_id', '=', playerId).where('status', '=', 'active').executeTakeFirst(),
    deps.queries.outstandingPrompts(deps.db, playerId),
  ]);
  return { balance: p.balance, is_guest: p.is_guest, outstanding, activeRoundId: active?.id ?? null };
}

/**
 * The availability body from the player's and the queues' state (pure). Counts are what THIS player
 * could take now; the copy price and discount come from the global queue (SPEC §5.3); prices are config.
 */
export function availabilityFrom(cfg: Deps['config'], p: PlayerSnapshot, q: QueueSnapshot): RoundAvailability {
  const free = p.activeRoundId === null;
  const maxOutstanding = p.is_guest ? cfg.MAX_OUTSTANDING_QUIPS_GUEST : cfg.MAX_OUTSTANDING_QUIPS;
  return {
    can_prompt: free && p.balance >= cfg.PROMPT_COST && p.outstanding < maxOutstanding,
    can_copy: free && q.promptsWaiting > 0 && p.balance >= q.price.cost,
    can_vote: free && q.phrasesetsWaiting > 0 && p.balance >= cfg.VOTE_COST,
    prompts_waiting: q.promptsWaiting,
    phrasesets_waiting: q.phrasesetsWaiting,
    copy_discount_active: q.price.discount_active,
    copy_cost: q.price.cost,
    current_round_id: p.activeRoundId,
    prompt_cost: cfg.PROMPT_COST,
    vote_cost: cfg.VOTE_COST,
    vote_payout_correct: cfg.VOTE_PAYOUT_CORRECT,
    abandoned_penalty: cfg.ABANDONED_PENALTY,
  };
}

/**
 * The lazy check availability depends on: the player's overdue round. Vote counts need no phraseset
 * advance: `countVoteEligible` is given `now`, so a set past its window is never counted.
 */
export async function refreshAvailability(deps: Deps, playerId: string, now: Date): Promise<void> {
  await expireOverdueRounds(deps, { playerId, now });
}

/** GET /rounds/available */
export async function getRoundAvailability(deps: Deps, playerId: string): Promise<RoundAvailability> {
  const now = deps.clock.now();
  await refreshAvailability(deps, playerId, now);
  const [p, q] = await Promise.all([readPlayerSnapshot(deps, playerId), readQueues(deps, playerId, now)]);
  return availabilityFrom(deps.config, p, q);
}
