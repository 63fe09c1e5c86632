import {
  BalanceResponseSchema,
  DailyBonusResponseSchema,
  TransactionsResponseSchema,
  TutorialProgressResponseSchema,
  TutorialStatusSchema,
} from '@quipflip/api';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { idem } from '../../src/http/plugins/idempotency.ts';
import { me } from '../../src/http/plugins/auth.ts';
import { tx } from '../../src/services/deps.ts';
import { createTestApp, expectLedgerBalanced, type TestApp } from '../helpers/app.ts';
import { balanceOf, createGuest, registerPlayer, type TestPlayer } from '../helpers/players.ts';
import { expectSchema } from '../helpers/schema.ts';
import { expectError, relogin, uniqueEmail } from './auth-helpers.ts';

// Day 1 (creation day) is 2026-01-05; players are created at 23:00 so their access tokens still
// work when the clock steps into day 2 (2026-01-06).
const DAY1 = '2026-01-05T23:00:00.000Z';
const DAY2 = '2026-01-06T00:10:00.000Z';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clockStart: DAY1 });
});
afterAll(async () => t?.close());

const claim = (token: string, headers: Record<string, string> = {}, payload?: object) =>
  t.req({ method: 'POST', url: '/player/claim-daily-bonus', token, headers, ...(payload ? { payload } : {}) });
const getBalance = (token: string) => t.req({ method: 'GET', url: '/player/balance', token });
const bonusEntries = async (playerId: string) =>
  t.database.db.selectFrom('ledger_entries').select(['amount', 'balance_after']).where('account_kind', '=', 'player').where('account_id', '=', playerId).where('type', '=', 'daily_bonus').execute();

describe('balance and daily bonus', () => {
  // Created on day 1, used on day 2.
  let a: TestPlayer; // claims sequentially
  let b: TestPlayer; // concurrent claims
  let c: TestPlayer; // idempotency
  let guest: TestPlayer;
  beforeAll(async () => {
    t.clock.set(DAY1);
    [a, b, c] = [await registerPlayer(t, uniqueEmail('a')), await registerPlayer(t, uniqueEmail('b')), await registerPlayer(t, uniqueEmail('c'))];
    guest = await createGuest(t);
  });

  it('GET /player/balance: the seed fields plus is_guest; no bonus on the creation day', async () => {
    t.clock.set(DAY1);
    const res = await getBalance(a.token);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expectSchema(BalanceResponseSchema, body);
    expect(body).toEqual({
      username: a.username,
      email: a.email,
      balance: 5000,
      starting_balance: 5000,
      daily_bonus_available: false,
      daily_bonus_amount: 100,
      last_login_date: '2026-01-05',
      created_at: '2026-01-05T23:00:00.000Z',
      outstanding_prompts: 0,
      is_guest: false,
      is_ai: false,
    });
    expectError(await t.req({ method: 'GET', url: '/player/balance' }), 401, 'missing_credentials');
  });

  it('claiming on the creation day is 400 not_eligible and pays nothing', async () => {
    t.clock.set(DAY1);
    expectError(await claim(a.token), 400, 'not_eligible');
    expect(await balanceOf(t, a)).toBe(5000);
    expect(await bonusEntries(a.id)).toEqual([]);
  });

  it('next UTC day: available; claim → 200 {success, amount, new_balance}; again → 409 already_claimed_today', async () => {
    t.clock.set(DAY2);
    const before = await getBalance(a.token);
    expect(before.json()).toMatchObject({ daily_bonus_available: true, balance: 5000, last_login_date: '2026-01-06' });

    const res = await claim(a.token);
    expect(res.statusCode, res.body).toBe(200);
    expectSchema(DailyBonusResponseSchema, res.json());
    expect(res.json()).toEqual({ success: true, amount: 100, new_balance: 5100 });

    const after = await getBalance(a.token);
    expect(after.json()).toMatchObject({ daily_bonus_available: false, balance: 5100 });
    expectError(await claim(a.token), 409, 'already_claimed_today');
    expect(await balanceOf(t, a)).toBe(5100);
    expect(await bonusEntries(a.id)).toEqual([{ amount: 100, balance_after: 5100 }]);
    await expectLedgerBalanced(t.database);
  });

  it('guests are never eligible: 400 not_eligible, also on later days', async () => {
    t.clock.set(DAY2);
    expect((await getBalance(guest.token)).json()).toMatchObject({ daily_bonus_available: false, is_guest: true });
    expectError(await claim(guest.token), 400, 'not_eligible');
    expect(await balanceOf(t, guest)).toBe(5000);
  });

  it('10 concurrent claims credit exactly once', async () => {
    t.clock.set(DAY2);
    const results = await Promise.all(Array.from({ length: 10 }, () => claim(b.token)));
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    const ok = results.find((r) => r.statusCode === 200)!;
    expect(ok.json()).toEqual({ success: true, amount: 100, new_balance: 5100 });
    for (const r of results.filter((x) => x.statusCode === 409)) expectError(r, 409, 'already_claimed_today');
    expect(await balanceOf(t, b)).toBe(5100);
    expect(await bonusEntries(b.id)).toHaveLength(1);
    await expectLedgerBalanced(t.database);
  });

  it('Idempotency-Key: a retry replays the first 200 without paying twice; a changed body is 409 idempotency_key_reused', async () => {
    t.clock.set(DAY2);
    const key = { 'idempotency-key': 'bonus-key-1' };
    const first = await claim(c.token, key);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ success: true, amount: 100, new_balance: 5100 });
    expect(first.headers['idempotent-replayed']).toBeUndefined();

    const retry = await claim(c.token, key);
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.json()).toEqual(first.json());
    expect(retry.headers['idempotent-replayed']).toBe('true');

    // Concurrent retries: all replay.
    const many = await Promise.all(Array.from({ length: 5 }, () => claim(c.token, key)));
    expect(many.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    for (const r of many) expect(r.json()).toEqual(first.json());

    expect(await balanceOf(t, c)).toBe(5100);
    expect(await bonusEntries(c.id)).toHaveLength(1);

    expectError(await claim(c.token, key, { other: true }), 409, 'idempotency_key_reused');
    // Without a key, or with a new key, the rules answer as usual (already claimed).
    expectError(await claim(c.token), 409, 'already_claimed_today');
    expectError(await claim(c.token, { 'idempotency-key': 'bonus-key-2' }), 409, 'already_claimed_today');
    // ... and that refusal is replayed for its own key.
    expectError(await claim(c.token, { 'idempotency-key': 'bonus-key-2' }), 409, 'already_claimed_today');
    // Keys are per player: another player may use the same key for their own claim.
    t.clock.set(DAY2);
    const otherRes = await claim(a.token, key);
    expectError(otherRes, 409, 'already_claimed_today');
    expect(otherRes.headers['idempotent-replayed']).toBeUndefined();
    await expectLedgerBalanced(t.database);
  });

  it('the same Idempotency-Key on another path is 409 idempotency_key_reused', async () => {
    t.clock.set(DAY2);
    // A second app on the same deps with one more idempotent route (the platform has only one of its own).
    const extra = async (app: FastifyInstance) => {
      app.post('/test/idempotent-echo', { config: { idempotent: 200 } }, async (req) => tx(t.deps, async () => ({ ok: true, player: me(req).id }), idem(req)));
    };
    const app2 = await buildApp(t.deps, { routes: [extra] });
    await app2.ready();
    try {
      const d = await registerPlayer(t, uniqueEmail('d'));
      t.clock.set('2026-01-07T00:30:00.000Z');
      const s = await relogin(t, d);
      const headers = { authorization: `Bearer ${s.token}`, 'idempotency-key': 'shared-key' };
      const first = await app2.inject({ method: 'POST', url: '/player/claim-daily-bonus', headers });
      expect(first.statusCode, first.body).toBe(200);
      const other = await app2.inject({ method: 'POST', url: '/test/idempotent-echo', headers });
      expectError(other, 409, 'idempotency_key_reused');
      const echo = await app2.inject({ method: 'POST', url: '/test/idempotent-echo', headers: { ...headers, 'idempotency-key': 'echo-key' } });
      expect(echo.statusCode, echo.body).toBe(200);
      expect(echo.json()).toEqual({ ok: true, player: d.id });
      const replay = await app2.inject({ method: 'POST', url: '/test/idempotent-echo', headers: { ...headers, 'idempotency-key': 'echo-key' } });
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.json()).toEqual({ ok: true, player: d.id });
      expect(await bonusEntries(d.id)).toHaveLength(1);
    } finally {
      await app2.close();
    }
    await expectLedgerBalanced(t.database);
  });
});

describe('tutorial', () => {
  let p: TestPlayer;
  beforeAll(async () => {
    t.clock.set('2026-02-01T10:00:00.000Z');
    p = await registerPlayer(t, uniqueEmail('tut'));
  });
  const status = () => t.req({ method: 'GET', url: '/player/tutorial/status', token: p.token });
  const progress = (value: unknown) => t.req({ method: 'POST', url: '/player/tutorial/progress', token: p.token, payload: { progress: value } });

  it('new players start at not_started', async () => {
    const res = await status();
    expect(res.statusCode, res.body).toBe(200);
    expectSchema(TutorialStatusSchema, res.json());
    expect(res.json()).toEqual({ tutorial_completed: false, tutorial_progress: 'not_started', tutorial_started_at: null, tutorial_completed_at: null });
  });

  it('the first step past not_started sets started_at, later steps keep it; completed sets completed_at', async () => {
    const notYet = await progress('not_started');
    expect(notYet.statusCode).toBe(200);
    expect(notYet.json().tutorial_status.tutorial_started_at).toBeNull();

    t.clock.set('2026-02-01T10:05:00.000Z');
    const w = await progress('welcome');
    expect(w.statusCode, w.body).toBe(200);
    expectSchema(TutorialProgressResponseSchema, w.json());
    expect(w.json()).toEqual({
      success: true,
      tutorial_status: { tutorial_completed: false, tutorial_progress: 'welcome', tutorial_started_at: '2026-02-01T10:05:00.000Z', tutorial_completed_at: null },
    });

    t.clock.set('2026-02-01T10:07:00.000Z');
    const d = await progress('prompt_round');
    expect(d.json().tutorial_status).toEqual({ tutorial_completed: false, tutorial_progress: 'prompt_round', tutorial_started_at: '2026-02-01T10:05:00.000Z', tutorial_completed_at: null });

    t.clock.set('2026-02-01T10:20:00.000Z');
    const done = await progress('completed');
    expect(done.json()).toEqual({
      success: true,
      tutorial_status: { tutorial_completed: true, tutorial_progress: 'completed', tutorial_started_at: '2026-02-01T10:05:00.000Z', tutorial_completed_at: '2026-02-01T10:20:00.000Z' },
    });
    expect((await status()).json()).toEqual(done.json().tutorial_status);
  });

  it('an unknown value is 400 invalid_progress; a missing or mistyped one is 400 validation_error', async () => {
    const bad = expectError(await progress('boss_level'), 400, 'invalid_progress');
    expect(bad.message).toContain('boss_level');
    const missing = await t.req({ method: 'POST', url: '/player/tutorial/progress', token: p.token, payload: {} });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ code: 'validation_error' });
    expect(missing.json().detail).toContain('progress');
    expect((await status()).json().tutorial_progress).toBe('completed');
    expectError(await t.req({ method: 'GET', url: '/player/tutorial/status' }), 401, 'missing_credentials');
  });

  it('reset returns to not_started with no timestamps; starting again sets a new started_at', async () => {
    const res = await t.req({ method: 'POST', url: '/player/tutorial/reset', token: p.token });
    expect(res.statusCode, res.body).toBe(200);
    expectSchema(TutorialStatusSchema, res.json());
    expect(res.json()).toEqual({ tutorial_completed: false, tutorial_progress: 'not_started', tutorial_started_at: null, tutorial_completed_at: null });
    expect((await status()).json()).toEqual(res.json());
    t.clock.set('2026-02-01T11:00:00.000Z');
    expect((await progress('dashboard')).json().tutorial_status.tutorial_started_at).toBe('2026-02-01T11:00:00.000Z');
  });
});

describe('GET /player/transactions', () => {
  let p: TestPlayer;
  beforeAll(async () => {
    t.clock.set('2026-03-01T23:30:00.000Z');
    p = await registerPlayer(t, uniqueEmail('tx'));
    t.clock.set('2026-03-02T00:30:00.000Z');
    const r = await claim(p.token);
    expect(r.statusCode, r.body).toBe(200);
  });
  const list = (query = '') => t.req({ method: 'GET', url: `/player/transactions${query}`, token: p.token });

  it('lists the ledger newest first', async () => {
    const res = await list();
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    expectSchema(TransactionsResponseSchema, b);
    expect(b.total).toBe(2);
    expect(b.has_more).toBe(false);
    expect(b.transactions.map((x: { type: string; amount: number; balance_after: number; created_at: string }) => [x.type, x.amount, x.balance_after, x.created_at])).toEqual([
      ['daily_bonus', 100, 5100, '2026-03-02T00:30:00.000Z'],
      ['starting_balance', 5000, 5000, '2026-03-01T23:30:00.000Z'],
    ]);
    expect(b.transactions[1].reference_id).toBe(p.id);
  });

  it('paginates with limit and offset', async () => {
    const first = (await list('?limit=1')).json();
    expect(first).toMatchObject({ total: 2, has_more: true });
    expect(first.transactions.map((x: { type: string }) => x.type)).toEqual(['daily_bonus']);
    const second = (await list('?limit=1&offset=1')).json();
    expect(second).toMatchObject({ total: 2, has_more: false });
    expect(second.transactions.map((x: { type: string }) => x.type)).toEqual(['starting_balance']);
    const past = (await list('?offset=5')).json();
    expect(past).toEqual({ transactions: [], total: 2, has_more: false });
  });

  it('rejects bad pagination with 400 validation_error naming the parameter', async () => {
    for (const q of ['?limit=0', '?limit=101', '?offset=-1', '?limit=abc']) {
      const res = await list(q);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().code).toBe('validation_error');
      expect(res.json().detail).toMatch(/limit|offset/);
    }
  });

  it('shows only the caller’s entries', async () => {
    const other = await registerPlayer(t, uniqueEmail('tx-other'));
    const res = await t.req({ method: 'GET', url: '/player/transactions', token: other.token });
    expect(res.json().total).toBe(1);
    expect(res.json().transactions[0].type).toBe('starting_balance');
    await expectLedgerBalanced(t.database);
  });
});
