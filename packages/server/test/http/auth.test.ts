import { LoginResponseSchema, RegisterResponseSchema, SuggestUsernameResponseSchema, WsTokenResponseSchema, BalanceResponseSchema } from '@quipflip/api';
import { decodeJwt, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectLedgerBalanced, type TestApp } from '../helpers/app.ts';
import { createGuest, registerPlayer, STRONG_PASSWORD, type TestPlayer } from '../helpers/players.ts';
import { touchPlayer } from '../../src/services/player.ts';
import { hashRefreshToken } from '../../src/services/tokens.ts';
import { expectSchema } from '../helpers/schema.ts';
import { ACCESS_COOKIE, cookieOf, expectError, REFRESH_COOKIE, relogin, uniqueEmail } from './auth-helpers.ts';

const REGISTER_MESSAGE =
  'Player created! Your account is ready to play. An access token and refresh token have been issued for authentication.';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clockStart: '2026-01-05T12:00:00.000Z' });
});
afterAll(async () => t?.close());

const post = (url: string, payload?: unknown, extra: { token?: string; cookies?: Record<string, string> } = {}) =>
  t.req({ method: 'POST', url, ...(payload === undefined ? {} : { payload: payload as object }), ...extra });
const refreshWith = (refresh_token: string) => post('/auth/refresh', { refresh_token });
const balance = (token?: string, headers: Record<string, string> = {}) => t.req({ method: 'GET', url: '/player/balance', headers, ...(token ? { token } : {}) });

describe('POST /player (register)', () => {
  it('creates a full account: 201 with the seed body, starting balance, cookies and an argon2id hash', async () => {
    const email = uniqueEmail('reg');
    const res = await post('/player', { email, password: STRONG_PASSWORD });
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json();
    expectSchema(RegisterResponseSchema, b);
    expect(Object.keys(b).sort()).toEqual(['access_token', 'balance', 'expires_in', 'is_guest', 'message', 'player_id', 'refresh_token', 'token_type', 'username']);
    expect(b).toMatchObject({ balance: 5000, expires_in: 7200, token_type: 'bearer', is_guest: false, message: REGISTER_MESSAGE });
    expect(b.balance).toBe(t.config.STARTING_BALANCE);
    expect(b.username).toMatch(/^\S+( \S+)+$/);
    // Refresh tokens are opaque, >= 256 bits, and stored only as a hash.
    expect(Buffer.from(b.refresh_token, 'base64url').length).toBeGreaterThanOrEqual(32);
    const tokens = await t.database.db.selectFrom('refresh_tokens').selectAll().where('player_id', '=', b.player_id).execute();
    expect(tokens).toHaveLength(1);
    expect(tokens[0]!.token_hash).not.toBe(b.refresh_token);

    const row = await t.database.db.selectFrom('players').selectAll().where('id', '=', b.player_id).executeTakeFirstOrThrow();
    expect(row.username).toBe(b.username);
    expect(row.pseudonym).not.toBe(row.username);
    expect(row.pseudonym.length).toBeGreaterThan(0);
    expect(row.email).toBe(email);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(STRONG_PASSWORD);
    expect(row.is_guest).toBe(false);

    for (const name of [ACCESS_COOKIE, REFRESH_COOKIE]) {
      const c = cookieOf(res, name);
      expect(c, name).toBeDefined();
      expect(c).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    }
    expect(cookieOf(res, ACCESS_COOKIE)).toMatchObject({ value: b.access_token, maxAge: 7200 });
    expect(cookieOf(res, REFRESH_COOKIE)).toMatchObject({ value: b.refresh_token, maxAge: 30 * 86_400 });
    const raw = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    expect(raw.every((h) => /HttpOnly/i.test(h) && /SameSite=Lax/i.test(h) && /Path=\//.test(h))).toBe(true);

    // The access token is an HS256 JWT with sub, username, iat, exp (120 min).
    const claims = decodeJwt(b.access_token);
    expect(claims).toMatchObject({ sub: b.player_id, username: b.username });
    expect(claims.exp! - claims.iat!).toBe(7200);
    expect(claims.iat).toBe(Math.floor(t.clock.now().getTime() / 1000));

    const bal = await balance(b.access_token);
    expect(bal.statusCode).toBe(200);
    expect(bal.json()).toMatchObject({ balance: 5000, starting_balance: 5000, email, is_guest: false });
    await expectLedgerBalanced(t.database);
  });

  it('trims and lower-cases the email; a duplicate in any case or spacing is 409 email_taken', async () => {
    const local = `Mixed.Case.${process.pid}`;
    const res = await post('/player', { email: `  ${local}@Example.COM `, password: STRONG_PASSWORD });
    expect(res.statusCode, res.body).toBe(201);
    const stored = `${local.toLowerCase()}@example.com`;
    const row = await t.database.db.selectFrom('players').select('email').where('id', '=', res.json().player_id).executeTakeFirstOrThrow();
    expect(row.email).toBe(stored);

    for (const dup of [stored, stored.toUpperCase(), ` ${local}@example.com  `]) {
      expectError(await post('/player', { email: dup, password: STRONG_PASSWORD }), 409, 'email_taken');
    }
    const count = await t.database.db.selectFrom('players').select((eb) => eb.fn.countAll<number>().as('n')).where('email', '=', stored).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    // Logging in with any case works.
    const login = await post('/auth/login', { email: stored.toUpperCase(), password: STRONG_PASSWORD });
    expect(login.statusCode, login.body).toBe(200);
  });

  it('concurrent sign-ups with one email create one account; the others get 409 email_taken', async () => {
    const email = uniqueEmail('race');
    const results = await Promise.all(Array.from({ length: 4 }, (_, i) => post('/player', { email: i % 2 ? email.toUpperCase() : email, password: STRONG_PASSWORD })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409)) expectError(r, 409, 'email_taken');
    const rows = await t.database.db.selectFrom('players').select('id').where('email', '=', email).execute();
    expect(rows).toHaveLength(1);
    await expectLedgerBalanced(t.database);
  });

  it('rejects an invalid email with 400 invalid_email', async () => {
    for (const email of ['not-an-email', 'a@b', 'two@@example.com', 'sp ace@example.com', '@example.com', 'x@.com']) {
      const body = expectError(await post('/player', { email, password: STRONG_PASSWORD }), 400, 'invalid_email');
      expect(body.message).toEqual(expect.any(String));
    }
  });

  it('rejects each weak-password rule with 400 weak_password and a message naming the rule', async () => {
    const cases: Array<[string, RegExp]> = [
      ['Ab1cdef', /at least 8 characters/],
      [`Ab1${'x'.repeat(126)}`, /at most 128 characters/],
      ['lowercase123', /upper-case/],
      ['UPPERCASE123', /lower-case/],
      ['NoDigitsHere', /digit/],
    ];
    for (const [password, rule] of cases) {
      const body = expectError(await post('/player', { email: uniqueEmail('weak'), password }), 400, 'weak_password');
      expect(body.message, password).toMatch(rule);
    }
    // Boundaries are accepted: exactly 8 and exactly 128 characters.
    expect((await post('/player', { email: uniqueEmail('b8'), password: 'Abcdefg1' })).statusCode).toBe(201);
    expect((await post('/player', { email: uniqueEmail('b128'), password: `Ab1${'x'.repeat(125)}` })).statusCode).toBe(201);
  });

  it('answers missing, extra or mistyped fields with 400 validation_error naming the field (never 422)', async () => {
    const cases: Array<[unknown, string]> = [
      [{ email: uniqueEmail() }, 'password'],
      [{ password: STRONG_PASSWORD }, 'email'],
      [{ email: uniqueEmail(), password: STRONG_PASSWORD, username: 'Chosen Name' }, 'username'],
      [{ email: 42, password: STRONG_PASSWORD }, 'email'],
    ];
    for (const [payload, field] of cases) {
      const res = await post('/player', payload);
      expect(res.statusCode, res.body).toBe(400);
      const b = res.json();
      expect(b.code).toBe('validation_error');
      expect(b.detail).toContain(field);
    }
    const noBody = await post('/player');
    expect(noBody.statusCode).toBe(400);
    expect(noBody.json().code).toBe('validation_error');
    const badJson = await t.req({ method: 'POST', url: '/player', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().code).toBe('validation_error');
  });

  it('gives every account a distinct username', async () => {
    const names = new Set<string>();
    for (let i = 0; i < 15; i++) names.add((await createGuest(t)).username);
    expect(names.size).toBe(15);
  });
});

describe('guests', () => {
  it('POST /auth/guest: 201 with the registration body, is_guest true and the starting balance', async () => {
    const res = await post('/auth/guest');
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json();
    expectSchema(RegisterResponseSchema, b);
    expect(b).toMatchObject({ is_guest: true, balance: 5000, expires_in: 7200, token_type: 'bearer' });
    expect(cookieOf(res, REFRESH_COOKIE)?.value).toBe(b.refresh_token);
    const bal = await balance(b.access_token);
    expectSchema(BalanceResponseSchema, bal.json());
    expect(bal.json()).toMatchObject({ is_guest: true, email: null, balance: 5000, daily_bonus_available: false });
    const row = await t.database.db.selectFrom('players').selectAll().where('id', '=', b.player_id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ email: null, password_hash: null, is_guest: true });
    // Also with an empty JSON body.
    const empty = await t.req({ method: 'POST', url: '/auth/guest', headers: { 'content-type': 'application/json' }, payload: '' });
    expect(empty.statusCode, empty.body).toBe(201);
  });

  it('upgrade keeps the id and balance and makes a full account; upgrading again is 400 not_guest', async () => {
    const g = await createGuest(t);
    const email = uniqueEmail('upgrade');
    const res = await post('/auth/upgrade', { email: ` ${email.toUpperCase()} `, password: STRONG_PASSWORD }, { token: g.token });
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    expectSchema(RegisterResponseSchema, b);
    expect(b).toMatchObject({ player_id: g.id, username: g.username, balance: 5000, is_guest: false });
    expect(cookieOf(res, REFRESH_COOKIE)?.value).toBe(b.refresh_token);

    const bal = await balance(b.access_token);
    expect(bal.json()).toMatchObject({ is_guest: false, email, balance: 5000 });
    const row = await t.database.db.selectFrom('players').selectAll().where('id', '=', g.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    // History stays: still the one starting-balance transfer.
    const entries = await t.database.db.selectFrom('ledger_entries').select(['type', 'amount']).where('account_id', '=', g.id).execute();
    expect(entries).toEqual([{ type: 'starting_balance', amount: 5000 }]);

    const login = await post('/auth/login', { email, password: STRONG_PASSWORD });
    expect(login.statusCode).toBe(200);
    expect(login.json().player_id).toBe(g.id);

    expectError(await post('/auth/upgrade', { email: uniqueEmail(), password: STRONG_PASSWORD }, { token: b.access_token }), 400, 'not_guest');
    await expectLedgerBalanced(t.database);
  });

  it('upgrading a full account is 400 not_guest; a taken email is 409; a weak password is 400; no token is 401', async () => {
    const full = await registerPlayer(t, uniqueEmail('full'));
    expectError(await post('/auth/upgrade', { email: uniqueEmail(), password: STRONG_PASSWORD }, { token: full.token }), 400, 'not_guest');

    const g = await createGuest(t);
    expectError(await post('/auth/upgrade', { email: full.email!.toUpperCase(), password: STRONG_PASSWORD }, { token: g.token }), 409, 'email_taken');
    expectError(await post('/auth/upgrade', { email: uniqueEmail(), password: 'weakpass' }, { token: g.token }), 400, 'weak_password');
    expectError(await post('/auth/upgrade', { email: 'nope', password: STRONG_PASSWORD }, { token: g.token }), 400, 'invalid_email');
    expectError(await post('/auth/upgrade', { email: uniqueEmail(), password: STRONG_PASSWORD }), 401, 'missing_credentials');
    const still = await balance(g.token);
    expect(still.json()).toMatchObject({ is_guest: true, email: null });
  });
});

describe('POST /auth/login', () => {
  let p: TestPlayer;
  beforeAll(async () => {
    p = await registerPlayer(t, uniqueEmail('login'));
  });

  it('returns the seed body and sets both cookies', async () => {
    const res = await post('/auth/login', { email: p.email, password: p.password });
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    expectSchema(LoginResponseSchema, b);
    expect(Object.keys(b).sort()).toEqual(['access_token', 'expires_in', 'player_id', 'refresh_token', 'token_type', 'username']);
    expect(b).toMatchObject({ player_id: p.id, username: p.username, expires_in: 7200, token_type: 'bearer' });
    expect(cookieOf(res, ACCESS_COOKIE)).toMatchObject({ value: b.access_token, httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookieOf(res, REFRESH_COOKIE)).toMatchObject({ value: b.refresh_token, httpOnly: true, sameSite: 'Lax', path: '/' });
    expect((await balance(b.access_token)).statusCode).toBe(200);
  });

  it('answers a wrong password and an unknown email identically: 401 invalid_credentials', async () => {
    const wrong = await post('/auth/login', { email: p.email, password: 'Wrong1234' });
    const unknown = await post('/auth/login', { email: uniqueEmail('ghost'), password: p.password });
    const guestLike = await post('/auth/login', { email: 'not-an-email', password: p.password });
    for (const res of [wrong, unknown, guestLike]) expectError(res, 401, 'invalid_credentials');
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json()).toEqual({ detail: 'invalid_credentials', code: 'invalid_credentials' });
    expect(cookieOf(wrong, REFRESH_COOKIE)).toBeUndefined();
  });

  it('validates the body (400 validation_error naming the field)', async () => {
    const res = await post('/auth/login', { email: p.email });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation_error' });
    expect(res.json().detail).toContain('password');
  });
});

describe('access tokens', () => {
  let p: TestPlayer;
  beforeAll(async () => {
    p = await registerPlayer(t, uniqueEmail('tok'));
  });

  it('missing Authorization is 401 missing_credentials; garbage or another scheme is 401 invalid_token', async () => {
    expectError(await balance(), 401, 'missing_credentials');
    expectError(await balance(undefined, { authorization: 'Bearer garbage' }), 401, 'invalid_token');
    expectError(await balance(undefined, { authorization: 'Bearer ' }), 401, 'invalid_token');
    expectError(await balance(undefined, { authorization: `Basic ${p.token}` }), 401, 'invalid_token');
    expectError(await balance(undefined, { authorization: `Bearer ${p.token.slice(0, -3)}abc` }), 401, 'invalid_token');
    // Signed with another key.
    const now = Math.floor(t.clock.now().getTime() / 1000);
    const forged = await new SignJWT({ username: p.username }).setProtectedHeader({ alg: 'HS256' }).setSubject(p.id).setIssuedAt(now).setExpirationTime(now + 600).sign(new TextEncoder().encode('another-secret-key-of-enough-length-000'));
    expectError(await balance(undefined, { authorization: `Bearer ${forged}` }), 401, 'invalid_token');
    // REST reads only the header, never the cookie.
    expectError(await t.req({ method: 'GET', url: '/player/balance', cookies: { [ACCESS_COOKIE]: p.token } }), 401, 'missing_credentials');
    // A valid token works, with the scheme in any case.
    expect((await balance(undefined, { authorization: `bearer ${p.token}` })).statusCode).toBe(200);
  });

  it('a CORS preflight of an authenticated route needs no token', async () => {
    const res = await t.req({
      method: 'OPTIONS',
      url: '/player/balance',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(res.statusCode, res.body).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(res.headers['access-control-allow-credentials']).toBe('true');
  });

  it('GET /auth/ws-token returns {token, expires_in: 60, token_type}; it is not a REST access token', async () => {
    const res = await t.req({ method: 'GET', url: '/auth/ws-token', token: p.token });
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    expectSchema(WsTokenResponseSchema, b);
    expect(b).toMatchObject({ expires_in: 60, token_type: 'bearer' });
    const claims = decodeJwt(b.token);
    expect(claims.sub).toBe(p.id);
    expect(claims.exp! - claims.iat!).toBe(60);
    await expect(t.deps.tokens.verify(b.token, t.clock.now(), ['ws'])).resolves.toMatchObject({ sub: p.id, use: 'ws' });
    expectError(await balance(b.token), 401, 'invalid_token');
    expectError(await t.req({ method: 'GET', url: '/auth/ws-token', token: b.token }), 401, 'invalid_token');
    expectError(await t.req({ method: 'GET', url: '/auth/ws-token' }), 401, 'missing_credentials');
  });

  it('an access token expires after 120 minutes: 401 token_expired (its refresh token still works)', async () => {
    const s = await relogin(t, p);
    t.clock.advanceSeconds(7199);
    expect((await balance(s.token)).statusCode).toBe(200);
    t.clock.advanceSeconds(2); // 7201 s after issue
    expectError(await balance(s.token), 401, 'token_expired');
    const r = await refreshWith(s.refresh);
    expect(r.statusCode, r.body).toBe(200);
    expect((await balance(r.json().access_token)).statusCode).toBe(200);
  });
});

describe('POST /auth/refresh', () => {
  let p: TestPlayer;
  beforeAll(async () => {
    p = await registerPlayer(t, uniqueEmail('refresh'));
  });

  it('rotates a token from the body: new pair, the old one then fails with 401 invalid_refresh_token', async () => {
    const s = await relogin(t, p);
    const res = await refreshWith(s.refresh);
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    expectSchema(LoginResponseSchema, b);
    expect(Object.keys(b).sort()).toEqual(['access_token', 'expires_in', 'player_id', 'refresh_token', 'token_type', 'username']);
    expect(b).toMatchObject({ player_id: p.id, username: p.username, expires_in: 7200, token_type: 'bearer' });
    expect(b.refresh_token).not.toBe(s.refresh);
    expect(cookieOf(res, REFRESH_COOKIE)).toMatchObject({ value: b.refresh_token, httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookieOf(res, ACCESS_COOKIE)?.value).toBe(b.access_token);
    expect((await balance(b.access_token)).statusCode).toBe(200);

    t.clock.advanceSeconds(31);
    expectError(await refreshWith(s.refresh), 401, 'invalid_refresh_token');
  });

  it('accepts the token from the cookie with an empty body, or with no body at all', async () => {
    const s = await relogin(t, p);
    const a = await t.req({ method: 'POST', url: '/auth/refresh', cookies: { [REFRESH_COOKIE]: s.refresh }, headers: { 'content-type': 'application/json' }, payload: '' });
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json().player_id).toBe(p.id);
    const next = cookieOf(a, REFRESH_COOKIE)!.value;
    expect(next).toBe(a.json().refresh_token);
    const b = await t.req({ method: 'POST', url: '/auth/refresh', cookies: { [REFRESH_COOKIE]: next } });
    expect(b.statusCode, b.body).toBe(200);
    const c = await t.req({ method: 'POST', url: '/auth/refresh', cookies: { [REFRESH_COOKIE]: b.json().refresh_token }, payload: {} });
    expect(c.statusCode, c.body).toBe(200);
  });

  it('missing token is 401 missing_refresh_token; unknown token is 401 invalid_refresh_token; it needs no access token', async () => {
    expectError(await post('/auth/refresh', {}), 401, 'missing_refresh_token');
    expectError(await post('/auth/refresh'), 401, 'missing_refresh_token');
    expectError(await refreshWith('not-a-real-token'), 401, 'invalid_refresh_token');
    const extra = await post('/auth/refresh', { refresh_token: 'x', other: 1 });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().code).toBe('validation_error');
    expect(extra.json().detail).toContain('other');
  });

  it('reusing a rotated token after the 30 s grace revokes the whole family, newest token included', async () => {
    const other = await relogin(t, p); // another device: a separate family
    const s = await relogin(t, p);
    const r1 = (await refreshWith(s.refresh)).json().refresh_token as string;
    const r2res = await refreshWith(r1);
    expect(r2res.statusCode).toBe(200);
    const r2 = r2res.json().refresh_token as string;
    t.clock.advanceSeconds(31);
    expectError(await refreshWith(s.refresh), 401, 'invalid_refresh_token'); // theft detected
    expectError(await refreshWith(r2), 401, 'invalid_refresh_token'); // the newest of the family is revoked too
    expectError(await refreshWith(r1), 401, 'invalid_refresh_token');
    const family = await t.database.db.selectFrom('refresh_tokens').select(['family_id', 'revoked_at']).where('player_id', '=', p.id).execute();
    const otherRes = await refreshWith(other.refresh); // the other device is untouched
    expect(otherRes.statusCode, otherRes.body).toBe(200);
    expect(family.filter((r) => r.revoked_at === null).length).toBeGreaterThan(0);
  });

  it('reusing a rotated token within 30 s (two tabs) gets a fresh pair in the same family; both tabs keep working', async () => {
    const s = await relogin(t, p);
    const tab1 = await refreshWith(s.refresh);
    expect(tab1.statusCode).toBe(200);
    t.clock.advanceSeconds(10);
    const tab2 = await refreshWith(s.refresh);
    expect(tab2.statusCode, tab2.body).toBe(200);
    const t1 = tab1.json().refresh_token as string;
    const t2 = tab2.json().refresh_token as string;
    expect(t2).not.toBe(t1);
    const rows = await t.database.db
      .selectFrom('refresh_tokens')
      .select(['family_id'])
      .where('token_hash', 'in', [s.refresh, t1, t2].map(hashRefreshToken))
      .execute();
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.family_id)).size).toBe(1);
    expect((await refreshWith(t1)).statusCode).toBe(200);
    expect((await refreshWith(t2)).statusCode).toBe(200);
  });

  it('two tabs refreshing the same token at the same moment both get a pair', async () => {
    const s = await relogin(t, p);
    const [x, y] = await Promise.all([refreshWith(s.refresh), refreshWith(s.refresh)]);
    expect([x.statusCode, y.statusCode]).toEqual([200, 200]);
    expect(x.json().refresh_token).not.toBe(y.json().refresh_token);
    expect((await refreshWith(x.json().refresh_token)).statusCode).toBe(200);
    expect((await refreshWith(y.json().refresh_token)).statusCode).toBe(200);
  });

  it('an expired refresh token (30 days) is 401 invalid_refresh_token', async () => {
    const s = await relogin(t, p);
    t.clock.advanceSeconds(30 * 86_400 - 60);
    const still = await refreshWith(s.refresh);
    expect(still.statusCode, still.body).toBe(200);
    const fresh = still.json().refresh_token as string;
    t.clock.advanceSeconds(30 * 86_400 + 1);
    expectError(await refreshWith(fresh), 401, 'invalid_refresh_token');
  });

  it('logging in on a second device does not sign out the first', async () => {
    const d1 = await relogin(t, p);
    const d2 = await relogin(t, p);
    expect((await balance(d1.token)).statusCode).toBe(200);
    expect((await balance(d2.token)).statusCode).toBe(200);
    expect((await refreshWith(d1.refresh)).statusCode).toBe(200);
    expect((await refreshWith(d2.refresh)).statusCode).toBe(200);
  });
});

describe('POST /auth/logout', () => {
  let p: TestPlayer;
  beforeAll(async () => {
    p = await registerPlayer(t, uniqueEmail('logout'));
  });

  it('204, clears both cookies, and the token no longer refreshes', async () => {
    const s = await relogin(t, p);
    const res = await post('/auth/logout', { refresh_token: s.refresh }, { token: s.token });
    expect(res.statusCode, res.body).toBe(204);
    expect(res.body).toBe('');
    for (const name of [ACCESS_COOKIE, REFRESH_COOKIE]) {
      const c = cookieOf(res, name);
      expect(c, name).toBeDefined();
      expect(c!.value).toBe('');
      expect(c!.path).toBe('/');
      expect(c!.expires!.getTime()).toBeLessThanOrEqual(Date.now());
    }
    expectError(await refreshWith(s.refresh), 401, 'invalid_refresh_token');
  });

  it('works without an access token, with the cookie and an empty body', async () => {
    const s = await relogin(t, p);
    const res = await t.req({ method: 'POST', url: '/auth/logout', cookies: { [REFRESH_COOKIE]: s.refresh }, headers: { 'content-type': 'application/json' }, payload: '' });
    expect(res.statusCode, res.body).toBe(204);
    expectError(await refreshWith(s.refresh), 401, 'invalid_refresh_token');
    const other = await relogin(t, p);
    const noBody = await t.req({ method: 'POST', url: '/auth/logout', cookies: { [REFRESH_COOKIE]: other.refresh } });
    expect(noBody.statusCode).toBe(204);
    expectError(await refreshWith(other.refresh), 401, 'invalid_refresh_token');
  });

  it('with nothing to revoke it still answers 204 and clears the cookies; other sessions stay', async () => {
    const keep = await relogin(t, p);
    const res = await post('/auth/logout');
    expect(res.statusCode).toBe(204);
    expect(cookieOf(res, REFRESH_COOKIE)?.value).toBe('');
    expect((await post('/auth/logout', { refresh_token: 'unknown' })).statusCode).toBe(204);
    expect((await refreshWith(keep.refresh)).statusCode).toBe(200);
  });

  it('ends the session: a token rotated just before logout cannot revive it within the grace window', async () => {
    const s = await relogin(t, p);
    const next = (await refreshWith(s.refresh)).json().refresh_token as string;
    expect((await post('/auth/logout', { refresh_token: next })).statusCode).toBe(204);
    t.clock.advanceSeconds(5);
    expectError(await refreshWith(s.refresh), 401, 'invalid_refresh_token');
    expectError(await refreshWith(next), 401, 'invalid_refresh_token');
  });
});

describe('GET /auth/suggest-username', () => {
  it('is public and suggests a free two-word name', async () => {
    const res = await t.req({ method: 'GET', url: '/auth/suggest-username' });
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    expectSchema(SuggestUsernameResponseSchema, b);
    expect(b.suggested_username).toMatch(/^\S+ \S+/);
    const taken = await t.database.db.selectFrom('players').select('id').where('username_key', '=', b.suggested_username.toLowerCase()).executeTakeFirst();
    expect(taken).toBeUndefined();
  });
});

describe('last_login_date', () => {
  it('is set on registration and updated by the first authenticated request of a new UTC day', async () => {
    t.clock.set('2026-03-10T23:30:00.000Z');
    const p = await registerPlayer(t, uniqueEmail('lastlogin'));
    const day = async () =>
      (await t.database.db.selectFrom('players').select('last_login_date').where('id', '=', p.id).executeTakeFirstOrThrow()).last_login_date;
    expect(await day()).toBe('2026-03-10');

    const seen: Array<[string, string]> = [];
    const hook = async (id: string, d: string) => {
      if (id === p.id) seen.push([id, d]);
    };
    t.deps.firstLoginOfDayHooks.push(hook);
    try {
      t.clock.set('2026-03-11T00:00:05.000Z');
      // A public request does not count.
      await post('/auth/login', { email: p.email, password: p.password });
      expect(await day()).toBe('2026-03-10');
      // Concurrent first requests of the day record it (and run the day's hooks) once.
      const results = await Promise.all(Array.from({ length: 5 }, () => t.req({ method: 'GET', url: '/player/tutorial/status', token: p.token })));
      expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
      expect(await day()).toBe('2026-03-11');
      expect(seen).toEqual([[p.id, '2026-03-11']]);
      const bal = await balance(p.token);
      expect(bal.json().last_login_date).toBe('2026-03-11');
      expect(seen).toHaveLength(1);

      // The same at the service level, where the five reads surely overlap.
      t.clock.set('2026-03-12T00:00:05.000Z');
      await Promise.all(Array.from({ length: 5 }, () => touchPlayer(t.deps, p.id)));
      expect(await day()).toBe('2026-03-12');
      expect(seen).toEqual([
        [p.id, '2026-03-11'],
        [p.id, '2026-03-12'],
      ]);
    } finally {
      t.deps.firstLoginOfDayHooks.splice(t.deps.firstLoginOfDayHooks.indexOf(hook), 1);
    }
  });
});

describe('rate limits (SPEC §8.1)', () => {
  let r: TestApp;
  beforeAll(async () => {
    r = await createTestApp({ config: { RATE_LIMIT_ENABLED: true } });
  });
  afterAll(async () => r?.close());

  it('sign-in routes: 20 per client IP, then 429 rate_limited with Retry-After', async () => {
    const go = () => r.req({ method: 'POST', url: '/auth/refresh', payload: { refresh_token: 'nope' } });
    for (let i = 0; i < 20; i++) expectError(await go(), 401, 'invalid_refresh_token');
    const limited = await go();
    expectError(limited, 429, 'rate_limited', 'Rate limit exceeded. Try again later.');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another client IP has its own budget.
    const elsewhere = await r.req({ method: 'POST', url: '/auth/refresh', payload: { refresh_token: 'nope' }, remoteAddress: '10.1.2.3' });
    expectError(elsewhere, 401, 'invalid_refresh_token');
  });

  it('authenticated routes: 100 per player, then 429; another player is not affected', async () => {
    const a = await createGuest(r);
    const b = await createGuest(r);
    const results = [];
    for (let i = 0; i < 100; i++) results.push((await r.req({ method: 'GET', url: '/player/tutorial/status', token: a.token })).statusCode);
    expect(results.every((s) => s === 200)).toBe(true);
    const limited = await r.req({ method: 'GET', url: '/player/tutorial/status', token: a.token });
    expectError(limited, 429, 'rate_limited', 'Rate limit exceeded. Try again later.');
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await r.req({ method: 'GET', url: '/player/tutorial/status', token: b.token })).statusCode).toBe(200);
  });
});
