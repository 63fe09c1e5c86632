import { sql, type Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { DB } from '../db/schema.ts';
import { copyCost, type CopyPrice } from '../domain/economy/index.ts';

/**
 * The solo queues (SPEC §5.2–§5.4) as queries: what is waiting for copies, what a player could copy or
 * vote on, and the copy price. Every query is scoped: solo queues only see rows with
 * `party_session_id IS NULL`; party mode passes its session to reuse them.
 */

export interface GameScope {
  /** null for the solo game; a party's session id for that party's rows. */
  partySessionId: string | null;
}
export const SOLO: GameScope = { partySessionId: null };

type Q = Kysely<DB>;

/** `party_session_id` matches the scope (IS NULL for solo). */
const inScope = (column: string, scope: GameScope): any =>
  scope.partySessionId === null ? sql`${sql.ref(column)} IS NULL` : sql`${sql.ref(column)} = ${scope.partySessionId}`;

/** Prompt rounds waiting for copies: submitted, fewer than 2 copies claimed (active copy rounds count). */
function waitingPrompts(db: Q, scope: GameScope) {
  return db
    .selectFrom('rounds as r')
    .where('r.type', '=', 'prompt')
    .where('r.status', '=', 'submitted')
    .where('r.copies_claimed', '<', 2)
    .where(inScope('r.party_session_id', scope));
}

/** How many prompts (all players') are waiting for copies; drives the copy discount (SPEC §5.3). */
export async function countWaitingPromptsGlobal(db: Q, scope: GameScope = SOLO): Promise<number> {
  const r = await waitingPrompts(db, scope).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The copy price right now: `{cost, discount_active}`. */
export async function currentCopyPrice(db: Q, cfg: Pick<Config, 'COPY_COST_NORMAL' | 'COPY_COST_DISCOUNT' | 'COPY_DISCOUNT_THRESHOLD'>): Promise<CopyPrice> {
  return copyCost(await countWaitingPromptsGlobal(db), cfg);
}

/**
 * Waiting prompts this player may copy at `now`: not their own, not one they copied (or are copying),
 * and not one whose copy round they abandoned or let expire in the last `ABANDONED_COOLDOWN_HOURS`.
 */
function copyEligible(db: Q, playerId: string, now: Date, cfg: Pick<Config, 'ABANDONED_COOLDOWN_HOURS'>, scope: GameScope) {
  const cooldownStart = new Date(now.getTime() - cfg.ABANDONED_COOLDOWN_HOURS * 3_600_000);
  return waitingPrompts(db, scope)
    .where('r.player_id', '<>', playerId)
    .where(({ not, exists, selectFrom, eb }) =>
      not(
        exists(
          selectFrom('rounds as c')
            .select('c.id')
            .where('c.prompt_round_id', '=', eb.ref('r.id'))
            .where('c.player_id', '=', playerId)
            .where('c.type', '=', 'copy')
            .where((ic) =>
              ic.or([
                ic('c.status', 'in', ['active', 'submitted']),
                ic.and([ic('c.status', 'in', ['abandoned', 'expired']), ic('c.ended_at', '>', cooldownStart)]),
              ]),
            ),
        ),
      ),
    );
}

/** How many prompts this player could copy now (`prompts_waiting` of `/rounds/available`). */
export async function countCopyEligible(db: Q, playerId: string, now: Date, cfg: Pick<Config, 'ABANDONED_COOLDOWN_HOURS'>, scope: GameScope = SOLO): Promise<number> {
  const r = await copyEligible(db, playerId, now, cfg, scope).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Claims the oldest prompt this player may copy, locking its row (`FOR UPDATE SKIP LOCKED`): a prompt
 * another copier is claiming right now is skipped, never shared. The caller increments
 * `copies_claimed` in the same transaction.
 */
export async function lockNextCopyPrompt(db: Q, playerId: string, now: Date, cfg: Pick<Config, 'ABANDONED_COOLDOWN_HOURS'>, scope: GameScope = SOLO) {
  return copyEligible(db, playerId, now, cfg, scope)
    .select(['r.id', 'r.player_id', 'r.submitted_phrase', 'r.prompt_text', 'r.copies_claimed', 'r.party_session_id'])
    .orderBy('r.ended_at')
    .orderBy('r.id')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

/**
 * Phrasesets this player may vote on at `now` (SPEC §5.4): open or closing, window not passed, a free
 * vote slot, not written by the player, not already voted by them.
 */
function voteEligible(db: Q, playerId: string, now: Date | undefined, maxVotes: number, scope: GameScope) {
  let q = db
    .selectFrom('phrasesets as ps')
    .where('ps.status', 'in', ['open', 'closing'])
    .where(inScope('ps.party_session_id', scope))
    .where('ps.vote_slots_taken', '<', maxVotes)
    .where(({ not, exists, selectFrom, eb }) =>
      not(exists(selectFrom('phraseset_contributors as pc').select('pc.role').where('pc.phraseset_id', '=', eb.ref('ps.id')).where('pc.player_id', '=', playerId))),
    )
    .where(({ not, exists, selectFrom, eb }) =>
      not(exists(selectFrom('votes as v').select('v.id').where('v.phraseset_id', '=', eb.ref('ps.id')).where('v.player_id', '=', playerId))),
    );
  if (now) q = q.where((eb) => eb.or([eb('ps.closes_at', 'is', null), eb('ps.closes_at', '>', now)]));
  return q;
}

/**
 * How many phrasesets this player could vote on (`phrasesets_waiting`). Pass `cfg` (for
 * `VOTE_MAX_VOTES`, SPEC default 20) and `now` (to leave out sets whose window has passed).
 */
export async function countVoteEligible(db: Q, playerId: string, cfg?: Pick<Config, 'VOTE_MAX_VOTES'>, now?: Date, scope: GameScope = SOLO): Promise<number> {
  const r = await voteEligible(db, playerId, now, cfg?.VOTE_MAX_VOTES ?? 20, scope).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Vote candidates for this player, best first by the queue's tiers (5+ votes by fifth vote, 3–4 by
 * third vote, then the rest by age). At most `limit` rows; the service orders the last tier at random.
 */
export async function loadVoteCandidates(db: Q, playerId: string, now: Date, cfg: Pick<Config, 'VOTE_MAX_VOTES'>, scope: GameScope = SOLO, limit = 200, onlyId?: string) {
  let q = voteEligible(db, playerId, now, cfg.VOTE_MAX_VOTES, scope);
  // The backup AI aims at one quiet set (SPEC §10.3) instead of the queue's best.
  if (onlyId) q = q.where('ps.id', '=', onlyId);
  return q
    .select(['ps.id', 'ps.vote_count', 'ps.third_vote_at', 'ps.fifth_vote_at'])
    .orderBy(sql`CASE WHEN ps.vote_count >= 5 THEN 0 WHEN ps.vote_count >= 3 THEN 1 ELSE 2 END`)
    .orderBy(sql`CASE WHEN ps.vote_count >= 5 THEN ps.fifth_vote_at WHEN ps.vote_count >= 3 THEN ps.third_vote_at ELSE ps.created_at END`)
    .orderBy('ps.id')
    .limit(limit)
    .execute();
}

/**
 * Outstanding prompts (SPEC §5.2): the player's submitted solo prompts whose phraseset is not
 * finalized, including prompts still waiting for copies. Party prompts never count.
 */
export async function countOutstandingPrompts(db: Q, playerId: string, scope: GameScope = SOLO): Promise<number> {
  const r = await db
    .selectFrom('rounds as r')
    .where('r.player_id', '=', playerId)
    .where('r.type', '=', 'prompt')
    .where('r.status', '=', 'submitted')
    .where(inScope('r.party_session_id', scope))
    .where(({ not, exists, selectFrom, eb }) =>
      not(exists(selectFrom('phrasesets as ps').select('ps.id').where('ps.prompt_round_id', '=', eb.ref('r.id')).where('ps.status', '=', 'finalized'))),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
