import { DailyBonusResponseSchema } from '@quipflip/api';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { me } from '../../src/http/plugins/auth.ts';
import { idem } from '../../src/http/plugins/idempotency.ts';
import { extraBucket } from '../../src/http/plugins/rate-limit.ts';
import { tx, type Deps } from '../../src/services/deps.ts';
import { requestFingerprint } from '../../src/services/idempotency.ts';
import { createTestApp, expectLedgerBalanced, type TestApp } from '../helpers/app.ts';
import { balanceOf, createGuest, registerPlayer, type TestPlayer } from '../helpers/players.ts';
import { expectSchema } from '../helpers/schema.ts';

// SPEC §1.7: the generic Idempotency-Key behaviour, on POST /player/claim-daily-bonus (the first
// idempotent route) plus test-only routes for what the bonus cannot show (another path or method, 5xx).

const CLAIM = '/player/claim-daily-bonus';
const DAY = 86_400;

let t: TestApp;
/** The real app plus test routes, on the same database (so the same idempotency table). */
let app: FastifyInstance;
let flakyFailures = 0;

async function testRoutes(root: FastifyInstance, deps: Deps): Promise<void> {
  // Another idempotent path, and another method on the bonus path.
  root.post('/test/echo', { config: { idempotent: 201 } }, async (req, reply) => {
    const r = await tx(deps, async () => ({ echoed: req.body ?? null, player_id: me(req).id }), idem(req));
    return reply.code(201).send(r);
  });
  root.put(CLAIM, { config: { idempotent: 200 } }, async (req) => tx(deps, async () => ({ put: true }), idem(req)));
  // Fails with a 500 until told otherwise.
  root.post('/test/flaky', { config: { idempotent: 200 } }, async (req) => {
    if (flakyFailures > 0) {
      flakyFailures--;
      throw new Error('transient');
    }
    return tx(deps, async () => ({ ok: true }), idem(req));
  });
}

beforeAll(async () => {
  t = await createTestApp({ clockStart: '2026-01-05T12:00:00.000Z' });
  app = await buildApp(t.deps, { routes: [testRoutes] });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

/** A fresh session (access tokens live 120 minutes; the clock moves by days here). */
async function relogin(p: TestPlayer): Promise<TestPlayer> {
  const res = await t.req({ method: 'POST', url: '/auth/login', payload: { email: p.email, password: p.password } });
  expect(res.statusCode, res.body).toBe(200);
  return { ...p, token: res.json().access_token };
}

/** A full account created on a previous UTC day, so the daily bonus is claimable now. */
async function veteran(): Promise<TestPlayer> {
  const p = await registerPlayer(t);
  t.clock.advanceSeconds(DAY);
  return relogin(p);
}

const claim = (p: TestPlayer, key?: string, payload?: object): Promise<LightMyRequestResponse> =>
  t.req({ method: 'POST', url: CLAIM, token: p.token, ...(key === undefined ? {} : { headers: { 'idempotency-key': key } }), ...(payload ? { payload } : {}) });

async function bonusEntries(playerId: string): Promise<number> {
  const rows = await t.database.db.selectFrom('ledger_entries').select('id').where('account_id', '=', playerId).where('type', '=', 'daily_bonus').execute();
  return rows.length;
}

async function keyRow(playerId: string, key: string) {
  return t.database.db.selectFrom('idempotency_keys').selectAll().where('player_id', '=', playerId).where('key', '=', key).executeTakeFirst();
}

let n = 0;
const newKey = () => `key-${process.pid}-${++n}`;

describe('Idempotency-Key on POST /player/claim-daily-bonus', () => {
  it('a repeat with the same key replays status and body and moves no coins twice', async () => {
    const p = await veteran();
    const before = await balanceOf(t, p);
    const key = newKey();

    const first = await claim(p, key);
    expect(first.statusCode, first.body).toBe(200);
    expectSchema(DailyBonusResponseSchema, first.json());
    expect(first.json()).toEqual({ success: true, amount: t.config.DAILY_BONUS_AMOUNT, new_balance: before + t.config.DAILY_BONUS_AMOUNT });
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // The answer is stored with the action.
    expect(await keyRow(p.id, key)).toMatchObject({ status: 200 });

    for (let i = 0; i < 3; i++) {
      const again = await claim(p, key);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual(first.json());
      expect(again.headers['idempotent-replayed']).toBe('true');
    }
    expect(await balanceOf(t, p)).toBe(before + t.config.DAILY_BONUS_AMOUNT);
    expect(await bonusEntries(p.id)).toBe(1);

    // Without the key the second claim is refused on its merits.
    const plain = await claim(p);
    expect(plain.statusCode).toBe(409);
    expect(plain.json()).toMatchObject({ code: 'already_claimed_today', detail: 'already_claimed_today' });
    await expectLedgerBalanced(t.database);
  });

  it('twin requests racing with one key pay once', async () => {
    const p = await veteran();
    const before = await balanceOf(t, p);
    const key = newKey();
    const answers = await Promise.all([claim(p, key), claim(p, key), claim(p, key)]);
    const ok = answers.filter((r) => r.statusCode === 200);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const r of ok) expect(r.json()).toEqual(ok[0]!.json());
    for (const r of answers.filter((a) => a.statusCode !== 200)) {
      expect(r.statusCode).toBe(409);
      expect(r.json()).toEqual({ detail: 'request_in_progress', code: 'request_in_progress' });
    }
    expect(await balanceOf(t, p)).toBe(before + t.config.DAILY_BONUS_AMOUNT);
    expect(await bonusEntries(p.id)).toBe(1);
    await expectLedgerBalanced(t.database);
  });

  it('the same key with a different body, path or method → 409 idempotency_key_reused, nothing runs', async () => {
    const p = await veteran();
    const key = newKey();
    const first = await claim(p, key);
    expect(first.statusCode).toBe(200);
    const after = await balanceOf(t, p);

    const reused = { detail: 'idempotency_key_reused', code: 'idempotency_key_reused' };
    const otherBody = await claim(p, key, { note: 'different' });
    expect(otherBody.statusCode, otherBody.body).toBe(409);
    expect(otherBody.json()).toEqual(reused);

    const otherPath = await app.inject({ method: 'POST', url: '/test/echo', headers: { authorization: `Bearer ${p.token}`, 'idempotency-key': key }, payload: {} });
    expect(otherPath.statusCode, otherPath.body).toBe(409);
    expect(otherPath.json()).toEqual(reused);

    const otherMethod = await app.inject({ method: 'PUT', url: CLAIM, headers: { authorization: `Bearer ${p.token}`, 'idempotency-key': key } });
    expect(otherMethod.statusCode, otherMethod.body).toBe(409);
    expect(otherMethod.json()).toEqual(reused);

    // The stored answer is untouched and still replays.
    const replay = await claim(p, key);
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual(first.json());
    expect(await balanceOf(t, p)).toBe(after);
    expect(await bonusEntries(p.id)).toBe(1);
  });

  it('the query string is not part of the request identity', async () => {
    const p = await veteran();
    const key = newKey();
    const first = await claim(p, key);
    const withQuery = await t.req({ method: 'POST', url: `${CLAIM}?utm=x`, token: p.token, headers: { 'idempotency-key': key } });
    expect(withQuery.statusCode).toBe(200);
    expect(withQuery.json()).toEqual(first.json());
    expect(withQuery.headers['idempotent-replayed']).toBe('true');
  });

  it('a key whose first request is still running → 409 request_in_progress', async () => {
    const p = await veteran();
    const before = await balanceOf(t, p);
    const key = newKey();
    const now = t.clock.now();
    // What the first request leaves while it runs: a placeholder with no answer yet.
    await t.database.db
      .insertInto('idempotency_keys')
      .values({ player_id: p.id, key, fingerprint: requestFingerprint('POST', CLAIM, undefined), status: null, response: null, created_at: now, expires_at: new Date(now.getTime() + DAY * 1000) })
      .execute();

    const res = await claim(p, key);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toEqual({ detail: 'request_in_progress', code: 'request_in_progress' });
    expect(await balanceOf(t, p)).toBe(before);
    expect(await keyRow(p.id, key)).toMatchObject({ status: null });

    // A different request on the same key is still a misuse, whatever the state.
    const other = await claim(p, key, { x: 1 });
    expect(other.json()).toMatchObject({ code: 'idempotency_key_reused' });

    // A placeholder left by a request that died (older than a minute) is taken over.
    t.clock.advanceSeconds(61);
    const retry = await claim(p, key);
    expect(retry.statusCode, retry.body).toBe(200);
    expect(await balanceOf(t, p)).toBe(before + t.config.DAILY_BONUS_AMOUNT);
    expect(await keyRow(p.id, key)).toMatchObject({ status: 200 });
    await expectLedgerBalanced(t.database);
  });

  it('a 4xx answer is stored and replayed too, even after the refusal stopped being true', async () => {
    // Claim at 12:00 on day 2, so "tomorrow" (day 3, 01:00) is 13 h later: inside the key's 24 h.
    const p = await veteran();
    expect((await claim(p, newKey())).statusCode).toBe(200);
    const key = newKey();
    const refused = await claim(p, key);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toEqual({ detail: 'already_claimed_today', code: 'already_claimed_today' });
    expect(await keyRow(p.id, key)).toMatchObject({ status: 409 });

    const replay = await claim(p, key);
    expect(replay.statusCode).toBe(409);
    expect(replay.json()).toEqual(refused.json());
    expect(replay.headers['idempotent-replayed']).toBe('true');

    t.clock.advanceSeconds(13 * 3600);
    const q = await relogin(p);
    const before = await balanceOf(t, q);
    const stillRefused = await claim(q, key);
    expect(stillRefused.statusCode).toBe(409);
    expect(stillRefused.json()).toEqual(refused.json());
    expect(await balanceOf(t, q)).toBe(before);
    // A new key is a new request: today's bonus is paid.
    const fresh = await claim(q, newKey());
    expect(fresh.statusCode, fresh.body).toBe(200);
    expect(await balanceOf(t, q)).toBe(before + t.config.DAILY_BONUS_AMOUNT);
    await expectLedgerBalanced(t.database);
  });

  it('keys are per player', async () => {
    const a = await registerPlayer(t);
    const b = await registerPlayer(t);
    t.clock.advanceSeconds(DAY);
    const [pa, pb] = [await relogin(a), await relogin(b)];
    const [balA, balB] = [await balanceOf(t, pa), await balanceOf(t, pb)];
    const key = newKey();

    const ra = await claim(pa, key);
    const rb = await claim(pb, key);
    expect(ra.statusCode).toBe(200);
    expect(rb.statusCode, rb.body).toBe(200);
    expect(rb.headers['idempotent-replayed']).toBeUndefined();
    expect(ra.json().new_balance).toBe(balA + t.config.DAILY_BONUS_AMOUNT);
    expect(rb.json().new_balance).toBe(balB + t.config.DAILY_BONUS_AMOUNT);
    // B's answer is B's own, and another path for B with that key is B's misuse only.
    const echoB = await app.inject({ method: 'POST', url: '/test/echo', headers: { authorization: `Bearer ${pb.token}`, 'idempotency-key': key }, payload: {} });
    expect(echoB.statusCode).toBe(409);
    const c = await registerPlayer(t);
    const echoC = await app.inject({ method: 'POST', url: '/test/echo', headers: { authorization: `Bearer ${c.token}`, 'idempotency-key': key }, payload: { hi: 1 } });
    expect(echoC.statusCode, echoC.body).toBe(201);
    expect(echoC.json()).toEqual({ echoed: { hi: 1 }, player_id: c.id });
    await expectLedgerBalanced(t.database);
  });

  it('keys are kept 24 h: after that the same key is a new request', async () => {
    const p = await veteran();
    const before = await balanceOf(t, p);
    const key = newKey();
    expect((await claim(p, key)).statusCode).toBe(200);
    t.clock.advanceSeconds(DAY + 1);
    const q = await relogin(p);
    const next = await claim(q, key);
    expect(next.statusCode, next.body).toBe(200);
    expect(next.headers['idempotent-replayed']).toBeUndefined();
    expect(await balanceOf(t, q)).toBe(before + 2 * t.config.DAILY_BONUS_AMOUNT);
    expect(await bonusEntries(p.id)).toBe(2);
    await expectLedgerBalanced(t.database);
  });

  it('a refusal before the key is claimed (not eligible) is replayed as well', async () => {
    const guest = await createGuest(t);
    const key = newKey();
    const res = await claim(guest, key);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'not_eligible' });
    const again = await claim(guest, key);
    expect(again.statusCode).toBe(400);
    expect(again.json()).toEqual(res.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
  });

  it('no token: 401 and no key is recorded', async () => {
    const key = newKey();
    const res = await t.req({ method: 'POST', url: CLAIM, headers: { 'idempotency-key': key } });
    expect(res.statusCode).toBe(401);
    const rows = await t.database.db.selectFrom('idempotency_keys').select('key').where('key', '=', key).execute();
    expect(rows).toEqual([]);
  });

  it('a key longer than 200 characters → 400 validation_error', async () => {
    const p = await veteran();
    const res = await claim(p, 'k'.repeat(201));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation_error' });
    expect(res.json().detail).toMatch(/idempotency-key/);
    expect(await bonusEntries(p.id)).toBe(0);
  });
});

describe('Idempotency-Key on a failing action', () => {
  it('a 429 from a route bucket that runs after the key was claimed does not use the key up', async () => {
    const limited = { ...t.deps, config: { ...t.deps.config, RATE_LIMIT_ENABLED: true } };
    const voteApp = await buildApp(limited, {
      routes: [
        async (root, deps) => {
          root.post('/test/vote', { config: { idempotent: 200 }, preHandler: extraBucket(root, deps.config, 'votes', 1) }, async (req) =>
            tx(deps, async () => ({ voted: true }), idem(req)),
          );
        },
      ],
    });
    await voteApp.ready();
    try {
      const p = await registerPlayer(t);
      const vote = (key: string) => voteApp.inject({ method: 'POST', url: '/test/vote', headers: { authorization: `Bearer ${p.token}`, 'idempotency-key': key } });
      expect((await vote(newKey())).statusCode).toBe(200);
      const key = newKey();
      const refused = await vote(key);
      expect(refused.statusCode).toBe(429);
      expect(refused.json()).toEqual({ detail: 'Rate limit exceeded. Try again later.', code: 'rate_limited' });
      // Not stored: once the window has passed, a retry with this key runs for real.
      expect(await keyRow(p.id, key)).toBeUndefined();
    } finally {
      await voteApp.close();
    }
  });

  it('a 5xx frees the key so the client can retry with it', async () => {
    const p = await registerPlayer(t);
    const key = newKey();
    const send = () => app.inject({ method: 'POST', url: '/test/flaky', headers: { authorization: `Bearer ${p.token}`, 'idempotency-key': key } });
    flakyFailures = 1;
    const failed = await send();
    expect(failed.statusCode).toBe(500);
    expect(await keyRow(p.id, key)).toBeUndefined();
    const retried = await send();
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toEqual({ ok: true });
    const replay = await send();
    expect(replay.headers['idempotent-replayed']).toBe('true');
  });

  it('a success status other than 200 replays with that status', async () => {
    const p = await registerPlayer(t);
    const key = newKey();
    const send = () => app.inject({ method: 'POST', url: '/test/echo', headers: { authorization: `Bearer ${p.token}`, 'idempotency-key': key }, payload: { a: 1 } });
    const first = await send();
    expect(first.statusCode).toBe(201);
    const again = await send();
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
  });
});
