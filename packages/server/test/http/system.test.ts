import { HealthResponseSchema, RootResponseSchema } from '@quipflip/api';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_VERSION, buildApp } from '../../src/http/app.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { expectSchema } from '../helpers/schema.ts';
import { REDIS_URL, skipRedis } from '../helpers/redis.ts';

// SPEC §8.2–8.5: GET /, /health, the documentation pages (offline) and CORS.


/** Every script/stylesheet/link URL in an HTML page. */
const assetUrls = (html: string): string[] => [...html.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1]!);
/** A URL leaving this server (CDN, fonts, ...). */
const isExternal = (u: string) => /^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(u);

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('GET /', () => {
  it('answers the seed info object plus play', async () => {
    const res = await t.req({ method: 'GET', url: '/' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.json();
    expectSchema(RootResponseSchema, body);
    expect(body).toEqual({ message: 'Quipflip API', version: API_VERSION, environment: 'test', docs: '/docs', play: '/play/' });
  });

  it('reports the configured environment', async () => {
    const dev = await createTestApp({ config: { ENVIRONMENT: 'development' } });
    try {
      const res = await dev.req({ method: 'GET', url: '/' });
      expect(res.json()).toMatchObject({ environment: 'development' });
    } finally {
      await dev.close();
    }
  });

  it('redirects a browser (Accept: text/html) to /play/', async () => {
    const res = await t.req({ method: 'GET', url: '/', headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/play/');
  });

  it('needs no token and ignores a bad one', async () => {
    const res = await t.req({ method: 'GET', url: '/', headers: { authorization: 'Bearer not-a-token' } });
    expect(res.statusCode).toBe(200);
  });
});

describe('GET /health', () => {
  it('200 {status: ok, database: connected, redis: memory} without Redis', async () => {
    const res = await t.req({ method: 'GET', url: '/health' });
    expect(res.statusCode, res.body).toBe(200);
    expectSchema(HealthResponseSchema, res.json());
    expect(res.json()).toEqual({ status: 'ok', database: 'connected', redis: 'memory' });
  });

  it('503 {status: error, database: disconnected} once the database is closed', async () => {
    const broken = await createTestApp();
    let appClosed = false;
    try {
      expect((await broken.req({ method: 'GET', url: '/health' })).statusCode).toBe(200);
      await broken.database.close();
      const res = await broken.req({ method: 'GET', url: '/health' });
      expect(res.statusCode, res.body).toBe(503);
      expectSchema(HealthResponseSchema, res.json());
      expect(res.json()).toEqual({ status: 'error', database: 'disconnected', redis: 'memory' });
      await broken.app.close();
      appClosed = true;
    } finally {
      if (!appClosed) await broken.close();
    }
  });

  it('503 when the database ping fails (a dead server, not a closed pool)', async () => {
    const deps = { ...t.deps, database: { ...t.deps.database, ping: () => Promise.reject(new Error('connection refused')) } };
    const app = await buildApp(deps);
    try {
      const res = await app.inject({ method: 'GET', url: '/health' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ status: 'error', database: 'disconnected', redis: 'memory' });
    } finally {
      await app.close();
    }
  });

  it('503 with redis: disconnected when a configured Redis is unreachable', async () => {
    // Port 1 on loopback: nothing listens; the client fails at once (no offline queue, no retries).
    const redis = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    redis.on('error', () => {});
    const app = await buildApp(t.deps, { redis });
    try {
      const res = await app.inject({ method: 'GET', url: '/health' });
      expect(res.statusCode, res.body).toBe(503);
      expect(res.json()).toEqual({ status: 'error', database: 'connected', redis: 'disconnected' });
    } finally {
      await app.close();
      redis.disconnect();
    }
  });

  describe.skipIf(skipRedis)('with Redis', () => {
    it('200 with redis: connected', async () => {
      const redis = new Redis(REDIS_URL, { enableOfflineQueue: true, maxRetriesPerRequest: 1 });
      const app = await buildApp(t.deps, { redis });
      try {
        const res = await app.inject({ method: 'GET', url: '/health' });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toEqual({ status: 'ok', database: 'connected', redis: 'connected' });
      } finally {
        await app.close();
        await redis.quit();
      }
    });
  });

  it('is public and never rate limited', async () => {
    const limited = await createTestApp({ config: { RATE_LIMIT_ENABLED: true, RATE_LIMIT_GENERAL: 3 } });
    try {
      for (let i = 0; i < 10; i++) {
        const res = await limited.req({ method: 'GET', url: '/health' });
        expect(res.statusCode).toBe(200);
        expect(res.headers['x-ratelimit-limit']).toBeUndefined();
      }
    } finally {
      await limited.close();
    }
  });
});

describe('documentation (offline)', () => {
  async function expectLocalAssets(app: FastifyInstance, page: string, html: string): Promise<string[]> {
    const urls = assetUrls(html);
    expect(urls.filter(isExternal), `${page} must not load anything from another host`).toEqual([]);
    expect(html).not.toMatch(/cdn\.|unpkg|jsdelivr|googleapis|fonts\.scalar\.com/i);
    const base = new URL(page, 'http://localhost');
    for (const u of urls) {
      const path = new URL(u, base).pathname;
      const res = await app.inject({ method: 'GET', url: path });
      expect(res.statusCode, `${path} (from ${page})`).toBe(200);
      expect(res.body.length, path).toBeGreaterThan(0);
    }
    return urls;
  }

  it('/docs serves Swagger UI with its scripts and styles from this server', async () => {
    const res = await t.req({ method: 'GET', url: '/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('swagger-ui');
    const urls = await expectLocalAssets(t.app, '/docs', res.body);
    const scripts = urls.filter((u) => u.endsWith('.js'));
    expect(scripts.some((u) => u.includes('swagger-ui-bundle.js'))).toBe(true);

    const bundle = await t.req({ method: 'GET', url: '/docs/static/swagger-ui-bundle.js' });
    expect(bundle.headers['content-type']).toMatch(/javascript/);
    expect(bundle.body.length).toBeGreaterThan(100_000);

    // The initializer points Swagger UI at our own document and turns the online validator off.
    const init = await t.req({ method: 'GET', url: '/docs/static/swagger-initializer.js' });
    expect(init.statusCode).toBe(200);
    expect(init.body).toContain("url: resolveUrl('./json')");
    expect(init.body).toMatch(/validatorUrl:\s*null/);
    const viaDocs = await t.req({ method: 'GET', url: '/docs/json' });
    const direct = await t.req({ method: 'GET', url: '/openapi.json' });
    expect(viaDocs.statusCode).toBe(200);
    expect(Object.keys(viaDocs.json().paths)).toEqual(Object.keys(direct.json().paths));
  });

  it('/redoc serves a reference page whose script comes from this server', async () => {
    const redirect = await t.req({ method: 'GET', url: '/redoc' });
    expect(redirect.statusCode).toBe(301);
    expect(redirect.headers.location).toBe('/redoc/');

    const res = await t.req({ method: 'GET', url: '/redoc/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const urls = await expectLocalAssets(t.app, '/redoc/', res.body);
    expect(urls).toContain('js/scalar.js');
    expect(res.body).toContain('"url": "/openapi.json"');
    expect(res.body).toContain('"withDefaultFonts": false');
    expect(res.body).toContain('<title>Quipflip API reference</title>');

    const js = await t.req({ method: 'GET', url: '/redoc/js/scalar.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.body.length).toBeGreaterThan(1_000_000);
  });

  it('/openapi.json is OpenAPI 3 with our paths and the bearer security scheme', async () => {
    const res = await t.req({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info).toMatchObject({ title: 'Quipflip API', version: API_VERSION });
    expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(doc.security).toEqual([{ bearer: [] }]);
    for (const p of ['/', '/health', '/player', '/auth/login', '/auth/refresh', '/player/balance', '/player/claim-daily-bonus']) {
      expect(doc.paths, p).toHaveProperty([p]);
    }
    // Public endpoints say so; authenticated ones inherit the bearer requirement.
    expect(doc.paths['/health'].get.security).toEqual([]);
    expect(doc.paths['/auth/login'].post.security).toEqual([]);
    expect(doc.paths['/player/balance'].get.security).toBeUndefined();
    // Error responses are documented with the error body.
    expect(doc.paths['/player/balance'].get.responses).toHaveProperty(['4XX']);
    // The documentation's own routes are hidden.
    expect(Object.keys(doc.paths).filter((p) => /^\/(docs|redoc|openapi)/.test(p))).toEqual([]);
  });

  it('documentation routes are public', async () => {
    for (const url of ['/docs', '/redoc/', '/redoc/js/scalar.js', '/openapi.json', '/docs/static/swagger-initializer.js']) {
      const res = await t.req({ method: 'GET', url, headers: { authorization: 'Bearer garbage' } });
      expect(res.statusCode, url).toBe(200);
    }
  });
});

describe('CORS', () => {
  const preflight = (app: TestApp, method: string, origin = 'http://localhost:5173') =>
    app.req({
      method: 'OPTIONS',
      url: '/player/email',
      headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization,content-type,idempotency-key' },
    });

  it('preflight allows PATCH and DELETE with credentials and our headers', async () => {
    for (const method of ['PATCH', 'DELETE']) {
      const res = await preflight(t, method);
      expect(res.statusCode, method).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe('http://localhost:5173');
      expect(res.headers['access-control-allow-credentials']).toBe('true');
      const methods = String(res.headers['access-control-allow-methods']).split(/\s*,\s*/);
      expect(methods).toEqual(expect.arrayContaining(['GET', 'POST', 'PATCH', 'DELETE']));
      const headers = String(res.headers['access-control-allow-headers']).toLowerCase().split(/\s*,\s*/);
      expect(headers).toEqual(expect.arrayContaining(['authorization', 'content-type', 'idempotency-key']));
    }
  });

  it('a simple request from an allowed origin gets the CORS headers', async () => {
    const res = await t.req({ method: 'GET', url: '/health', headers: { origin: 'http://localhost:5173' } });
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(res.headers['access-control-allow-credentials']).toBe('true');
  });

  it('CORS_ORIGINS restricts the origins', async () => {
    const strict = await createTestApp({ config: { CORS_ORIGINS: 'https://quipflip.example, https://admin.quipflip.example' } });
    try {
      const ok = await preflight(strict, 'DELETE', 'https://admin.quipflip.example');
      expect(ok.headers['access-control-allow-origin']).toBe('https://admin.quipflip.example');
      expect(ok.headers['access-control-allow-credentials']).toBe('true');
      const other = await preflight(strict, 'DELETE', 'https://evil.example');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await strict.close();
    }
  });
});

