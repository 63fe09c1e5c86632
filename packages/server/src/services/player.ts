import { dailyBonusBlock, isTutorialStep, type TutorialStep } from '../domain/accounts/credentials.ts';
import { DomainError } from '../domain/errors.ts';
import { isUniqueViolation } from '../db/tx.ts';
import { utcDay } from '../platform/clock.ts';
import { tx, type Deps } from './deps.ts';
import { EntryType, HOUSE, player, transfer } from './ledger.ts';
import type { IdempotencyScope } from './idempotency.ts';

export interface AuthedPlayer {
  id: string;
  username: string;
  is_guest: boolean;
  is_ai: boolean;
}

/**
 * Loads the caller of an authenticated request; a deleted account's tokens stop working at once.
 * The first request of each UTC day records `last_login_date` (SPEC §2.9).
 */
export async function touchPlayer(deps: Deps, playerId: string): Promise<AuthedPlayer | null> {
  const p = await deps.db
    .selectFrom('players')
    .select(['id', 'username', 'is_guest', 'is_ai', 'deleted_at', 'last_login_date'])
    .where('id', '=', playerId)
    .executeTakeFirst();
  if (!p || p.deleted_at) return null;
  const today = utcDay(deps.clock.now());
  if (p.last_login_date !== today) {
    // Conditional, so concurrent first requests of the day record it (and run the day's hooks) once.
    const r = await deps.db
      .updateTable('players')
      .set({ last_login_date: today })
      .where('id', '=', playerId)
      .where((eb) => eb.or([eb('last_login_date', 'is', null), eb('last_login_date', '<>', today)]))
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) > 0) for (const hook of deps.firstLoginOfDayHooks) await hook(playerId, today);
  }
  return { id: p.id, username: p.username, is_guest: p.is_guest, is_ai: p.is_ai };
}

async function dailyBonusState(deps: Deps, q: Deps['db'], playerId: string, today: string) {
  const p = await q.selectFrom('players').selectAll().where('id', '=', playerId).executeTakeFirstOrThrow();
  const claimed = await q.selectFrom('daily_bonuses').select('day').where('player_id', '=', playerId).where('day', '=', today).executeTakeFirst();
  const block = dailyBonusBlock({ is_guest: p.is_guest, is_ai: p.is_ai, createdDay: utcDay(p.created_at), claimedToday: !!claimed }, today);
  return { p, block };
}

export async function getBalance(deps: Deps, playerId: string) {
  const today = utcDay(deps.clock.now());
  const { p, block } = await dailyBonusState(deps, deps.db, playerId, today);
  return {
    username: p.username,
    email: p.email,
    balance: p.balance,
    starting_balance: deps.config.STARTING_BALANCE,
    daily_bonus_available: block === null,
    daily_bonus_amount: deps.config.DAILY_BONUS_AMOUNT,
    last_login_date: p.last_login_date,
    created_at: p.created_at.toISOString(),
    outstanding_prompts: await deps.queries.outstandingPrompts(deps.db, playerId),
    is_guest: p.is_guest,
    is_ai: p.is_ai,
  };
}

/** Pays the daily bonus once per UTC day (SPEC §3.7); the player row lock makes concurrent claims pay once. */
export async function claimDailyBonus(deps: Deps, playerId: string, idem?: IdempotencyScope) {
  const now = deps.clock.now();
  const today = utcDay(now);
  try {
    return await tx(
      deps,
      async (t) => {
        await t.db.selectFrom('players').select('id').where('id', '=', playerId).forUpdate().executeTakeFirstOrThrow();
        const { block } = await dailyBonusState(deps, t.db as unknown as Deps['db'], playerId, today);
        if (block) throw new DomainError(block);
        const amount = deps.config.DAILY_BONUS_AMOUNT;
        await t.db.insertInto('daily_bonuses').values({ player_id: playerId, day: today, amount, created_at: now }).execute();
        const { toBalance } = await transfer(t, { from: HOUSE, to: player(playerId), amount, type: EntryType.daily_bonus, referenceId: playerId, now });
        return { success: true, amount, new_balance: toBalance ?? 0 };
      },
      idem,
    );
  } catch (e) {
    if (isUniqueViolation(e, 'daily_bonuses_pkey')) throw new DomainError('already_claimed_today');
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Tutorial (seed: status, progress, reset)

function tutorialView(p: { tutorial_progress: string; tutorial_started_at: Date | null; tutorial_completed_at: Date | null }) {
  return {
    tutorial_completed: p.tutorial_progress === 'completed',
    tutorial_progress: p.tutorial_progress as TutorialStep,
    tutorial_started_at: p.tutorial_started_at?.toISOString() ?? null,
    tutorial_completed_at: p.tutorial_completed_at?.toISOString() ?? null,
  };
}

export async function getTutorial(deps: Deps, playerId: string) {
  const p = await deps.db.selectFrom('players').select(['tutorial_progress', 'tutorial_started_at', 'tutorial_completed_at']).where('id', '=', playerId).executeTakeFirstOrThrow();
  return tutorialView(p);
}

export async function setTutorialProgress(deps: Deps, playerId: string, progress: string) {
  if (!isTutorialStep(progress)) throw new DomainError('invalid_progress', { message: `Unknown tutorial progress "${progress}"` });
  const now = deps.clock.now();
  return tx(deps, async (t) => {
    const p = await t.db.selectFrom('players').select(['tutorial_started_at', 'tutorial_completed_at']).where('id', '=', playerId).forUpdate().executeTakeFirstOrThrow();
    const started = progress === 'not_started' ? p.tutorial_started_at : (p.tutorial_started_at ?? now);
    const completed = progress === 'completed' ? (p.tutorial_completed_at ?? now) : null;
    const row = await t.db
      .updateTable('players')
      .set({ tutorial_progress: progress, tutorial_started_at: started, tutorial_completed_at: completed })
      .where('id', '=', playerId)
      .returning(['tutorial_progress', 'tutorial_started_at', 'tutorial_completed_at'])
      .executeTakeFirstOrThrow();
    return { success: true, tutorial_status: tutorialView(row) };
  });
}

export async function resetTutorial(deps: Deps, playerId: string) {
  const row = await deps.db
    .updateTable('players')
    .set({ tutorial_progress: 'not_started', tutorial_started_at: null, tutorial_completed_at: null })
    .where('id', '=', playerId)
    .returning(['tutorial_progress', 'tutorial_started_at', 'tutorial_completed_at'])
    .executeTakeFirstOrThrow();
  return tutorialView(row);
}

// ---------------------------------------------------------------------------------------------
// Ledger view (beyond the seed, SPEC §6)

export async function listTransactions(deps: Deps, playerId: string, limit: number, offset: number) {
  const base = deps.db.selectFrom('ledger_entries').where('account_kind', '=', 'player').where('account_id', '=', playerId);
  const [rows, total] = await Promise.all([
    base.select(['transfer_id', 'type', 'amount', 'balance_after', 'reference_id', 'created_at']).orderBy('id', 'desc').limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    transactions: rows.map((r) => ({
      transaction_id: r.transfer_id,
      type: r.type,
      amount: r.amount,
      balance_after: r.balance_after ?? 0,
      reference_id: r.reference_id,
      created_at: r.created_at.toISOString(),
    })),
    total: Number(total.n),
    has_more: offset + rows.length < Number(total.n),
  };
}
