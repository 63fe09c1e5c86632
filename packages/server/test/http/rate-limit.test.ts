import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { me } from '../../src/http/plugins/auth.ts';
import { extraBucket } from '../../src/http/plugins/rate-limit.ts';
import type { Deps } from '../../src/services/deps.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { registerPlayer, type TestPlayer } from '../helpers/players.ts';
import { REDIS_URL, skipRedis } from '../helpers/redis.ts';

// SPEC §8.1: 100 requests / 60 s per player on authenticated routes, 20 / 60 s per client IP on the
// sign-up and sign-in routes, 429 {detail, code: rate_limited} with Retry-After; shared across
// instances through Redis when configured.

const RATE_LIMITED = { detail: 'Rate limit exceeded. Try again later.', code: 'rate_limited' };

type Inject = (o: InjectOptions) => Promise<LightMyRequestResponse>;
const injectOf = (app: FastifyInstance): Inject => (o) => app.inject(o);
const bearer = (p: TestPlayer) => ({ authorization: `Bearer ${p.token}` });
const balance = (inject: Inject, p: TestPlayer) => inject({ method: 'GET', url: '/player/balance', headers: bearer(p) });
const badLogin = (inject: Inject, ip: string) =>
  inject({ method: 'POST', url: '/auth/login', remoteAddress: ip, payload: { email: 'nobody@example.com', password: 'Wr0ngPassword' } });

function expect429(res: LightMyRequestResponse, windowSeconds = 60): void {
  expect(res.statusCode, res.body).toBe(429);
  expect(res.json()).toEqual(RATE_LIMITED);
  const retryAfter = Number(res.headers['retry-after']);
  expect(Number.isInteger(retryAfter), `Retry-After: ${res.headers['retry-after']}`).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
}

/** Sends n requests in sequence and returns their statuses. */
async function statuses(n: number, send: (i: number) => Promise<LightMyRequestResponse>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await send(i)).statusCode);
  return out;
}
const count = (xs: number[], status: number) => xs.filter((s) => s === status).length;

/** A vote-like route with the extra bucket of 3 per player on top of the general limit. */
const voteLikeRoute = (max: number) => async (app: FastifyInstance, deps: Deps) => {
  app.post('/test/vote', { preHandler: extraBucket(app, deps.config, 'votes', max) }, async (req) => ({ voter: me(req).id }));
};

describe('in memory (no Redis)', () => {
  let t: TestApp;
  let inject: Inject;
  beforeAll(async () => {
    t = await createTestApp({ config: { RATE_LIMIT_ENABLED: true } });
    inject = injectOf(t.app);
  });
  afterAll(async () => t?.close());

  it('the 101st authenticated request in a window is refused with 429 and Retry-After', async () => {
    const p = await registerPlayer(t);
    const first = await balance(inject, p);
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-ratelimit-limit']).toBe('100');
    expect(first.headers['x-ratelimit-remaining']).toBe('99');

    const rest = await statuses(99, () => balance(inject, p));
    expect(count(rest, 200)).toBe(99);

    const refused = await balance(inject, p);
    expect429(refused);
    expect(refused.headers['x-ratelimit-remaining']).toBe('0');
    // Every authenticated route draws from the same per-player budget.
    expect429(await inject({ method: 'GET', url: '/player/tutorial/status', headers: bearer(p) }));
    expect429(await inject({ method: 'POST', url: '/player/claim-daily-bonus', headers: bearer(p) }));
  });

  it('limits are per player: another player (same IP) is unaffected', async () => {
    const a = await registerPlayer(t);
    const b = await registerPlayer(t);
    const burst = await statuses(101, () => balance(inject, a));
    expect(count(burst, 200)).toBe(100);
    expect(burst[100]).toBe(429);
    const res = await balance(inject, b);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['x-ratelimit-remaining']).toBe('99');
  });

  it('requests refused for credentials do not use up a player budget', async () => {
    const p = await registerPlayer(t);
    await statuses(120, () => inject({ method: 'GET', url: '/player/balance', headers: { authorization: 'Bearer garbage' } }));
    expect((await balance(inject, p)).headers['x-ratelimit-remaining']).toBe('99');
  });

  it('POST /auth/login allows 20 per 60 s per client IP', async () => {
    const tries = await statuses(20, () => badLogin(inject, '203.0.113.7'));
    expect(tries).toEqual(Array(20).fill(401));
    expect429(await badLogin(inject, '203.0.113.7'));
    // Even correct credentials wait: the limit is on the IP, not the account.
    const p = await registerPlayer(t);
    const good = await inject({ method: 'POST', url: '/auth/login', remoteAddress: '203.0.113.7', payload: { email: p.email, password: p.password } });
    expect429(good);
    // Another IP is unaffected.
    const other = await inject({ method: 'POST', url: '/auth/login', remoteAddress: '198.51.100.9', payload: { email: p.email, password: p.password } });
    expect(other.statusCode, other.body).toBe(200);
  });

  it('X-Forwarded-For is ignored without TRUST_PROXY (a client cannot pick its own IP)', async () => {
    const sends = await statuses(21, (i) => inject({ method: 'POST', url: '/auth/login', remoteAddress: '192.0.2.44', headers: { 'x-forwarded-for': `10.0.0.${i}` }, payload: { email: 'x@example.com', password: 'Wr0ngPassword' } }));
    expect(count(sends, 401)).toBe(20);
    expect(sends[20]).toBe(429);
  });

  it('/health, / and the documentation are never limited', async () => {
    for (const url of ['/health', '/', '/openapi.json', '/docs', '/docs/static/swagger-initializer.js', '/redoc/']) {
      const res = await statuses(130, () => inject({ method: 'GET', url, remoteAddress: '192.0.2.1' }));
      expect(count(res, 200), url).toBe(130);
    }
  });

  it('an extra bucket (votes) applies on top of the general one', async () => {
    const app = await buildApp(t.deps, { routes: [voteLikeRoute(3)] });
    await app.ready();
    try {
      const p = await registerPlayer(t);
      const votes = await statuses(4, () => app.inject({ method: 'POST', url: '/test/vote', headers: bearer(p) }));
      expect(votes).toEqual([200, 200, 200, 429]);
      expect429(await app.inject({ method: 'POST', url: '/test/vote', headers: bearer(p) }));
      // The general budget is not exhausted: other routes still answer.
      const other = await app.inject({ method: 'GET', url: '/player/balance', headers: bearer(p) });
      expect(other.statusCode).toBe(200);
      // Another player votes freely.
      const q = await registerPlayer(t);
      expect((await app.inject({ method: 'POST', url: '/test/vote', headers: bearer(q) })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('POST /phrasesets/{id}/vote: 20 per 60 s per player, on top of the general budget', async () => {
    const p = await registerPlayer(t);
    const vote = () => inject({ method: 'POST', url: '/phrasesets/9b2f3c1e-5a4d-4e7f-8a9b-0c1d2e3f4a5b/vote', headers: bearer(p), payload: { phrase: 'ANYTHING' } });
    const votes = await statuses(20, vote);
    expect(votes.every((s) => s !== 429), votes.join(',')).toBe(true);
    expect429(await vote());
    // The general budget still has room: 20 votes + this request, + the refused vote when the vote
    // bucket runs after the general one (preHandler) rather than before it (preValidation).
    const other = await balance(inject, p);
    expect(other.statusCode).toBe(200);
    expect(['78', '79']).toContain(other.headers['x-ratelimit-remaining']);
  });

  it('RATE_LIMIT_ENABLED=false turns every limit off', async () => {
    const off = await createTestApp({ config: { RATE_LIMIT_ENABLED: false } });
    try {
      const p = await registerPlayer(off);
      const res = await statuses(110, () => balance(injectOf(off.app), p));
      expect(count(res, 200)).toBe(110);
      const logins = await statuses(25, () => badLogin(injectOf(off.app), '203.0.113.8'));
      expect(count(logins, 401)).toBe(25);
    } finally {
      await off.close();
    }
  });
});

describe('a Redis outage', () => {
  it('does not turn requests into errors (limits fail open; /health reports it)', async () => {
    const t = await createTestApp({ config: { RATE_LIMIT_ENABLED: true } });
    const redis = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    redis.on('error', () => {});
    const app = await buildApp(t.deps, { redis });
    try {
      const p = await registerPlayer(t);
      const res = await balance(injectOf(app), p);
      expect(res.statusCode, res.body).toBe(200);
      expect((await badLogin(injectOf(app), '203.0.113.9')).statusCode).toBe(401);
      expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(503);
    } finally {
      await app.close();
      redis.disconnect();
      await t.close();
    }
  });
});

describe.skipIf(skipRedis)('shared through Redis', () => {
  // A prefix of our own, so parallel runs and a real deployment on the same Redis never meet.
  const prefix = `qf_test_${process.pid}_${Date.now().toString(36)}:`;
  let t: TestApp;
  let admin: Redis;
  const clients: Redis[] = [];
  const apps: FastifyInstance[] = [];

  async function instance(routes: Array<(app: FastifyInstance, deps: Deps) => Promise<void>> = []): Promise<Inject> {
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    clients.push(redis);
    const app = await buildApp(t.deps, { redis, routes });
    await app.ready();
    apps.push(app);
    return injectOf(app);
  }

  async function ourKeys(): Promise<string[]> {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      keys.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    return keys;
  }

  beforeAll(async () => {
    t = await createTestApp({ config: { RATE_LIMIT_ENABLED: true, REDIS_KEY_PREFIX: prefix } });
    admin = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const c of clients) await c.quit();
    if (admin) {
      const keys = await ourKeys();
      if (keys.length) await admin.del(...keys);
      expect(await ourKeys()).toEqual([]);
      await admin.quit();
    }
    await t?.close();
  });

  it('two instances sharing Redis share a player count', async () => {
    const a = await instance();
    const b = await instance();
    const p = await registerPlayer(t);
    const q = await registerPlayer(t);
    const onA = await statuses(50, () => balance(a, p));
    const onB = await statuses(50, () => balance(b, p));
    expect(count([...onA, ...onB], 200)).toBe(100);
    expect429(await balance(a, p));
    expect429(await balance(b, p));
    // Per player on Redis too.
    expect((await balance(b, q)).statusCode).toBe(200);

    const keys = await ourKeys();
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => k.startsWith(`${prefix}rl:`))).toBe(true);
    const playerKey = keys.find((k) => k.endsWith(`p:${p.id}`));
    expect(playerKey, keys.join(', ')).toBeDefined();
    expect(Number(await admin.get(playerKey!))).toBe(102);
    const ttl = await admin.pttl(playerKey!);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('the sign-in limit per IP is shared as well', async () => {
    const a = await instance();
    const b = await instance();
    const ip = '203.0.113.77';
    const tries = [...(await statuses(10, () => badLogin(a, ip))), ...(await statuses(10, () => badLogin(b, ip)))];
    expect(tries).toEqual(Array(20).fill(401));
    expect429(await badLogin(a, ip));
    expect429(await badLogin(b, ip));
    expect((await badLogin(b, '203.0.113.78')).statusCode).toBe(401);
  });

  it('extra buckets are shared across instances', async () => {
    const a = await instance([voteLikeRoute(3)]);
    const b = await instance([voteLikeRoute(3)]);
    const p = await registerPlayer(t);
    const vote = (i: Inject) => i({ method: 'POST', url: '/test/vote', headers: bearer(p) });
    expect([(await vote(a)).statusCode, (await vote(b)).statusCode, (await vote(a)).statusCode]).toEqual([200, 200, 200]);
    expect429(await vote(b));
  });

  it('/health is never limited and reports redis: connected', async () => {
    const a = await instance();
    const res = await statuses(130, () => a({ method: 'GET', url: '/health' }));
    expect(count(res, 200)).toBe(130);
    expect((await a({ method: 'GET', url: '/health' })).json()).toEqual({ status: 'ok', database: 'connected', redis: 'connected' });
  });
});
