import { sql } from 'kysely';
import { isUniqueViolation, type Tx } from '../db/tx.ts';
import type { RoundType } from '../db/schema-game.ts';
import { copyCost, type RoundEndReason } from '../domain/economy/index.ts';
import { DomainError } from '../domain/errors.ts';
import { lifecycleKey, PHRASESET_LIFECYCLE_JOB } from '../domain/phrasesets/index.ts';
import { validateCopyPhrase, validatePromptPhrase, type PhraseResult } from '../domain/phrases/index.ts';
import {
  abandonGate,
  decideRoundEnd,
  isOverdue,
  roundDeadline,
  ROUND_EXPIRY_JOB,
  roundExpiryKey,
  submissionCutoff,
  submitGate,
} from '../domain/rounds/index.ts';
import { newId, shuffle } from '../platform/random.ts';
import { scheduleJob } from '../scheduler/jobs.ts';
import { emitGameEvent, tx, type Deps } from './deps.ts';
import type { IdempotencyScope } from './idempotency.ts';
import { EntryType, HOUSE, player, pool, transfer } from './ledger.ts';
import { notifyAfterCommit } from './notifications.ts';
import {
  countOutstandingPrompts,
  countWaitingPromptsGlobal,
  loadVoteCandidates,
  lockNextCopyPrompt,
  SOLO,
  type GameScope,
} from './queues.ts';
import { orderVoteCandidates } from '../domain/phrasesets/index.ts';

/**
 * Solo rounds (SPEC §5): start (charge + deal in one transaction), submit, abandon, expire, feedback.
 *
 * Lock order, everywhere, so concurrent requests never deadlock:
 *   player → phraseset → prompt round → round → contributor rows.
 * Every use-case locks the player row first; that serialises one player's requests, and the partial
 * unique index `rounds_one_active_per_player` is the last line of defence (mapped to already_in_round).
 */

const ts = (d: Date) => d.toISOString();

// ---------------------------------------------------------------------------------------------
// Shared helpers (also used by phrasesets.ts and, later, party mode)

/**
 * Locks the player's row for this transaction. `FOR NO KEY UPDATE` excludes every other player lock
 * (this one and the `FOR UPDATE` of accounts, bonuses, quests) exactly as `FOR UPDATE` would, but not
 * the `FOR KEY SHARE` that foreign-key checks take: another player's transaction that inserts a row
 * referencing this player (a phraseset's contributors, a quest) does not wait for ours. A player's
 * id never changes, so nothing needs the stronger mode.
 */
export async function lockPlayer(t: Tx, playerId: string) {
  return t.db
    .selectFrom('players')
    .select(['id', 'username', 'balance', 'is_guest', 'is_ai', 'deleted_at'])
    .where('id', '=', playerId)
    .forNoKeyUpdate()
    .executeTakeFirstOrThrow();
}

export async function activeRoundOf(t: Tx | { db: Deps['db'] }, playerId: string) {
  return t.db.selectFrom('rounds').selectAll().where('player_id', '=', playerId).where('status', '=', 'active').executeTakeFirst();
}

/** Appends a row to a prompt's activity log (shown in the contributor view). */
export async function logActivity(
  t: Tx,
  a: { promptRoundId: string; phrasesetId?: string | null; type: string; playerId?: string | null; metadata?: Record<string, unknown>; now: Date },
): Promise<void> {
  await t.db
    .insertInto('phraseset_activity')
    .values({
      id: newId(),
      prompt_round_id: a.promptRoundId,
      phraseset_id: a.phrasesetId ?? null,
      activity_type: a.type,
      player_id: a.playerId ?? null,
      metadata: JSON.stringify(a.metadata ?? {}),
      created_at: a.now,
    })
    .execute();
}

/** Turns the last-line-of-defence unique violation into the rule's answer, never a 500. */
async function mapActiveRoundConflict<T>(deps: Deps, playerId: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (isUniqueViolation(e, 'rounds_one_active_per_player')) {
      const active = await activeRoundOf(deps, playerId);
      throw new DomainError('already_in_round', { round_id: active?.id ?? null });
    }
    throw e;
  }
}

/**
 * Inside a start transaction (player locked): an overdue active round is expired on the spot; a live
 * one is `already_in_round` with its id.
 */
async function ensureNoActiveRound(t: Tx, deps: Deps, playerId: string, now: Date): Promise<void> {
  const active = await activeRoundOf(t, playerId);
  if (!active) return;
  if (isOverdue(active, now, deps.config)) {
    await endRoundInTx(t, deps, active.id, 'expired', now);
    return;
  }
  throw new DomainError('already_in_round', { round_id: active.id });
}

interface NewRound {
  playerId: string;
  type: RoundType;
  cost: number;
  now: Date;
  partySessionId?: string | null;
  promptId?: string | null;
  promptText?: string | null;
  promptRoundId?: string | null;
  originalPhrase?: string | null;
  discountActive?: boolean | null;
  phrasesetId?: string | null;
  phraseOrder?: string[] | null;
  /** A party round may end earlier than its normal timer (phase deadline). */
  expiresAt?: Date;
}

/**
 * Inserts an active round, charges its entry fee (player → house) and schedules its expiry at
 * `expires_at + grace`, all in the caller's transaction (SPEC §3.2, §5.8).
 */
export async function createRoundInTx(t: Tx, deps: Deps, r: NewRound) {
  const id = newId();
  const expiresAt = r.expiresAt ?? roundDeadline(r.type, r.now, deps.config);
  const row = await t.db
    .insertInto('rounds')
    .values({
      id,
      player_id: r.playerId,
      type: r.type,
      status: 'active',
      cost: r.cost,
      created_at: r.now,
      expires_at: expiresAt,
      ended_at: null,
      submitted_phrase: null,
      party_session_id: r.partySessionId ?? null,
      prompt_id: r.promptId ?? null,
      prompt_text: r.promptText ?? null,
      prompt_round_id: r.promptRoundId ?? null,
      original_phrase: r.originalPhrase ?? null,
      discount_active: r.discountActive ?? null,
      phraseset_id: r.phrasesetId ?? null,
      phrase_order: r.phraseOrder ? JSON.stringify(r.phraseOrder) : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const type = r.type === 'prompt' ? EntryType.prompt_entry : r.type === 'copy' ? EntryType.copy_entry : EntryType.vote_entry;
  const charged = await transfer(t, { from: player(r.playerId), to: HOUSE, amount: r.cost, type, referenceId: id, now: r.now });
  await scheduleJob(t, { kind: ROUND_EXPIRY_JOB, subjectId: id, dedupeKey: roundExpiryKey(id), dueAt: submissionCutoff(expiresAt, deps.config), now: r.now });
  return { round: row, balance: charged.fromBalance };
}

// ---------------------------------------------------------------------------------------------
// Expiry, abandonment, cancellation

export interface RoundEndResult {
  roundId: string;
  type: RoundType;
  status: 'expired' | 'abandoned' | 'cancelled';
  refund: number;
  penaltyKept: number;
  /** The player's balance after the refund. */
  newBalance: number;
}

/**
 * Ends an active round without a submission (its timer ran out, its player abandoned it, or the server
 * cut it short) in the caller's transaction, which must already hold the player's row lock.
 * Refunds per SPEC §3.6, returns a copy's prompt to the queue (the cooldown is the round row itself),
 * frees a vote round's reserved slot. Returns null when there is nothing to do (not active, or not
 * yet overdue for `expired`), so jobs and lazy checks may call it any number of times.
 */
export async function endRoundInTx(t: Tx, deps: Deps, roundId: string, reason: RoundEndReason, now: Date): Promise<RoundEndResult | null> {
  const pre = await t.db.selectFrom('rounds').select(['type', 'phraseset_id', 'prompt_round_id', 'status']).where('id', '=', roundId).executeTakeFirst();
  if (!pre || pre.status !== 'active') return null;
  // Lock order: phraseset / prompt round before the round itself.
  if (pre.type === 'vote' && pre.phraseset_id) {
    await t.db.selectFrom('phrasesets').select('id').where('id', '=', pre.phraseset_id).forUpdate().executeTakeFirst();
  }
  if (pre.type === 'copy' && pre.prompt_round_id) {
    await t.db.selectFrom('rounds').select('id').where('id', '=', pre.prompt_round_id).forUpdate().executeTakeFirst();
  }
  const round = await t.db.selectFrom('rounds').selectAll().where('id', '=', roundId).forUpdate().executeTakeFirstOrThrow();
  const d = decideRoundEnd(round, reason, now, deps.config);
  if (!d.end) return null;
  await t.db.updateTable('rounds').set({ status: d.status, ended_at: now }).where('id', '=', roundId).execute();
  const refunded = await transfer(t, { from: HOUSE, to: player(round.player_id), amount: d.refund, type: EntryType.refund, referenceId: roundId, now });
  let newBalance = refunded.toBalance;
  if (newBalance === null) {
    const p = await t.db.selectFrom('players').select('balance').where('id', '=', round.player_id).executeTakeFirstOrThrow();
    newBalance = p.balance;
  }
  if (round.type === 'copy' && round.prompt_round_id) {
    await t.db
      .updateTable('rounds')
      .set({ copies_claimed: sql`copies_claimed - 1` })
      .where('id', '=', round.prompt_round_id)
      .where('copies_claimed', '>', 0)
      .execute();
  }
  if (round.type === 'vote' && round.phraseset_id) {
    const ps = await t.db
      .updateTable('phrasesets')
      .set({ vote_slots_taken: sql`vote_slots_taken - 1` })
      .where('id', '=', round.phraseset_id)
      .where('vote_slots_taken', '>', 0)
      .returning(['id', 'status', 'party_session_id'])
      .executeTakeFirst();
    // A closed set may have been waiting for this round before finalizing: look again now.
    if (ps && ps.status === 'closed' && ps.party_session_id === null) {
      await scheduleJob(t, { kind: PHRASESET_LIFECYCLE_JOB, subjectId: ps.id, dedupeKey: lifecycleKey(ps.id, 'round-ended', now), dueAt: now, now });
    }
  }
  return { roundId, type: round.type, status: d.status, refund: d.refund, penaltyKept: d.penaltyKept, newBalance };
}

/**
 * Expires every overdue active round of the player (refund minus penalty, copy back to the queue).
 * The round-expiry job and every read or start for that player call this same function first, so a
 * player is never blocked by a round that has run out (SPEC §5.8). Idempotent.
 */
export async function expireOverdueRounds(deps: Deps, o: { playerId: string; now?: Date }): Promise<void> {
  const now = o.now ?? deps.clock.now();
  const before = new Date(now.getTime() - deps.config.GRACE_PERIOD_SECONDS * 1000);
  const overdue = await deps.db
    .selectFrom('rounds')
    .select('id')
    .where('player_id', '=', o.playerId)
    .where('status', '=', 'active')
    .where('expires_at', '<=', before)
    .execute();
  if (overdue.length === 0) return;
  await tx(deps, async (t) => {
    await lockPlayer(t, o.playerId);
    for (const r of overdue) await endRoundInTx(t, deps, r.id, 'expired', now);
  });
}

/** The round-expiry job's body: expire one round if it is (still) active and overdue. */
export async function expireRound(deps: Deps, roundId: string, now: Date, inSameTx?: (t: Tx) => Promise<void>): Promise<RoundEndResult | null> {
  const r = await deps.db.selectFrom('rounds').select('player_id').where('id', '=', roundId).executeTakeFirst();
  return tx(deps, async (t) => {
    let result: RoundEndResult | null = null;
    if (r) {
      await lockPlayer(t, r.player_id);
      result = await endRoundInTx(t, deps, roundId, 'expired', now);
    }
    if (inSameTx) await inSameTx(t);
    return result;
  });
}

/** Account deletion (SPEC §2.8): the player's active solo round is abandoned, refund minus penalty. */
export async function abandonActiveSoloRoundOnDelete(deps: Deps, t: Tx, playerId: string, now: Date): Promise<void> {
  const active = await t.db
    .selectFrom('rounds')
    .select('id')
    .where('player_id', '=', playerId)
    .where('status', '=', 'active')
    .where('party_session_id', 'is', null)
    .execute();
  for (const r of active) await endRoundInTx(t, deps, r.id, 'abandoned', now);
}

// ---------------------------------------------------------------------------------------------
// Starting rounds

/**
 * The frame of every round start: expire the player's overdue round first, then one transaction
 * that locks the player and refuses a second active round; a race lost on the one-active-round
 * index is `already_in_round` too.
 */
async function startRoundTx<T>(
  deps: Deps,
  playerId: string,
  idem: IdempotencyScope | undefined,
  body: (t: Tx, p: Awaited<ReturnType<typeof lockPlayer>>, now: Date) => Promise<T>,
): Promise<T> {
  await expireOverdueRounds(deps, { playerId });
  const now = deps.clock.now();
  return mapActiveRoundConflict(deps, playerId, () =>
    tx(
      deps,
      async (t) => {
        const p = await lockPlayer(t, playerId);
        await ensureNoActiveRound(t, deps, playerId, now);
        return body(t, p, now);
      },
      idem,
    ),
  );
}

/**
 * `POST /rounds/prompt` (SPEC §5.2). Checks in the catalogue's order (Appendix A: conflict,
 * availability, money): already_in_round → max_outstanding_quips → insufficient_balance. Deals a random
 * enabled prompt the player has not been dealt before (any, once all are seen).
 */
export async function startPromptRound(deps: Deps, playerId: string, idem?: IdempotencyScope) {
  const cfg = deps.config;
  return startRoundTx(deps, playerId, idem, async (t, p, now) => {
    const max = p.is_guest ? cfg.MAX_OUTSTANDING_QUIPS_GUEST : cfg.MAX_OUTSTANDING_QUIPS;
    const outstanding = await countOutstandingPrompts(t.db, playerId);
    if (outstanding >= max) {
      throw new DomainError('max_outstanding_quips', { message: `You already have ${outstanding} prompts waiting for results (limit ${max})` });
    }
    if (p.balance < cfg.PROMPT_COST) throw new DomainError('insufficient_balance', { message: `A prompt round costs ${cfg.PROMPT_COST}` });
    const prompt = await dealPrompt(t, deps, playerId);
    const { round } = await createRoundInTx(t, deps, { playerId, type: 'prompt', cost: cfg.PROMPT_COST, now, promptId: prompt.id, promptText: prompt.text });
    return { round_id: round.id, prompt_text: prompt.text, expires_at: ts(round.expires_at), cost: round.cost };
  });
}

// A stable, collation-independent order, so a seeded random source deals the same prompts on every database.
const BY_KEY = sql`key COLLATE "C"`;

async function dealPrompt(t: Tx, deps: Deps, playerId: string) {
  const fresh = await t.db
    .selectFrom('prompts')
    .select(['id', 'text'])
    .where('enabled', '=', true)
    .where('id', 'not in', (eb) => eb.selectFrom('rounds').select('prompt_id as id').where('player_id', '=', playerId).where('type', '=', 'prompt').where('prompt_id', 'is not', null).$narrowType<{ id: string }>())
    .orderBy(BY_KEY)
    .execute();
  const choices = fresh.length > 0 ? fresh : await t.db.selectFrom('prompts').select(['id', 'text']).where('enabled', '=', true).orderBy(BY_KEY).execute();
  if (choices.length === 0) throw new DomainError('no_prompts_available', { message: 'The prompt library is empty' });
  return choices[deps.random.int(choices.length)]!;
}

/**
 * `POST /rounds/copy` (SPEC §5.3). Order: already_in_round → no_prompts_available → price_changed →
 * insufficient_balance. The oldest eligible prompt is locked (SKIP LOCKED), its price decided from the
 * same transaction's count, and the claim (copies_claimed + 1) and the charge commit together.
 */
export async function startCopyRound(deps: Deps, playerId: string, opts: { expectedCost?: number } = {}, idem?: IdempotencyScope) {
  const cfg = deps.config;
  return startRoundTx(deps, playerId, idem, async (t, p, now) => {
    const prompt = await lockNextCopyPrompt(t.db, playerId, now, cfg, SOLO);
    if (!prompt || prompt.submitted_phrase === null) throw new DomainError('no_prompts_available', { message: 'No prompts are waiting for a copy right now' });
    const price = copyCost(await countWaitingPromptsGlobal(t.db, SOLO), cfg);
    if (opts.expectedCost !== undefined && opts.expectedCost !== price.cost) {
      throw new DomainError('price_changed', { copy_cost: price.cost, message: `The copy price is now ${price.cost}` });
    }
    if (p.balance < price.cost) throw new DomainError('insufficient_balance', { message: `A copy round costs ${price.cost}` });
    await t.db.updateTable('rounds').set({ copies_claimed: sql`copies_claimed + 1` }).where('id', '=', prompt.id).execute();
    const { round } = await createRoundInTx(t, deps, {
      playerId,
      type: 'copy',
      cost: price.cost,
      now,
      promptRoundId: prompt.id,
      originalPhrase: prompt.submitted_phrase,
      discountActive: price.discount_active,
    });
    return {
      round_id: round.id,
      original_phrase: prompt.submitted_phrase,
      prompt_round_id: prompt.id,
      expires_at: ts(round.expires_at),
      cost: round.cost,
      discount_active: price.discount_active,
    };
  });
}

/**
 * `POST /rounds/vote` (SPEC §5.4). Order: already_in_round → no_phrasesets_available →
 * insufficient_balance. Takes the best phraseset by queue priority that still has a free slot, reserving
 * the slot with a conditional increment (two voters never overfill a set), and fixes the shown order of
 * the three phrases for this round. `target` deals that one set only (the backup AI, SPEC §10.3).
 */
export async function startVoteRound(deps: Deps, playerId: string, idem?: IdempotencyScope, target?: { phrasesetId: string }) {
  const cfg = deps.config;
  return startRoundTx(deps, playerId, idem, async (t, p, now) => {
    const eligible = await loadVoteCandidates(t.db, playerId, now, cfg, SOLO, 200, target?.phrasesetId);
    const candidates = orderVoteCandidates(eligible, (n) => deps.random.int(n));
    const reserve = (id: string) =>
      t.db
        .updateTable('phrasesets')
        .set({ vote_slots_taken: sql`vote_slots_taken + 1` })
        .where('id', '=', id)
        .where('status', 'in', ['open', 'closing'])
        .where('vote_slots_taken', '<', cfg.VOTE_MAX_VOTES)
        .where((eb) => eb.or([eb('closes_at', 'is', null), eb('closes_at', '>', now)]))
        .returning(['id', 'prompt_text', 'original_phrase', 'copy_phrase_1', 'copy_phrase_2'])
        .executeTakeFirst();
    let chosen: Awaited<ReturnType<typeof reserve>>;
    // A set another transaction holds right now (a vote being counted on it) is passed over for the
    // next by priority, so concurrent voters spread out instead of queueing on one row. Only when
    // every candidate is busy do we wait for them in priority order.
    for (const c of candidates) {
      const free = await t.db.selectFrom('phrasesets').select('id').where('id', '=', c.id).forUpdate().skipLocked().executeTakeFirst();
      if (free && (chosen = await reserve(c.id))) break;
    }
    for (const c of chosen ? [] : candidates) {
      if ((chosen = await reserve(c.id))) break;
    }
    if (!chosen) throw new DomainError('no_phrasesets_available', { message: 'No phrasesets are waiting for your vote right now' });
    if (p.balance < cfg.VOTE_COST) throw new DomainError('insufficient_balance', { message: `A vote round costs ${cfg.VOTE_COST}` });
    const phrases = shuffle([chosen.original_phrase, chosen.copy_phrase_1, chosen.copy_phrase_2], deps.random);
    const { round } = await createRoundInTx(t, deps, {
      playerId,
      type: 'vote',
      cost: cfg.VOTE_COST,
      now,
      phrasesetId: chosen.id,
      promptText: chosen.prompt_text,
      phraseOrder: phrases,
    });
    return { round_id: round.id, phraseset_id: chosen.id, prompt_text: chosen.prompt_text, phrases, expires_at: ts(round.expires_at), cost: round.cost };
  });
}

// ---------------------------------------------------------------------------------------------
// Submitting

/** Loads the caller's round or answers 404 `not_found` (missing or someone else's: existence is not leaked). */
async function ownRound(t: Tx | { db: Deps['db'] }, playerId: string, roundId: string) {
  const r = await t.db.selectFrom('rounds').selectAll().where('id', '=', roundId).executeTakeFirst();
  if (!r || r.player_id !== playerId) throw new DomainError('not_found', { message: 'Round not found' });
  return r;
}

function rejectPhrase(res: PhraseResult): asserts res is { ok: true; phrase: string } {
  if (!res.ok) throw new DomainError(res.code, { message: res.message });
}

/**
 * `POST /rounds/{round_id}/submit` for prompt and copy rounds (SPEC §5.5). Checks: not_found →
 * invalid_round_type → round_not_active → expired → phrase rules. A copy locks its prompt row, so the two
 * copies of one prompt are checked against each other; the second copy creates the phraseset.
 */
export async function submitRound(deps: Deps, playerId: string, roundId: string, rawPhrase: string, idem?: IdempotencyScope) {
  await expireOverdueRounds(deps, { playerId });
  const now = deps.clock.now();
  return tx(
    deps,
    async (t) => {
      const actor = await lockPlayer(t, playerId);
      const pre = await ownRound(t, playerId, roundId);
      const early = submitGate(pre, now, deps.config);
      if (early) throw new DomainError(early);
      if (pre.type === 'copy' && pre.prompt_round_id) {
        await t.db.selectFrom('rounds').select('id').where('id', '=', pre.prompt_round_id).forUpdate().executeTakeFirst();
      }
      const round = await t.db.selectFrom('rounds').selectAll().where('id', '=', roundId).forUpdate().executeTakeFirstOrThrow();
      const gate = submitGate(round, now, deps.config);
      if (gate) throw new DomainError(gate);

      if (round.type === 'prompt') {
        const res = validatePromptPhrase(rawPhrase, round.prompt_text ?? '');
        rejectPhrase(res);
        await t.db.updateTable('rounds').set({ status: 'submitted', submitted_phrase: res.phrase, ended_at: now }).where('id', '=', roundId).execute();
        await logActivity(t, { promptRoundId: round.id, type: 'prompt_submitted', playerId, now });
        await emitGameEvent(deps, t, { type: 'round_submitted', playerId, roundType: 'prompt', roundId, partySessionId: round.party_session_id }, now);
        return { success: true, phrase: res.phrase };
      }

      // A copy round.
      const promptRoundId = round.prompt_round_id!;
      const other = await t.db
        .selectFrom('rounds')
        .select(['id', 'submitted_phrase', 'player_id', 'ended_at'])
        .where('prompt_round_id', '=', promptRoundId)
        .where('type', '=', 'copy')
        .where('status', '=', 'submitted')
        .where('id', '<>', roundId)
        .executeTakeFirst();
      const res = validateCopyPhrase(rawPhrase, round.original_phrase ?? '', other?.submitted_phrase ?? null);
      rejectPhrase(res);
      await t.db.updateTable('rounds').set({ status: 'submitted', submitted_phrase: res.phrase, ended_at: now }).where('id', '=', roundId).execute();
      const prompt = await t.db
        .updateTable('rounds')
        .set({ copies_submitted: sql`copies_submitted + 1` })
        .where('id', '=', promptRoundId)
        .returningAll()
        .executeTakeFirstOrThrow();
      await logActivity(t, { promptRoundId, type: 'copy_submitted', playerId, metadata: { copy_number: prompt.copies_submitted }, now });
      await emitGameEvent(deps, t, { type: 'round_submitted', playerId, roundType: 'copy', roundId, partySessionId: round.party_session_id }, now);
      let phrasesetId: string | null = null;
      if (prompt.copies_submitted === 2 && other?.submitted_phrase) {
        phrasesetId = await createPhrasesetInTx(t, deps, {
          prompt,
          copy1: { roundId: other.id, playerId: other.player_id, phrase: other.submitted_phrase },
          copy2: { roundId, playerId, phrase: res.phrase },
          now,
        });
      }
      notifyAfterCommit(t, deps, [{ playerId: prompt.player_id, phraseText: prompt.submitted_phrase ?? '' }], {
        notification_type: 'copy_submitted',
        actor_username: actor.username,
        phraseset_id: phrasesetId,
        now,
      });
      return { success: true, phrase: res.phrase };
    },
    idem,
  );
}

/**
 * Creates the phraseset when the second copy is submitted (SPEC §3.3, §5.5): one per prompt round
 * (unique index), its three contributors, and the house funds its pool with `PRIZE_POOL_BASE`.
 */
export async function createPhrasesetInTx(
  t: Tx,
  deps: Deps,
  c: {
    prompt: { id: string; player_id: string; prompt_text: string | null; submitted_phrase: string | null; party_session_id: string | null };
    copy1: { roundId: string; playerId: string; phrase: string };
    copy2: { roundId: string; playerId: string; phrase: string };
    now: Date;
  },
): Promise<string> {
  const id = newId();
  const original = c.prompt.submitted_phrase ?? '';
  await t.db
    .insertInto('phrasesets')
    .values({
      id,
      prompt_round_id: c.prompt.id,
      prompt_text: c.prompt.prompt_text ?? '',
      original_phrase: original,
      copy_phrase_1: c.copy1.phrase,
      copy_phrase_2: c.copy2.phrase,
      status: 'open',
      third_vote_at: null,
      fifth_vote_at: null,
      closes_at: null,
      last_activity_at: c.now,
      total_pool: null,
      created_at: c.now,
      finalized_at: null,
      party_session_id: c.prompt.party_session_id,
    })
    .execute();
  await t.db
    .insertInto('phraseset_contributors')
    .values([
      { phraseset_id: id, role: 'prompt', player_id: c.prompt.player_id, round_id: c.prompt.id, phrase: original, points: null, payout: null, claimed_at: null, result_viewed_at: null },
      { phraseset_id: id, role: 'copy1', player_id: c.copy1.playerId, round_id: c.copy1.roundId, phrase: c.copy1.phrase, points: null, payout: null, claimed_at: null, result_viewed_at: null },
      { phraseset_id: id, role: 'copy2', player_id: c.copy2.playerId, round_id: c.copy2.roundId, phrase: c.copy2.phrase, points: null, payout: null, claimed_at: null, result_viewed_at: null },
    ])
    .execute();
  await transfer(t, { from: HOUSE, to: pool(id), amount: deps.config.PRIZE_POOL_BASE, type: EntryType.pool_funding, referenceId: id, now: c.now });
  await logActivity(t, { promptRoundId: c.prompt.id, phrasesetId: id, type: 'phraseset_created', now: c.now });
  await t.db.updateTable('phraseset_activity').set({ phraseset_id: id }).where('prompt_round_id', '=', c.prompt.id).where('phraseset_id', 'is', null).execute();
  return id;
}

// ---------------------------------------------------------------------------------------------
// Abandoning

/**
 * `POST /rounds/{round_id}/abandon` (SPEC §5.7): refunds `cost − ABANDONED_PENALTY` and frees the
 * player; an abandoned copy returns its prompt to the queue (and starts the player's cooldown on it).
 * Checks as for submit (not_found → invalid_round_type → round_not_active → expired).
 */
export async function abandonRound(deps: Deps, playerId: string, roundId: string, idem?: IdempotencyScope) {
  await expireOverdueRounds(deps, { playerId });
  const now = deps.clock.now();
  return tx(
    deps,
    async (t) => {
      await lockPlayer(t, playerId);
      const round = await ownRound(t, playerId, roundId);
      const gate = abandonGate(round, now, deps.config);
      if (gate) throw new DomainError(gate);
      const r = await endRoundInTx(t, deps, roundId, 'abandoned', now);
      if (!r) throw new DomainError('round_not_active');
      return {
        round_id: roundId,
        round_type: r.type,
        status: 'abandoned' as const,
        refund_amount: r.refund,
        penalty_kept: r.penaltyKept,
        new_balance: r.newBalance,
        message: `Round abandoned: ${r.refund} refunded, ${r.penaltyKept} kept as the penalty`,
      };
    },
    idem,
  );
}

// ---------------------------------------------------------------------------------------------
// Prompt feedback (seed: prompt rounds only, upsert)

async function feedbackRound(deps: Deps, playerId: string, roundId: string) {
  const round = await ownRound(deps, playerId, roundId);
  if (round.type !== 'prompt' || !round.prompt_id) throw new DomainError('invalid_round_type', { message: 'Feedback is only for prompt rounds' });
  return round as typeof round & { prompt_id: string };
}

export async function submitPromptFeedback(deps: Deps, playerId: string, roundId: string, feedbackType: 'like' | 'dislike', idem?: IdempotencyScope) {
  const round = await feedbackRound(deps, playerId, roundId);
  const now = deps.clock.now();
  return tx(
    deps,
    async (t) => {
      await t.db
        .insertInto('prompt_feedback')
        .values({ id: newId(), round_id: round.id, player_id: playerId, prompt_id: round.prompt_id, feedback_type: feedbackType, created_at: now, updated_at: now })
        .onConflict((oc) => oc.column('round_id').doUpdateSet({ feedback_type: feedbackType, updated_at: now }))
        .execute();
      await emitGameEvent(deps, t, { type: 'feedback_given', playerId, roundId: round.id }, now);
      return { success: true, feedback_type: feedbackType, message: 'Feedback submitted successfully' };
    },
    idem,
  );
}

export async function getPromptFeedback(deps: Deps, playerId: string, roundId: string) {
  const round = await feedbackRound(deps, playerId, roundId);
  const f = await deps.db.selectFrom('prompt_feedback').select(['id', 'feedback_type', 'updated_at']).where('round_id', '=', round.id).executeTakeFirst();
  return { feedback_type: f?.feedback_type ?? null, feedback_id: f?.id ?? null, last_updated_at: f ? ts(f.updated_at) : null };
}

export type { GameScope };
