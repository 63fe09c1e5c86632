import { insertPlayer } from './accounts.ts';
import { tx, type Deps } from './deps.ts';
import { EntryType, HOUSE, player, transfer } from './ledger.ts';

/**
 * AI accounts (SPEC §10.3, §10.4): ordinary players with `is_ai` true, named from the username pool,
 * with no email and no password (nobody can log in as one). They pay fees and receive payouts through
 * the same service functions a human's requests use; the house tops up one that runs low, through the
 * ledger like every other coin movement.
 */

/** One phraseset can need 2 AI copiers and 3 AI voters, all different (SPEC §10.3). */
export const AI_MIN_ACCOUNTS = 5;
/** The pool grows on demand (an account busy with a round, or ineligible) up to this many. */
export const AI_MAX_ACCOUNTS = 50;
/** An AI account below this balance is topped up by the house (SPEC §10.3). */
export const AI_TOP_UP_BELOW = 1000;

export interface AiAccount {
  id: string;
  username: string;
}

/** Creates one AI account (its starting balance comes from the house, as for anyone). */
export async function createAiAccount(deps: Deps): Promise<AiAccount> {
  return tx(deps, async (t) => {
    const p = await insertPlayer(deps, t, { email: null, passwordHash: null, isGuest: false, isAi: true });
    return { id: p.id, username: p.username };
  });
}

/** Every live AI account, by name (seeded, so a seeded game picks the same accounts); creates accounts until there are at least `min`. */
export async function ensureAiAccounts(deps: Deps, min = AI_MIN_ACCOUNTS): Promise<AiAccount[]> {
  const existing = await deps.db
    .selectFrom('players')
    .select(['id', 'username'])
    .where('is_ai', '=', true)
    .where('deleted_at', 'is', null)
    .orderBy('username_key')
    .execute();
  const accounts = [...existing];
  while (accounts.length < min) accounts.push(await createAiAccount(deps));
  return accounts;
}

/**
 * Picks an AI account that is free (no active round) and not in `exclude`, at random among those;
 * creates a new one when none is left and the pool is below AI_MAX_ACCOUNTS. Null when the pool is
 * full and every account is busy or excluded.
 */
export async function pickAiAccount(deps: Deps, exclude: ReadonlySet<string>): Promise<AiAccount | null> {
  const accounts = await ensureAiAccounts(deps);
  const busy = new Set(
    (
      await deps.db
        .selectFrom('rounds')
        .innerJoin('players', 'players.id', 'rounds.player_id')
        .select('rounds.player_id')
        .where('players.is_ai', '=', true)
        .where('rounds.status', '=', 'active')
        .execute()
    ).map((r) => r.player_id),
  );
  const free = accounts.filter((a) => !busy.has(a.id) && !exclude.has(a.id));
  if (free.length > 0) return free[deps.random.int(free.length)]!;
  if (accounts.length >= AI_MAX_ACCOUNTS) return null;
  return createAiAccount(deps);
}

/**
 * Tops an AI account up to max(STARTING_BALANCE, AI_TOP_UP_BELOW) when it holds less than
 * AI_TOP_UP_BELOW: a house → player transfer of type `starting_balance`, under the player's row lock.
 * Returns the amount issued (0 when none was needed). Humans are never topped up.
 */
export async function topUpAiAccount(deps: Deps, playerId: string): Promise<number> {
  const now = deps.clock.now();
  const target = Math.max(deps.config.STARTING_BALANCE, AI_TOP_UP_BELOW);
  return tx(deps, async (t) => {
    const p = await t.db.selectFrom('players').select(['balance', 'is_ai']).where('id', '=', playerId).forUpdate().executeTakeFirst();
    if (!p || !p.is_ai || p.balance >= AI_TOP_UP_BELOW) return 0;
    const amount = target - p.balance;
    await transfer(t, { from: HOUSE, to: player(playerId), amount, type: EntryType.starting_balance, referenceId: playerId, now });
    return amount;
  });
}

/** Whether a player is an AI account. */
export async function isAiAccount(deps: Pick<Deps, 'db'>, playerId: string): Promise<boolean> {
  const r = await deps.db.selectFrom('players').select('is_ai').where('id', '=', playerId).executeTakeFirst();
  return r?.is_ai === true;
}

/**
 * The persona of an AI account (its copy style and taste, see COPY_STYLES): fixed per account,
 * derived from its name (chosen by the seeded source, unlike row ids), so each AI player writes
 * consistently, a seeded game replays exactly, and two AI copiers of one original usually differ.
 */
export function personaOf(account: AiAccount): number {
  let h = 0;
  for (const ch of account.username) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h;
}
