import { isUniqueViolation, type Tx } from '../db/tx.ts';
import type { ContributorRole } from '../db/schema-game.ts';
import { splitPool, votePayout } from '../domain/economy/index.ts';
import { DomainError } from '../domain/errors.ts';
import { decideLifecycle, lifecycleKey, PHRASESET_LIFECYCLE_JOB, recordVote, type Timeline } from '../domain/phrasesets/index.ts';
import { validateVoteChoice } from '../domain/phrases/index.ts';
import { isOverdue, submissionCutoff } from '../domain/rounds/index.ts';
import { newId } from '../platform/random.ts';
import { scheduleJob } from '../scheduler/jobs.ts';
import { emitGameEvent, tx, type Deps } from './deps.ts';
import type { IdempotencyScope } from './idempotency.ts';
import { EntryType, HOUSE, player, pool, transfer } from './ledger.ts';
import { notifyAfterCommit, SYSTEM_ACTOR } from './notifications.ts';
import { expireOverdueRounds, lockPlayer, logActivity } from './rounds.ts';

/**
 * Phrasesets (SPEC §3.3–§3.5, §5.6, §5.11): votes, the voting lifecycle, finalization and prize claims.
 * Lock order as in rounds.ts: player → phraseset → round → contributor rows.
 */

type PhrasesetRow = NonNullable<Awaited<ReturnType<typeof lockPhraseset>>>;

async function lockPhraseset(t: Tx, id: string) {
  return t.db.selectFrom('phrasesets').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

const timelineOf = (p: { status: Timeline['status']; vote_count: number; third_vote_at: Date | null; fifth_vote_at: Date | null; closes_at: Date | null }): Timeline => ({
  status: p.status,
  vote_count: p.vote_count,
  third_vote_at: p.third_vote_at,
  fifth_vote_at: p.fifth_vote_at,
  closes_at: p.closes_at,
});

/** `phrase_order` as stored (jsonb; a driver may hand it back as text). */
function phraseList(v: unknown): string[] {
  const parsed = typeof v === 'string' ? (JSON.parse(v) as unknown) : v;
  return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
}

/** Votes per role of a phraseset (the phrases are distinct, so a vote names exactly one role). */
export async function loadVoteCounts(
  q: { db: Deps['db'] } | Tx,
  ps: { id: string; original_phrase: string; copy_phrase_1: string; copy_phrase_2: string },
): Promise<{ original: number; copy1: number; copy2: number }> {
  const counts = await q.db
    .selectFrom('votes')
    .select(['voted_phrase', (eb) => eb.fn.countAll<number>().as('n')])
    .where('phraseset_id', '=', ps.id)
    .groupBy('voted_phrase')
    .execute();
  const n = (phrase: string) => Number(counts.find((c) => c.voted_phrase === phrase)?.n ?? 0);
  return { original: n(ps.original_phrase), copy1: n(ps.copy_phrase_1), copy2: n(ps.copy_phrase_2) };
}

/** `expires_at + grace` of the vote rounds on this set that are still active. */
async function pendingVoteCutoffs(q: { db: Deps['db'] } | Tx, deps: Deps, phrasesetId: string): Promise<Date[]> {
  const rows = await q.db.selectFrom('rounds').select('expires_at').where('phraseset_id', '=', phrasesetId).where('type', '=', 'vote').where('status', '=', 'active').execute();
  return rows.map((r) => submissionCutoff(r.expires_at, deps.config));
}

/**
 * The lifecycle decision for `ps` at `now`. The pending vote rounds matter only to a closed set (they
 * hold its finalization back; `decideLifecycle` reads them in that branch alone), so they are loaded
 * only when the set is, or becomes, closed: one query less on every vote, under the phraseset's lock.
 */
async function decideAt(q: { db: Deps['db'] } | Tx, deps: Deps, ps: PhrasesetRow, now: Date) {
  const withoutRounds = decideLifecycle(timelineOf(ps), now, [], deps.config);
  if (withoutRounds.status !== 'closed' && !withoutRounds.finalize) return withoutRounds;
  return decideLifecycle(timelineOf(ps), now, await pendingVoteCutoffs(q, deps, ps.id), deps.config);
}

/**
 * Applies the lifecycle decision to a LOCKED solo phraseset at `now`: close, finalize, and schedule the
 * next wake-up (a job per transition and due time). Party phrasesets have no voting windows (§9.7).
 */
async function applyLifecycleInTx(t: Tx, deps: Deps, ps: PhrasesetRow, now: Date): Promise<void> {
  if (ps.party_session_id !== null || ps.status === 'finalized') return;
  const d = await decideAt(t, deps, ps, now);
  if (d.finalize) {
    await finalizeInTx(t, deps, ps.id, now);
    return;
  }
  if (d.changed) {
    await t.db.updateTable('phrasesets').set({ status: d.status }).where('id', '=', ps.id).execute();
    await logActivity(t, { promptRoundId: ps.prompt_round_id, phrasesetId: ps.id, type: `phraseset_${d.status}`, now });
  }
  if (d.wakeAt && d.wakeFor) {
    await scheduleJob(t, { kind: PHRASESET_LIFECYCLE_JOB, subjectId: ps.id, dedupeKey: lifecycleKey(ps.id, d.wakeFor, d.wakeAt), dueAt: d.wakeAt, now });
  }
}

/**
 * Finalizes a locked phraseset exactly once (SPEC §3.4): the split is computed from the votes and the
 * pool, stored per writer (points, payout), the rounding leftover goes to the house, and the payouts
 * stay in the pool until each writer claims them (§3.5).
 */
async function finalizeInTx(t: Tx, deps: Deps, phrasesetId: string, now: Date): Promise<void> {
  const ps = await t.db.selectFrom('phrasesets').selectAll().where('id', '=', phrasesetId).executeTakeFirstOrThrow();
  if (ps.status === 'finalized') return;
  const split = splitPool({ pool: ps.pool_amount, votes: await loadVoteCounts(t, ps) }, deps.config);
  for (const role of ['prompt', 'copy1', 'copy2'] as const) {
    await t.db.updateTable('phraseset_contributors').set({ points: split[role].points, payout: split[role].payout }).where('phraseset_id', '=', ps.id).where('role', '=', role).execute();
  }
  await transfer(t, { from: pool(ps.id), to: HOUSE, amount: split.leftover, type: EntryType.pool_leftover, referenceId: ps.id, now });
  await t.db.updateTable('phrasesets').set({ status: 'finalized', finalized_at: now, total_pool: ps.pool_amount }).where('id', '=', ps.id).execute();
  await logActivity(t, {
    promptRoundId: ps.prompt_round_id,
    phrasesetId: ps.id,
    type: 'finalized',
    metadata: { total_pool: ps.pool_amount, total_votes: ps.vote_count, payouts: { prompt: split.prompt.payout, copy1: split.copy1.payout, copy2: split.copy2.payout } },
    now,
  });
  await emitGameEvent(deps, t, { type: 'phraseset_finalized', phrasesetId: ps.id }, now);
  const writers = await t.db.selectFrom('phraseset_contributors').select(['player_id', 'phrase']).where('phraseset_id', '=', ps.id).execute();
  notifyAfterCommit(
    t,
    deps,
    writers.map((w) => ({ playerId: w.player_id, phraseText: w.phrase })),
    { notification_type: 'phraseset_finalized', actor_username: SYSTEM_ACTOR, phraseset_id: ps.id, now },
  );
}

/**
 * Moves a phraseset along its lifecycle if time has moved it (SPEC §5.11): reads call this first, and
 * the lifecycle job calls the same code. Cheap when nothing is due (no transaction). Idempotent.
 */
export async function advancePhraseset(deps: Deps, phrasesetId: string): Promise<void> {
  await advancePhrasesetAt(deps, phrasesetId, deps.clock.now());
}

/** The lifecycle job's body; `inSameTx` completes the job in the transaction that did the work. */
export async function advancePhrasesetAt(deps: Deps, phrasesetId: string, now: Date, inSameTx?: (t: Tx) => Promise<void>): Promise<void> {
  const ps = await deps.db.selectFrom('phrasesets').selectAll().where('id', '=', phrasesetId).executeTakeFirst();
  if (!ps || ps.status === 'finalized' || ps.party_session_id !== null) return;
  const d = await decideAt(deps, deps, ps, now);
  if (!d.changed && !d.finalize) return;
  await tx(deps, async (t) => {
    const locked = await lockPhraseset(t, phrasesetId);
    if (locked) await applyLifecycleInTx(t, deps, locked, now);
    if (inSameTx) await inSameTx(t);
  });
}

// ---------------------------------------------------------------------------------------------
// Voting

/**
 * `POST /phrasesets/{phraseset_id}/vote` (SPEC §5.6). Checks in the catalogue's order:
 * phraseset_not_found → no_active_vote_round → not_in_vote_round → phraseset_mismatch → expired →
 * invalid_phrase → already_voted → own_phraseset. With no active round, a player who already voted on
 * this set gets `already_voted` and one whose vote round on it ran out gets `expired` (the reason is
 * more useful than "No active vote round"). The house moves `VOTE_COST` into the pool and a correct vote
 * is paid from the pool in the same transaction; the lifecycle advances inline (the 3rd, 5th and last
 * votes move it).
 */
export async function submitVote(deps: Deps, playerId: string, phrasesetId: string, rawPhrase: string, idem?: IdempotencyScope) {
  await expireOverdueRounds(deps, { playerId });
  const now = deps.clock.now();
  const cfg = deps.config;
  try {
    return await tx(
      deps,
      async (t) => {
        const voter = await lockPlayer(t, playerId);
        const ps = await lockPhraseset(t, phrasesetId);
        if (!ps) throw new DomainError('phraseset_not_found');
        const round = await t.db.selectFrom('rounds').selectAll().where('player_id', '=', playerId).where('status', '=', 'active').forUpdate().executeTakeFirst();
        if (!round) {
          const voted = await t.db.selectFrom('votes').select('id').where('phraseset_id', '=', ps.id).where('player_id', '=', playerId).executeTakeFirst();
          if (voted) throw new DomainError('already_voted');
          const last = await t.db.selectFrom('rounds').select(['type', 'phraseset_id', 'status']).where('player_id', '=', playerId).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
          if (last && last.type === 'vote' && last.phraseset_id === ps.id && last.status === 'expired') throw new DomainError('expired');
          throw new DomainError('no_active_vote_round');
        }
        if (round.type !== 'vote') throw new DomainError('not_in_vote_round');
        if (round.phraseset_id !== ps.id) throw new DomainError('phraseset_mismatch');
        if (isOverdue(round, now, cfg) || ps.status === 'finalized') throw new DomainError('expired');
        const choice = validateVoteChoice(rawPhrase, phraseList(round.phrase_order));
        if (!choice.ok) throw new DomainError(choice.code, { message: choice.message });
        const voted = await t.db.selectFrom('votes').select('id').where('phraseset_id', '=', ps.id).where('player_id', '=', playerId).executeTakeFirst();
        if (voted) throw new DomainError('already_voted');
        // The three writers: the own-set check now, the notifications after commit.
        const writers = await t.db.selectFrom('phraseset_contributors').select(['player_id', 'phrase']).where('phraseset_id', '=', ps.id).execute();
        if (writers.some((w) => w.player_id === playerId)) throw new DomainError('own_phraseset');

        const correct = choice.phrase === ps.original_phrase;
        const payout = votePayout(correct, cfg);
        const voteId = newId();
        await t.db
          .insertInto('votes')
          .values({ id: voteId, phraseset_id: ps.id, player_id: playerId, round_id: round.id, voted_phrase: choice.phrase, correct, payout, created_at: now })
          .execute();
        await t.db.updateTable('rounds').set({ status: 'submitted', submitted_phrase: choice.phrase, ended_at: now }).where('id', '=', round.id).execute();
        await transfer(t, { from: HOUSE, to: pool(ps.id), amount: cfg.VOTE_COST, type: EntryType.vote_to_pool, referenceId: voteId, now });
        await transfer(t, { from: pool(ps.id), to: player(playerId), amount: payout, type: EntryType.vote_payout, referenceId: voteId, now });

        const next = ps.party_session_id === null ? recordVote(timelineOf(ps), now, cfg) : { ...timelineOf(ps), vote_count: ps.vote_count + 1 };
        const changes = { vote_count: next.vote_count, third_vote_at: next.third_vote_at, fifth_vote_at: next.fifth_vote_at, closes_at: next.closes_at, status: next.status, last_activity_at: now };
        await t.db.updateTable('phrasesets').set(changes).where('id', '=', ps.id).execute();
        await logActivity(t, { promptRoundId: ps.prompt_round_id, phrasesetId: ps.id, type: 'vote_recorded', playerId, metadata: { phrase: choice.phrase, correct }, now });
        await emitGameEvent(deps, t, { type: 'round_submitted', playerId, roundType: 'vote', roundId: round.id, partySessionId: round.party_session_id }, now);
        await emitGameEvent(deps, t, { type: 'vote_cast', playerId, phrasesetId: ps.id, correct }, now);
        if (next.status !== ps.status && next.status !== 'finalized') {
          await logActivity(t, { promptRoundId: ps.prompt_round_id, phrasesetId: ps.id, type: `phraseset_${next.status}`, now });
        }
        // The locked row as just updated (its pool is re-read by finalization, which is all that uses it).
        await applyLifecycleInTx(t, deps, { ...ps, ...changes }, now);

        notifyAfterCommit(
          t,
          deps,
          writers.map((w) => ({ playerId: w.player_id, phraseText: w.phrase })),
          { notification_type: 'vote_submitted', actor_username: voter.username, phraseset_id: ps.id, now },
        );
        return { correct, payout, original_phrase: ps.original_phrase, your_choice: choice.phrase };
      },
      idem,
    );
  } catch (e) {
    // Last line of defence: one vote per voter per set, one vote per round.
    if (isUniqueViolation(e, 'votes_phraseset_id_player_id_key') || isUniqueViolation(e, 'votes_round_id_key')) throw new DomainError('already_voted');
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Results and claims (claim to receive, SPEC §3.5)

/** Phraseset reads: phraseset_not_found → not_contributor → not_finalized. Locks the set and the caller's contributor row. */
async function lockForResults(t: Tx, phrasesetId: string, playerId: string) {
  const ps = await lockPhraseset(t, phrasesetId);
  if (!ps) throw new DomainError('phraseset_not_found');
  const contributor = await t.db
    .selectFrom('phraseset_contributors')
    .selectAll()
    .where('phraseset_id', '=', ps.id)
    .where('player_id', '=', playerId)
    .orderBy('role')
    .forUpdate()
    .executeTakeFirst();
  if (!contributor) throw new DomainError('not_contributor');
  if (ps.status !== 'finalized') throw new DomainError('not_finalized');
  return { ps, contributor };
}

/** Moves the writer's stored payout pool → writer once (`claimed_at` under the row lock). */
async function claimInTx(t: Tx, ps: { id: string }, c: { role: ContributorRole; player_id: string; payout: number | null; claimed_at: Date | null }, now: Date) {
  if (c.claimed_at !== null) {
    const p = await t.db.selectFrom('players').select('balance').where('id', '=', c.player_id).executeTakeFirstOrThrow();
    return { amount: 0, newBalance: p.balance, alreadyClaimed: true };
  }
  const amount = c.payout ?? 0;
  const moved = await transfer(t, { from: pool(ps.id), to: player(c.player_id), amount, type: EntryType.prize_payout, referenceId: ps.id, now });
  await t.db.updateTable('phraseset_contributors').set({ claimed_at: now }).where('phraseset_id', '=', ps.id).where('role', '=', c.role).execute();
  let newBalance = moved.toBalance;
  if (newBalance === null) newBalance = (await t.db.selectFrom('players').select('balance').where('id', '=', c.player_id).executeTakeFirstOrThrow()).balance;
  return { amount, newBalance, alreadyClaimed: false };
}

/** `POST /phrasesets/{phraseset_id}/claim` → `{success, amount, new_balance, already_claimed}`; pays exactly once. */
export async function claimPhrasesetPrize(deps: Deps, playerId: string, phrasesetId: string, idem?: IdempotencyScope) {
  await advancePhraseset(deps, phrasesetId);
  const now = deps.clock.now();
  return tx(
    deps,
    async (t) => {
      await lockPlayer(t, playerId);
      const { ps, contributor } = await lockForResults(t, phrasesetId, playerId);
      const r = await claimInTx(t, ps, contributor, now);
      return { success: true, amount: r.amount, new_balance: r.newBalance, already_claimed: r.alreadyClaimed };
    },
    idem,
  );
}

/**
 * `GET /phrasesets/{phraseset_id}/results`: the finalized results for a writer. The first view collects
 * the prize (SPEC §3.5) and marks the result viewed; `already_collected` tells whether it had been
 * collected before this request.
 */
export async function getPhrasesetResults(deps: Deps, playerId: string, phrasesetId: string) {
  await advancePhraseset(deps, phrasesetId);
  const now = deps.clock.now();
  return tx(deps, async (t) => {
    await lockPlayer(t, playerId);
    const { ps, contributor } = await lockForResults(t, phrasesetId, playerId);
    const claim = await claimInTx(t, ps, contributor, now);
    if (contributor.result_viewed_at === null) {
      await t.db.updateTable('phraseset_contributors').set({ result_viewed_at: now }).where('phraseset_id', '=', ps.id).where('role', '=', contributor.role).execute();
    }
    const all = await t.db.selectFrom('phraseset_contributors').select(['role', 'points']).where('phraseset_id', '=', ps.id).execute();
    const counts = await loadVoteCounts(t, ps);
    return {
      prompt_text: ps.prompt_text,
      votes: [
        { phrase: ps.original_phrase, vote_count: counts.original, is_original: true },
        { phrase: ps.copy_phrase_1, vote_count: counts.copy1, is_original: false },
        { phrase: ps.copy_phrase_2, vote_count: counts.copy2, is_original: false },
      ],
      your_phrase: contributor.phrase,
      your_role: contributor.role === 'prompt' ? ('prompt' as const) : ('copy' as const),
      your_points: contributor.points ?? 0,
      total_points: all.reduce((s, c) => s + (c.points ?? 0), 0),
      your_payout: contributor.payout ?? 0,
      total_pool: ps.total_pool ?? 0,
      total_votes: ps.vote_count,
      already_collected: claim.alreadyClaimed,
      finalized_at: (ps.finalized_at ?? now).toISOString(),
    };
  });
}
