import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Tx } from '../db/tx.ts';
import { DomainError } from '../domain/errors.ts';
import {
  ACHIEVEMENT_RULES,
  ACTIVITY_WINDOW_MS,
  catalogueIndex,
  claimRefusal,
  decideProgressUpdates,
  decideSetAchievements,
  isQuestType,
  liveLoginStreak,
  loginStreakAfter,
  measureProgress,
  popularSetAchievements,
  progressPercentage,
  QUESTS,
  STARTING_QUESTS,
  streakAfterVote,
  type Achievement,
  type ProgressDetail,
  type QuestFacts,
  type QuestType,
} from '../domain/quests/index.ts';
import { utcDay } from '../platform/clock.ts';
import { newId } from '../platform/random.ts';
import { tx, type Deps, type GameEvent } from './deps.ts';
import type { IdempotencyScope } from './idempotency.ts';
import { EntryType, HOUSE, player, transfer } from './ledger.ts';
import { loadVoteCounts } from './phrasesets.ts';

/**
 * Quests (SPEC §7). Progress moves inside the transaction of the action that causes it (a game event
 * hook); claims pay from the house through the ledger exactly once.
 *
 * Locking: every change to a player's quests first locks that player's `quest_player_state` row, so
 * one player's progress updates and claims never interleave. Order, consistent with the game's
 * (player → phraseset → rounds → contributors): player row → quest state → quest row. Several
 * players' states are locked in id order.
 */

type Q = Kysely<DB>;
type StateRow = { player_id: string; vote_streak: number; login_streak: number; last_active_day: string | null };
type QuestRow = Awaited<ReturnType<typeof loadQuestRows>>[number];

const CLAIM_MESSAGE = 'Quest reward claimed successfully!';

// ---------------------------------------------------------------------------------------------
// State, facts, progress

/**
 * Locks the player's quest state, creating it (and the starting quests) on first use: quests exist
 * from registration, materialised lazily. Null for AI accounts, deleted and unknown players (no quests).
 * The activity streak starts on the registration day (registering is that day's first activity).
 */
async function lockQuestState(t: Tx, playerId: string, now: Date): Promise<StateRow | null> {
  const p = await t.db.selectFrom('players').select(['is_ai', 'deleted_at', 'created_at']).where('id', '=', playerId).executeTakeFirst();
  if (!p || p.is_ai || p.deleted_at) return null;
  const lock = () =>
    t.db.selectFrom('quest_player_state').select(['player_id', 'vote_streak', 'login_streak', 'last_active_day']).where('player_id', '=', playerId).forUpdate().executeTakeFirst();
  const existing = await lock();
  if (existing) return existing;
  const created = await t.db
    .insertInto('quest_player_state')
    .values({ player_id: playerId, vote_streak: 0, login_streak: 1, last_active_day: utcDay(p.created_at), created_at: now })
    .onConflict((oc) => oc.column('player_id').doNothing())
    .returning('player_id')
    .executeTakeFirst();
  if (created) {
    await t.db
      .insertInto('quests')
      // They exist from registration: dated then, whenever they are first materialised.
      .values(STARTING_QUESTS.map((type) => newQuestRow(playerId, type, p.created_at)))
      .onConflict((oc) => oc.columns(['player_id', 'quest_type']).doNothing())
      .execute();
  }
  const state = await lock();
  if (!state) throw new Error(`quests: no state for ${playerId}`);
  if (created) await syncProgress(t, playerId, state, now);
  return state;
}

function newQuestRow(playerId: string, type: QuestType, now: Date) {
  const q = QUESTS[type];
  return { id: newId(), player_id: playerId, quest_type: type, status: 'active' as const, progress: 0, target: q.target, reward_amount: q.reward, detail: '{}', created_at: now, completed_at: null, claimed_at: null };
}

/** The player's counts (all time and in the rolling 24 h window) and streaks at `now`. */
async function loadFacts(db: Q, playerId: string, state: StateRow, now: Date): Promise<QuestFacts> {
  const since = new Date(now.getTime() - ACTIVITY_WINDOW_MS);
  const rows = await sql<{ kind: string; total: number; recent: number }>`
    SELECT kind, count(*)::int AS total, count(*) FILTER (WHERE at > ${since})::int AS recent
    FROM quest_actions WHERE player_id = ${playerId} GROUP BY kind`.execute(db);
  const total = (k: string) => Number(rows.rows.find((r) => r.kind === k)?.total ?? 0);
  const recent = (k: string) => Number(rows.rows.find((r) => r.kind === k)?.recent ?? 0);
  return {
    voteStreak: state.vote_streak,
    loginStreak: liveLoginStreak({ lastDay: state.last_active_day, streak: state.login_streak }, utcDay(now)),
    window: { prompt: recent('prompt'), copy: recent('copy'), vote: recent('vote') },
    totals: { prompt: total('prompt'), copy: total('copy'), vote: total('vote'), feedback: total('feedback') },
  };
}

function loadQuestRows(db: Q, playerId: string) {
  return db
    .selectFrom('quests')
    .select(['id', 'player_id', 'quest_type', 'status', 'progress', 'target', 'reward_amount', 'detail', 'created_at', 'completed_at', 'claimed_at'])
    .where('player_id', '=', playerId)
    .execute();
}

const known = <T extends { quest_type: string }>(rows: T[]) => rows.filter((r): r is T & { quest_type: QuestType } => isQuestType(r.quest_type));

/** Recomputes the active quests of a LOCKED player state and stores what changed (completion included). */
async function syncProgress(t: Tx, playerId: string, state: StateRow, now: Date): Promise<void> {
  const [facts, rows] = await Promise.all([loadFacts(t.db, playerId, state, now), loadQuestRows(t.db, playerId)]);
  const updates = decideProgressUpdates(known(rows), facts);
  if (updates.length === 0) return;
  // One statement for all changed quests: this runs inside every game action's transaction.
  const values = sql.join(updates.map((u) => sql`(${u.id}::uuid, ${u.progress}::int, ${JSON.stringify(u.detail)}::jsonb, ${u.complete}::boolean)`));
  await sql`
    UPDATE quests AS q SET
      progress = v.progress,
      detail = v.detail,
      status = CASE WHEN v.complete THEN 'completed' ELSE q.status END,
      completed_at = CASE WHEN v.complete THEN ${now}::timestamptz ELSE q.completed_at END
    FROM (VALUES ${values}) AS v(id, progress, detail, complete)
    WHERE q.id = v.id AND q.status = 'active'`.execute(t.db);
}

/** Records one counted action; false when this action was already counted (a repeated event). */
async function recordAction(t: Tx, playerId: string, kind: 'prompt' | 'copy' | 'vote' | 'feedback', refId: string, now: Date): Promise<boolean> {
  const r = await t.db
    .insertInto('quest_actions')
    .values({ player_id: playerId, kind, ref_id: refId, at: now })
    .onConflict((oc) => oc.columns(['player_id', 'kind', 'ref_id']).doNothing())
    .returning('ref_id')
    .executeTakeFirst();
  return r !== undefined;
}

/** Creates achievement quests (already completed) for players who have none of that type yet. */
async function grantAchievements(t: Tx, achievements: readonly Achievement[], now: Date): Promise<void> {
  const sorted = [...achievements].sort((a, b) => (a.playerId < b.playerId ? -1 : a.playerId > b.playerId ? 1 : 0));
  for (const a of sorted) {
    const state = await lockQuestState(t, a.playerId, now);
    if (!state) continue;
    const q = QUESTS[a.quest_type];
    await t.db
      .insertInto('quests')
      .values({
        ...newQuestRow(a.playerId, a.quest_type, now),
        status: 'completed',
        progress: a.progress,
        detail: JSON.stringify(a.detail),
        target: q.target,
        completed_at: now,
      })
      .onConflict((oc) => oc.columns(['player_id', 'quest_type']).doNothing())
      .execute();
  }
}

async function writersOf(t: Tx, phrasesetId: string) {
  return t.db.selectFrom('phraseset_contributors').select(['player_id', 'role']).where('phraseset_id', '=', phrasesetId).execute();
}

// ---------------------------------------------------------------------------------------------
// Hooks

/**
 * The game event hook: runs inside the transaction of the action (SPEC §7). Vote rounds count through
 * `vote_cast` (one per voter and phraseset), so a vote is counted once whichever events report it.
 */
export async function applyQuestEvent(t: Tx, event: GameEvent, now: Date): Promise<void> {
  switch (event.type) {
    case 'round_submitted': {
      if (event.roundType === 'vote') return;
      const state = await lockQuestState(t, event.playerId, now);
      if (state && (await recordAction(t, event.playerId, event.roundType, event.roundId, now))) await syncProgress(t, event.playerId, state, now);
      return;
    }
    case 'vote_cast': {
      const state = await lockQuestState(t, event.playerId, now);
      if (state && (await recordAction(t, event.playerId, 'vote', event.phrasesetId, now))) {
        const vote_streak = streakAfterVote(state.vote_streak, event.correct);
        await t.db.updateTable('quest_player_state').set({ vote_streak }).where('player_id', '=', event.playerId).execute();
        await syncProgress(t, event.playerId, { ...state, vote_streak }, now);
      }
      // Popular Set as soon as the set reaches 20 votes (finalization checks again).
      const n = await t.db.selectFrom('votes').select((eb) => eb.fn.countAll<number>().as('n')).where('phraseset_id', '=', event.phrasesetId).executeTakeFirstOrThrow();
      const votes = Number(n.n);
      if (votes >= ACHIEVEMENT_RULES.popularSetVotes) {
        const writers = await writersOf(t, event.phrasesetId);
        await grantAchievements(t, popularSetAchievements(event.phrasesetId, votes, [...new Set(writers.map((w) => w.player_id))]), now);
      }
      return;
    }
    case 'feedback_given': {
      const state = await lockQuestState(t, event.playerId, now);
      if (state && (await recordAction(t, event.playerId, 'feedback', event.roundId, now))) await syncProgress(t, event.playerId, state, now);
      return;
    }
    case 'phraseset_finalized': {
      const ps = await t.db
        .selectFrom('phrasesets')
        .select(['id', 'original_phrase', 'copy_phrase_1', 'copy_phrase_2'])
        .where('id', '=', event.phrasesetId)
        .executeTakeFirst();
      if (!ps) return;
      const votes = await loadVoteCounts(t, ps);
      const writers = await writersOf(t, ps.id);
      const achievements = decideSetAchievements({
        phrasesetId: ps.id,
        votes,
        writers: writers.map((w) => ({ playerId: w.player_id, role: w.role })),
      });
      await grantAchievements(t, achievements, now);
      return;
    }
  }
}

/**
 * First activity of a UTC day (SPEC §2.9, login streak). Runs outside any transaction, after the
 * day was recorded, so it opens its own; a failure is logged and never fails the player's request.
 */
export async function recordDailyActivity(deps: Deps, playerId: string, day: string): Promise<void> {
  const now = deps.clock.now();
  try {
    await tx(deps, async (t) => {
      const state = await lockQuestState(t, playerId, now);
      if (!state) return;
      const next = loginStreakAfter({ lastDay: state.last_active_day, streak: state.login_streak }, day);
      if (next.lastDay === state.last_active_day && next.streak === state.login_streak) return;
      await t.db.updateTable('quest_player_state').set({ login_streak: next.streak, last_active_day: next.lastDay }).where('player_id', '=', playerId).execute();
      await syncProgress(t, playerId, { ...state, login_streak: next.streak, last_active_day: next.lastDay }, now);
    });
  } catch (e) {
    deps.logger.error({ err: e instanceof Error ? e.message : String(e), playerId }, 'quests: daily activity not recorded');
  }
}

/** Registers the quest hooks on the platform (called once by installFeatures). */
export function installQuestHooks(deps: Deps): void {
  deps.gameEventHooks.push((t, event, now) => applyQuestEvent(t, event, now));
  deps.firstLoginOfDayHooks.push((playerId, day) => recordDailyActivity(deps, playerId, day));
}

// ---------------------------------------------------------------------------------------------
// Reads

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * The seed's quest object. An active quest whose progress depends on time (the 24 h window, the
 * activity streak) shows its progress as of now; stored progress is what the last action left.
 */
function questView(row: QuestRow & { quest_type: QuestType }, facts: QuestFacts | null) {
  const def = QUESTS[row.quest_type];
  let current = row.progress;
  let detail: ProgressDetail = row.detail && Object.keys(row.detail).length > 0 ? row.detail : { target: row.target };
  if (row.status === 'active' && facts) {
    const live = measureProgress(row.quest_type, facts);
    if (live) {
      current = Math.min(live.current, row.target);
      detail = live.detail;
    }
  }
  return {
    quest_id: row.id,
    quest_type: row.quest_type,
    name: def.name,
    description: def.description,
    status: row.status,
    progress: detail,
    reward_amount: row.reward_amount,
    category: def.category,
    created_at: row.created_at.toISOString(),
    completed_at: iso(row.completed_at),
    claimed_at: iso(row.claimed_at),
    progress_percentage: progressPercentage(current, row.target),
    progress_current: current,
    progress_target: row.target,
  };
}
export type QuestView = ReturnType<typeof questView>;

/** Creates the player's quests if this is their first quest read (they exist from registration). */
async function ensureQuests(deps: Deps, playerId: string): Promise<StateRow | null> {
  const s = await deps.db.selectFrom('quest_player_state').select(['player_id', 'vote_streak', 'login_streak', 'last_active_day']).where('player_id', '=', playerId).executeTakeFirst();
  if (s) return s;
  return tx(deps, (t) => lockQuestState(t, playerId, deps.clock.now()));
}

async function loadViews(deps: Deps, playerId: string): Promise<QuestView[]> {
  const state = await ensureQuests(deps, playerId);
  if (!state) return [];
  const now = deps.clock.now();
  const [facts, rows] = await Promise.all([loadFacts(deps.db, playerId, state, now), loadQuestRows(deps.db, playerId)]);
  return known(rows)
    .sort((a, b) => catalogueIndex(a.quest_type) - catalogueIndex(b.quest_type))
    .map((r) => questView(r, facts));
}

/** `GET /quests`: every quest of the player, in catalogue order, with the seed's counts. */
export async function listQuests(deps: Deps, playerId: string) {
  const quests = await loadViews(deps, playerId);
  const count = (s: QuestView['status']) => quests.filter((q) => q.status === s).length;
  return {
    quests,
    total_count: quests.length,
    active_count: count('active'),
    completed_count: count('completed'),
    claimed_count: count('claimed'),
    claimable_count: count('completed'),
  };
}

/** `GET /quests/active`. */
export async function listActiveQuests(deps: Deps, playerId: string): Promise<QuestView[]> {
  return (await loadViews(deps, playerId)).filter((q) => q.status === 'active');
}

/** `GET /quests/claimable`: completed, not yet claimed. */
export async function listClaimableQuests(deps: Deps, playerId: string): Promise<QuestView[]> {
  return (await loadViews(deps, playerId)).filter((q) => q.status === 'completed');
}

async function findOwnQuest(db: Q, playerId: string, questId: string) {
  const row = await db
    .selectFrom('quests')
    .select(['id', 'player_id', 'quest_type', 'status', 'progress', 'target', 'reward_amount', 'detail', 'created_at', 'completed_at', 'claimed_at'])
    .where('id', '=', questId)
    .executeTakeFirst();
  if (!row || !isQuestType(row.quest_type)) throw new DomainError('quest_not_found');
  if (row.player_id !== playerId) throw new DomainError('quest_forbidden');
  return row as typeof row & { quest_type: QuestType };
}

/** `GET /quests/{quest_id}`: 404 quest_not_found, 403 quest_forbidden (someone else's). */
export async function getQuest(deps: Deps, playerId: string, questId: string): Promise<QuestView> {
  const row = await findOwnQuest(deps.db, playerId, questId);
  let facts: QuestFacts | null = null;
  if (row.status === 'active') {
    const state = await deps.db.selectFrom('quest_player_state').select(['player_id', 'vote_streak', 'login_streak', 'last_active_day']).where('player_id', '=', playerId).executeTakeFirst();
    if (state) facts = await loadFacts(deps.db, playerId, state, deps.clock.now());
  }
  return questView(row, facts);
}

// ---------------------------------------------------------------------------------------------
// Claim

/**
 * `POST /quests/{quest_id}/claim` (SPEC §7): pays a completed quest's reward from the house, once.
 * Checks: quest_not_found → quest_forbidden → quest_not_completed / quest_already_claimed. The status
 * is checked under the quest row lock (after the player and quest-state locks), so of concurrent
 * claims exactly one pays. Claiming a tier makes the next tier appear, with the progress the player
 * already has (a running streak, the rounds of the current window, feedback given so far).
 */
export async function claimQuest(deps: Deps, playerId: string, questId: string, idem?: IdempotencyScope) {
  const now = deps.clock.now();
  return tx(
    deps,
    async (t) => {
      await findOwnQuest(t.db, playerId, questId);
      await t.db.selectFrom('players').select('id').where('id', '=', playerId).forUpdate().executeTakeFirstOrThrow();
      const state = await lockQuestState(t, playerId, now);
      const q = await t.db.selectFrom('quests').select(['id', 'quest_type', 'status', 'reward_amount']).where('id', '=', questId).forUpdate().executeTakeFirstOrThrow();
      const refusal = claimRefusal(q.status);
      if (refusal) throw new DomainError(refusal);
      await t.db.updateTable('quests').set({ status: 'claimed', claimed_at: now }).where('id', '=', q.id).execute();
      const paid = await transfer(t, { from: HOUSE, to: player(playerId), amount: q.reward_amount, type: EntryType.quest_reward, referenceId: q.id, now });
      const type = q.quest_type as QuestType;
      const next = QUESTS[type]?.next ?? null;
      if (next && state) {
        await t.db
          .insertInto('quests')
          .values(newQuestRow(playerId, next, now))
          .onConflict((oc) => oc.columns(['player_id', 'quest_type']).doNothing())
          .execute();
        await syncProgress(t, playerId, state, now);
      }
      const balance = paid.toBalance ?? (await t.db.selectFrom('players').select('balance').where('id', '=', playerId).executeTakeFirstOrThrow()).balance;
      return { success: true, quest_id: q.id, quest_type: q.quest_type, reward_amount: q.reward_amount, new_balance: balance, message: CLAIM_MESSAGE };
    },
    idem,
  );
}
