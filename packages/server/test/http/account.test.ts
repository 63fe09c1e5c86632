import { BalanceResponseSchema, ChangeEmailResponseSchema, ChangePasswordResponseSchema } from '@quipflip/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectLedgerBalanced, type TestApp } from '../helpers/app.ts';
import { createGuest, registerPlayer, STRONG_PASSWORD, type TestPlayer } from '../helpers/players.ts';
import { expectSchema } from '../helpers/schema.ts';
import { ACCESS_COOKIE, cookieOf, expectError, REFRESH_COOKIE, relogin, uniqueEmail } from './auth-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  // Late in the day, so tests can step into the next UTC day while access tokens are still valid.
  t = await createTestApp({ clockStart: '2026-01-05T23:00:00.000Z' });
});
afterAll(async () => t?.close());

const login = (email: string, password: string) => t.req({ method: 'POST', url: '/auth/login', payload: { email, password } });
const refreshWith = (refresh_token: string) => t.req({ method: 'POST', url: '/auth/refresh', payload: { refresh_token } });
const balance = (token: string) => t.req({ method: 'GET', url: '/player/balance', token });

describe('POST /player/password', () => {
  let p: TestPlayer;
  beforeAll(async () => {
    p = await registerPlayer(t, uniqueEmail('pw'));
  });

  it('wrong current password is 401 invalid_current_password (checked before the new one)', async () => {
    const s = await relogin(t, p);
    expectError(await t.req({ method: 'POST', url: '/player/password', token: s.token, payload: { current_password: 'Wrong1234', new_password: 'N3wPassword' } }), 401, 'invalid_current_password');
    expectError(await t.req({ method: 'POST', url: '/player/password', token: s.token, payload: { current_password: 'Wrong1234', new_password: 'weak' } }), 401, 'invalid_current_password');
    expect((await login(p.email!, p.password!)).statusCode).toBe(200);
  });

  it('a weak new password is 400 weak_password naming the rule', async () => {
    const s = await relogin(t, p);
    const body = expectError(await t.req({ method: 'POST', url: '/player/password', token: s.token, payload: { current_password: p.password, new_password: 'alllowercase1' } }), 400, 'weak_password');
    expect(body.message).toMatch(/upper-case/);
    expect((await login(p.email!, p.password!)).statusCode).toBe(200);
  });

  it('missing fields and no token are rejected', async () => {
    const s = await relogin(t, p);
    const res = await t.req({ method: 'POST', url: '/player/password', token: s.token, payload: { current_password: p.password } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation_error' });
    expect(res.json().detail).toContain('new_password');
    expectError(await t.req({ method: 'POST', url: '/player/password', payload: { current_password: p.password, new_password: 'N3wPassword' } }), 401, 'missing_credentials');
  });

  it('success returns fresh tokens; the old password fails, the new one works; other sessions are revoked', async () => {
    const other = await relogin(t, p); // another device
    const s = await relogin(t, p);
    const newPassword = 'Brand1NewPass';
    const res = await t.req({ method: 'POST', url: '/player/password', token: s.token, payload: { current_password: p.password, new_password: newPassword } });
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    expectSchema(ChangePasswordResponseSchema, b);
    expect(b).toMatchObject({ message: 'Password updated successfully.', expires_in: 7200, token_type: 'bearer' });
    expect(cookieOf(res, REFRESH_COOKIE)?.value).toBe(b.refresh_token);
    expect(cookieOf(res, ACCESS_COOKIE)?.value).toBe(b.access_token);

    expectError(await login(p.email!, p.password!), 401, 'invalid_credentials');
    expect((await login(p.email!, newPassword)).statusCode).toBe(200);
    expect((await balance(b.access_token)).statusCode).toBe(200);

    expectError(await refreshWith(other.refresh), 401, 'invalid_refresh_token');
    expectError(await refreshWith(s.refresh), 401, 'invalid_refresh_token');
    const mine = await refreshWith(b.refresh_token);
    expect(mine.statusCode, mine.body).toBe(200);

    const row = await t.database.db.selectFrom('players').select('password_hash').where('id', '=', p.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    p = { ...p, password: newPassword };
  });

  it('a guest has no password to confirm: 401 invalid_current_password', async () => {
    const g = await createGuest(t);
    expectError(await t.req({ method: 'POST', url: '/player/password', token: g.token, payload: { current_password: 'Anything1', new_password: 'N3wPassword' } }), 401, 'invalid_current_password');
  });
});

describe('PATCH /player/email', () => {
  let p: TestPlayer;
  let q: TestPlayer;
  beforeAll(async () => {
    p = await registerPlayer(t, uniqueEmail('mail'));
    q = await registerPlayer(t, uniqueEmail('mailother'));
  });
  const patch = (token: string, payload: object) => t.req({ method: 'PATCH', url: '/player/email', token, payload });

  it('wrong password is 401 invalid_password; a taken email (any case) is 409 email_taken; a bad one is 400 invalid_email', async () => {
    const s = await relogin(t, p);
    expectError(await patch(s.token, { email: uniqueEmail(), password: 'Wrong1234' }), 401, 'invalid_password');
    expectError(await patch(s.token, { email: ` ${q.email!.toUpperCase()} `, password: p.password! }), 409, 'email_taken');
    expectError(await patch(s.token, { email: 'not-an-email', password: p.password! }), 400, 'invalid_email');
    const bal = await balance(s.token);
    expect(bal.json().email).toBe(p.email);
    const extra = await patch(s.token, { email: uniqueEmail(), password: p.password!, username: 'x' });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().code).toBe('validation_error');
    expect(extra.json().detail).toContain('username');
  });

  it('success answers {email} normalised; login with the new email works and with the old one fails', async () => {
    const s = await relogin(t, p);
    const next = uniqueEmail('moved');
    const res = await patch(s.token, { email: `  ${next.toUpperCase()}`, password: p.password! });
    expect(res.statusCode, res.body).toBe(200);
    expectSchema(ChangeEmailResponseSchema, res.json());
    expect(res.json()).toEqual({ email: next });
    expect((await login(next, p.password!)).statusCode).toBe(200);
    expectError(await login(p.email!, p.password!), 401, 'invalid_credentials');
    expect((await balance(s.token)).json().email).toBe(next);
    // The old address is free again.
    expect((await t.req({ method: 'POST', url: '/player', payload: { email: p.email, password: STRONG_PASSWORD } })).statusCode).toBe(201);
    // Setting your own address again is fine.
    const same = await patch(s.token, { email: next, password: p.password! });
    expect(same.statusCode, same.body).toBe(200);
    p = { ...p, email: next };
  });
});

describe('DELETE /player/account', () => {
  const del = (token: string | undefined, payload?: object) =>
    t.req({ method: 'DELETE', url: '/player/account', ...(token ? { token } : {}), ...(payload ? { payload } : {}) });

  it('wrong password is 401 invalid_password and nothing changes; a missing body is 400', async () => {
    const p = await registerPlayer(t, uniqueEmail('delwrong'));
    expectError(await del(p.token, { password: 'Wrong1234' }), 401, 'invalid_password');
    const res = await del(p.token);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation_error');
    expectError(await del(undefined, { password: p.password! }), 401, 'missing_credentials');
    expect((await balance(p.token)).statusCode).toBe(200);
    expect((await login(p.email!, p.password!)).statusCode).toBe(200);
  });

  it('deletes as a tombstone: 204, tokens die, email freed, row and ledger kept', async () => {
    const p = await registerPlayer(t, uniqueEmail('delete'));
    const other = await relogin(t, p);
    // Some history beyond the starting balance: a daily bonus on the next UTC day.
    t.clock.set('2026-01-06T00:05:00.000Z');
    const claim = await t.req({ method: 'POST', url: '/player/claim-daily-bonus', token: p.token });
    expect(claim.statusCode, claim.body).toBe(200);
    expect(claim.json().new_balance).toBe(5100);

    const res = await del(p.token, { password: p.password! });
    expect(res.statusCode, res.body).toBe(204);
    expect(res.body).toBe('');
    expect(cookieOf(res, REFRESH_COOKIE)?.value).toBe('');
    expect(cookieOf(res, ACCESS_COOKIE)?.value).toBe('');

    expectError(await balance(p.token), 401, 'invalid_token');
    expectError(await t.req({ method: 'GET', url: '/auth/ws-token', token: p.token }), 401, 'invalid_token');
    expectError(await refreshWith(p.refresh), 401, 'invalid_refresh_token');
    expectError(await refreshWith(other.refresh), 401, 'invalid_refresh_token');
    expectError(await login(p.email!, p.password!), 401, 'invalid_credentials');

    const row = await t.database.db.selectFrom('players').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ username: 'Deleted player', pseudonym: 'Deleted player', email: null, password_hash: null, balance: 5100 });
    expect(row.deleted_at).toEqual(t.clock.now());
    const live = await t.database.db.selectFrom('refresh_tokens').select('id').where('player_id', '=', p.id).where('revoked_at', 'is', null).execute();
    expect(live).toEqual([]);
    const entries = await t.database.db.selectFrom('ledger_entries').select(['type', 'amount']).where('account_id', '=', p.id).orderBy('id').execute();
    expect(entries).toEqual([
      { type: 'starting_balance', amount: 5000 },
      { type: 'daily_bonus', amount: 100 },
    ]);
    await expectLedgerBalanced(t.database);

    // The email can register again, as a new player; the name "Deleted player" does not block anyone.
    const again = await t.req({ method: 'POST', url: '/player', payload: { email: p.email, password: STRONG_PASSWORD } });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().player_id).not.toBe(p.id);
    expect(again.json().balance).toBe(5000);
    const second = await registerPlayer(t, uniqueEmail('delete2'));
    const bal = await balance(second.token);
    expectSchema(BalanceResponseSchema, bal.json());
    expect((await del(second.token, { password: second.password! })).statusCode).toBe(204);
    const both = await t.database.db.selectFrom('players').select('id').where('username', '=', 'Deleted player').execute();
    expect(both.length).toBeGreaterThanOrEqual(2);
    await expectLedgerBalanced(t.database);
  });

  it('a guest cannot delete itself silently (no password): 401 invalid_password', async () => {
    const g = await createGuest(t);
    expectError(await del(g.token, { password: 'Anything1' }), 401, 'invalid_password');
    expect((await balance(g.token)).statusCode).toBe(200);
  });
});
