import { sql } from 'kysely';
import {
  assertStrongPassword,
  normalizeEmail,
} from '../domain/accounts/credentials.ts';
import { USERNAME_FIRST_WORDS, USERNAME_SECOND_WORDS } from '../domain/accounts/username-pool.ts';
import { DomainError } from '../domain/errors.ts';
import type { Tx } from '../db/tx.ts';
import { isUniqueViolation } from '../db/tx.ts';
import { newId } from '../platform/random.ts';
import { tx, type Deps } from './deps.ts';
import { EntryType, HOUSE, player, transfer } from './ledger.ts';
import { hashRefreshToken } from './tokens.ts';

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  token_type: 'bearer';
}

export interface SessionResult extends TokenPair {
  player_id: string;
  username: string;
}

export interface NewPlayerResult extends SessionResult {
  balance: number;
  is_guest: boolean;
  message: string;
}

export const DELETED_PLAYER_NAME = 'Deleted player';

// ---------------------------------------------------------------------------------------------
// Names

function randomName(deps: Deps): string {
  const a = USERNAME_FIRST_WORDS[deps.random.int(USERNAME_FIRST_WORDS.length)];
  const b = USERNAME_SECOND_WORDS[deps.random.int(USERNAME_SECOND_WORDS.length)];
  return `${a} ${b}`;
}

/** A free display name: random pool combinations first, then a numbered name once the pool is crowded. */
async function chooseFreeName(deps: Deps, q: Tx['db'] | Deps['db'], exclude: string[] = []): Promise<string> {
  for (let round = 0; round < 5; round++) {
    const candidates = [...new Set(Array.from({ length: 12 }, () => (round < 3 ? randomName(deps) : `${randomName(deps)} ${10 + deps.random.int(9990)}`)))]
      .filter((c) => !exclude.includes(c));
    if (candidates.length === 0) continue;
    const taken = new Set(
      (await q.selectFrom('players').select('username_key').where('username_key', 'in', candidates.map((c) => c.toLowerCase())).execute()).map((r) => r.username_key),
    );
    const free = candidates.find((c) => !taken.has(c.toLowerCase()));
    if (free) return free;
  }
  return `${randomName(deps)} ${deps.random.uuid().slice(0, 8)}`;
}

export async function suggestUsername(deps: Deps): Promise<string> {
  return chooseFreeName(deps, deps.db);
}

// ---------------------------------------------------------------------------------------------
// Tokens

async function issueTokens(deps: Deps, t: Tx, p: { id: string; username: string }, familyId: string = newId()): Promise<TokenPair> {
  const now = deps.clock.now();
  const ttl = deps.config.ACCESS_TOKEN_EXP_MINUTES * 60;
  const access = await deps.tokens.sign({ sub: p.id, username: p.username }, 'access', now, ttl);
  const refresh = deps.random.secureToken(32); // 256 bits
  await t.db
    .insertInto('refresh_tokens')
    .values({
      id: newId(),
      player_id: p.id,
      family_id: familyId,
      token_hash: hashRefreshToken(refresh),
      created_at: now,
      expires_at: new Date(now.getTime() + deps.config.REFRESH_TOKEN_EXP_DAYS * 86_400_000),
    })
    .execute();
  return { access_token: access, refresh_token: refresh, expires_in: ttl, token_type: 'bearer' };
}

async function revokeAllRefreshTokens(t: Tx, playerId: string, now: Date): Promise<void> {
  await t.db.updateTable('refresh_tokens').set({ revoked_at: now }).where('player_id', '=', playerId).where('revoked_at', 'is', null).execute();
}

// ---------------------------------------------------------------------------------------------
// Creating players

interface CreatePlayerInput {
  email: string | null;
  passwordHash: string | null;
  isGuest: boolean;
  isAi?: boolean;
  username?: string;
}

/** Inserts a player and issues its starting balance from the house, in the caller's transaction. */
export async function insertPlayer(deps: Deps, t: Tx, input: CreatePlayerInput): Promise<{ id: string; username: string; balance: number }> {
  const now = deps.clock.now();
  const id = newId();
  const username = input.username ?? (await chooseFreeName(deps, t.db));
  const pseudonym = await chooseFreeName(deps, t.db, [username]);
  try {
    await t.db
      .insertInto('players')
      .values({
        id,
        username,
        username_key: username.toLowerCase(),
        pseudonym,
        email: input.email,
        password_hash: input.passwordHash,
        is_guest: input.isGuest,
        is_ai: input.isAi ?? false,
        balance: 0,
        created_at: now,
        last_login_date: now.toISOString().slice(0, 10),
      })
      .execute();
  } catch (e) {
    if (isUniqueViolation(e, 'players_email_key')) throw new DomainError('email_taken');
    throw e;
  }
  const { toBalance } = await transfer(t, {
    from: HOUSE,
    to: player(id),
    amount: deps.config.STARTING_BALANCE,
    type: EntryType.starting_balance,
    referenceId: id,
    now,
  });
  return { id, username, balance: toBalance ?? 0 };
}

async function emailTaken(t: Tx, email: string, exceptId?: string): Promise<boolean> {
  let q = t.db.selectFrom('players').select('id').where('email', '=', email);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

const REGISTER_MESSAGE =
  'Player created! Your account is ready to play. An access token and refresh token have been issued for authentication.';
const GUEST_MESSAGE = 'Guest account created! Play right away; add an email and password any time to keep your progress.';

export async function register(deps: Deps, rawEmail: string, password: string): Promise<NewPlayerResult> {
  const email = normalizeEmail(rawEmail);
  assertStrongPassword(password);
  const passwordHash = await deps.passwords.hash(password); // slow: outside the transaction
  return createAccount(deps, { email, passwordHash, isGuest: false }, REGISTER_MESSAGE);
}

export async function createGuest(deps: Deps): Promise<NewPlayerResult> {
  return createAccount(deps, { email: null, passwordHash: null, isGuest: true }, GUEST_MESSAGE);
}

async function createAccount(deps: Deps, input: CreatePlayerInput, message: string): Promise<NewPlayerResult> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await tx(deps, async (t) => {
        if (input.email && (await emailTaken(t, input.email))) throw new DomainError('email_taken');
        const p = await insertPlayer(deps, t, input);
        const tokens = await issueTokens(deps, t, p);
        return { player_id: p.id, username: p.username, balance: p.balance, is_guest: input.isGuest, message, ...tokens };
      });
    } catch (e) {
      // Two sign-ups drew the same free name at once: draw again.
      if (isUniqueViolation(e, 'players_username_key_key') && attempt < 3) continue;
      if (isUniqueViolation(e, 'players_email_key')) throw new DomainError('email_taken');
      throw e;
    }
  }
}

/** Turns a guest into a full account, keeping its id, balance and history (SPEC §2.3). */
export async function upgradeGuest(deps: Deps, playerId: string, rawEmail: string, password: string): Promise<NewPlayerResult> {
  const email = normalizeEmail(rawEmail);
  assertStrongPassword(password);
  const passwordHash = await deps.passwords.hash(password);
  try {
    return await tx(deps, async (t) => {
      const p = await t.db.selectFrom('players').selectAll().where('id', '=', playerId).forUpdate().executeTakeFirstOrThrow();
      if (!p.is_guest) throw new DomainError('not_guest');
      if (await emailTaken(t, email)) throw new DomainError('email_taken');
      await t.db.updateTable('players').set({ email, password_hash: passwordHash, is_guest: false }).where('id', '=', playerId).execute();
      await revokeAllRefreshTokens(t, playerId, deps.clock.now());
      const tokens = await issueTokens(deps, t, p);
      return { player_id: p.id, username: p.username, balance: p.balance, is_guest: false, message: 'Account upgraded! Your progress is saved.', ...tokens };
    });
  } catch (e) {
    if (isUniqueViolation(e, 'players_email_key')) throw new DomainError('email_taken');
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Sessions

export async function login(deps: Deps, rawEmail: string, password: string): Promise<SessionResult> {
  const email = rawEmail.trim().toLowerCase();
  const p = await deps.db
    .selectFrom('players')
    .select(['id', 'username', 'password_hash'])
    .where('email', '=', email)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  const ok = await deps.passwords.verify(p?.password_hash ?? null, password);
  if (!p || !ok) throw new DomainError('invalid_credentials');
  return tx(deps, async (t) => ({ player_id: p.id, username: p.username, ...(await issueTokens(deps, t, p)) }));
}

/**
 * Rotates a refresh token (SPEC §2.5). A token presented again after rotation revokes its whole
 * family (it was probably stolen), unless it was rotated in the last few seconds: two tabs refreshing
 * at once get a fresh pair in the same family instead.
 */
export async function refresh(deps: Deps, token: string | undefined): Promise<SessionResult> {
  if (!token) throw new DomainError('missing_refresh_token');
  const now = deps.clock.now();
  const result = await tx(deps, async (t) => {
    const row = await t.db
      .selectFrom('refresh_tokens')
      .selectAll()
      .where('token_hash', '=', hashRefreshToken(token))
      .forUpdate()
      .executeTakeFirst();
    if (!row || row.revoked_at || row.expires_at <= now) return { error: 'invalid' as const };
    if (row.rotated_at) {
      const graceMs = deps.config.REFRESH_REUSE_GRACE_SECONDS * 1000;
      if (now.getTime() - row.rotated_at.getTime() > graceMs) {
        await t.db.updateTable('refresh_tokens').set({ revoked_at: now }).where('family_id', '=', row.family_id).where('revoked_at', 'is', null).execute();
        return { error: 'reused' as const };
      }
    } else {
      await t.db.updateTable('refresh_tokens').set({ rotated_at: now }).where('id', '=', row.id).execute();
    }
    const p = await t.db.selectFrom('players').select(['id', 'username', 'deleted_at']).where('id', '=', row.player_id).executeTakeFirstOrThrow();
    if (p.deleted_at) return { error: 'invalid' as const };
    return { ok: { player_id: p.id, username: p.username, ...(await issueTokens(deps, t, p, row.family_id)) } };
  });
  // The family revocation must commit before we answer, so it is returned rather than thrown.
  if ('error' in result) throw new DomainError('invalid_refresh_token');
  return result.ok;
}

/**
 * Ends the session the token belongs to: its whole family is revoked, so a predecessor rotated in the
 * last 30 s (the two-tab grace) cannot bring the session back. Other devices' families stay.
 */
export async function logout(deps: Deps, token: string | undefined): Promise<void> {
  if (!token) return;
  const row = await deps.db.selectFrom('refresh_tokens').select('family_id').where('token_hash', '=', hashRefreshToken(token)).executeTakeFirst();
  if (!row) return;
  await deps.db
    .updateTable('refresh_tokens')
    .set({ revoked_at: deps.clock.now() })
    .where('family_id', '=', row.family_id)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function issueWsToken(deps: Deps, playerId: string, username: string): Promise<{ token: string; expires_in: number; token_type: 'bearer' }> {
  const ttl = deps.config.WS_TOKEN_EXP_SECONDS;
  return { token: await deps.tokens.sign({ sub: playerId, username }, 'ws', deps.clock.now(), ttl), expires_in: ttl, token_type: 'bearer' };
}

// ---------------------------------------------------------------------------------------------
// Account management

async function loadForPasswordCheck(deps: Deps, playerId: string) {
  return deps.db.selectFrom('players').select(['id', 'username', 'password_hash', 'is_guest', 'is_ai']).where('id', '=', playerId).executeTakeFirstOrThrow();
}

export async function changePassword(deps: Deps, playerId: string, current: string, next: string): Promise<TokenPair & { message: string }> {
  const p = await loadForPasswordCheck(deps, playerId);
  if (!(await deps.passwords.verify(p.password_hash, current))) throw new DomainError('invalid_current_password');
  assertStrongPassword(next);
  const passwordHash = await deps.passwords.hash(next);
  return tx(deps, async (t) => {
    await t.db.updateTable('players').set({ password_hash: passwordHash }).where('id', '=', playerId).execute();
    await revokeAllRefreshTokens(t, playerId, deps.clock.now()); // every other device signs in again
    return { message: 'Password updated successfully.', ...(await issueTokens(deps, t, p)) };
  });
}

export async function changeEmail(deps: Deps, playerId: string, rawEmail: string, password: string): Promise<{ email: string }> {
  const p = await loadForPasswordCheck(deps, playerId);
  if (!(await deps.passwords.verify(p.password_hash, password))) throw new DomainError('invalid_password');
  const email = normalizeEmail(rawEmail);
  try {
    return await tx(deps, async (t) => {
      if (await emailTaken(t, email, playerId)) throw new DomainError('email_taken');
      await t.db.updateTable('players').set({ email }).where('id', '=', playerId).execute();
      return { email };
    });
  } catch (e) {
    if (isUniqueViolation(e, 'players_email_key')) throw new DomainError('email_taken');
    throw e;
  }
}

/**
 * Deletes an account as a tombstone (SPEC §2.8): credentials and tokens go, the row stays so other
 * players' phrasesets, votes and the ledger remain intact; its name shows as "Deleted player".
 */
export async function deleteAccount(deps: Deps, playerId: string, password: string): Promise<void> {
  const p = await loadForPasswordCheck(deps, playerId);
  if (!(await deps.passwords.verify(p.password_hash, password))) throw new DomainError('invalid_password');
  const now = deps.clock.now();
  await tx(deps, async (t) => {
    await t.db.selectFrom('players').select('id').where('id', '=', playerId).forUpdate().executeTakeFirstOrThrow();
    for (const hook of deps.accountDeletedHooks) await hook(t, playerId, now);
    await t.db
      .updateTable('players')
      .set({
        email: null,
        password_hash: null,
        deleted_at: now,
        username: DELETED_PLAYER_NAME,
        username_key: sql<string>`'deleted:' || id::text`,
        pseudonym: DELETED_PLAYER_NAME,
      })
      .where('id', '=', playerId)
      .execute();
    await revokeAllRefreshTokens(t, playerId, now);
  });
}
