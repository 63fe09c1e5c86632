import { ErrorSchema, SessionIdParams } from '@quipflip/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.ts';
import { buildApp } from '../../src/http/app.ts';
import { frameworkErrors, registerErrorHandling } from '../../src/http/plugins/errors.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { registerPlayer, type TestPlayer } from '../helpers/players.ts';
import { expectSchema } from '../helpers/schema.ts';

// SPEC §1.5–1.6 and Appendix A "Any endpoint": every failure is {detail, code, message?}; schema
// failures are 400 validation_error naming the field (never 422); a 500 never leaks internals.

const SECRET = 'password=hunter2 host=db.internal:5432';

/** Routes that exist only in this test: they fail on purpose. */
async function failingRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const open = { public: true } as const;
  app.get('/test/throw', { config: open }, async () => {
    throw new Error(`query failed: ${SECRET}`);
  });
  app.get('/test/throw-sync', { config: open }, () => {
    throw new TypeError(`Cannot read properties of undefined (${SECRET})`);
  });
  app.get('/test/throw-502', { config: open }, async () => {
    throw Object.assign(new Error(`upstream said ${SECRET}`), { statusCode: 502, code: 'UPSTREAM' });
  });
  app.get('/test/throw-string', { config: open }, async () => {
    throw SECRET;
  });
  app.get('/test/throw-in-hook', { config: open, preHandler: async () => Promise.reject(new RangeError(SECRET)) }, async () => ({ ok: true }));
  app.get('/test/unmapped-domain-code', { config: open }, async () => {
    throw new DomainError('no_such_code' as never, { message: SECRET, secret: SECRET });
  });
  app.get('/test/domain', { config: open }, async () => {
    throw new DomainError('insufficient_balance', { message: 'You need 100 flipcoins', needed: 100 });
  });
  app.get('/test/bad-response', { config: open, schema: { response: { 200: Type.Object({ count: Type.Integer() }) } } }, async () => ({ count: SECRET }) as never);
  app.get('/test/session/:session_id', { config: open, schema: { params: SessionIdParams } }, async (req) => ({ id: req.params.session_id }));
  app.get('/test/query', { config: open, schema: { querystring: Type.Object({ n: Type.Integer({ minimum: 1 }) }) } }, async (req) => ({ n: req.query.n }));
  app.post(
    '/test/nested',
    { config: open, schema: { body: Type.Object({ items: Type.Array(Type.Object({ phrase: Type.String({ minLength: 2 }) }, { additionalProperties: false })) }) } },
    async () => ({ ok: true }),
  );
}

let t: TestApp;
let app: FastifyInstance;
let player: TestPlayer;

beforeAll(async () => {
  t = await createTestApp();
  // The same app the server runs, plus the failing routes above (registered before ready).
  app = await buildApp(t.deps, { routes: [failingRoutes] });
  await app.ready();
  player = await registerPlayer(t);
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

function expectError(res: LightMyRequestResponse, status: number, code: string, detail?: string | RegExp): Record<string, unknown> {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = res.json();
  expectSchema(ErrorSchema, body);
  expect(body.code).toBe(code);
  if (typeof detail === 'string') expect(body.detail).toBe(detail);
  else if (detail) expect(body.detail).toMatch(detail);
  return body;
}

function expectInternal(res: LightMyRequestResponse): void {
  expect(res.statusCode, res.body).toBe(500);
  expect(res.json()).toEqual({ detail: 'Internal Server Error', code: 'internal_error' });
  expect(res.body).not.toContain('hunter2');
  expect(res.body).not.toContain('db.internal');
}

describe('unknown routes', () => {
  it('404 {detail, code: not_found} for any method, with or without a token', async () => {
    for (const [method, url] of [
      ['GET', '/nope'],
      ['POST', '/rounds/nope/nope'],
      ['DELETE', '/health'],
      ['PATCH', '/player/balance'],
    ] as const) {
      expectError(await t.req({ method, url }), 404, 'not_found', 'Not Found');
      expectError(await t.req({ method, url, token: player.token }), 404, 'not_found', 'Not Found');
      expectError(await t.req({ method, url, headers: { authorization: 'Bearer garbage' } }), 404, 'not_found', 'Not Found');
    }
  });
});

describe('malformed requests → 400 validation_error', () => {
  it('malformed JSON', async () => {
    const res = await t.req({ method: 'POST', url: '/auth/login', payload: '{"email": "a@b.co", "password": ', headers: { 'content-type': 'application/json' } });
    expectError(res, 400, 'validation_error', 'Body is not valid JSON');
  });

  it('JSON that is not an object', async () => {
    for (const payload of ['[1, 2]', '"text"', '42', 'null']) {
      const res = await t.req({ method: 'POST', url: '/auth/login', payload, headers: { 'content-type': 'application/json' } });
      expectError(res, 400, 'validation_error', 'body: must be object');
    }
  });

  it('no body where one is required', async () => {
    expectError(await t.req({ method: 'POST', url: '/auth/login' }), 400, 'validation_error', 'body: must be object');
    const empty = await t.req({ method: 'POST', url: '/auth/login', payload: '', headers: { 'content-type': 'application/json' } });
    expectError(empty, 400, 'validation_error', 'body: must be object');
  });

  it('wrong content type', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml']) {
      const res = await t.req({ method: 'POST', url: '/auth/login', payload: 'email=a%40b.co&password=x', headers: { 'content-type': type } });
      expectError(res, 400, 'validation_error', 'Unsupported content type: send application/json');
    }
    // text/plain is parsed as a string, which is not the object the schema wants.
    const text = await t.req({ method: 'POST', url: '/auth/login', payload: '{"email":"a@b.co","password":"x"}', headers: { 'content-type': 'text/plain' } });
    expectError(text, 400, 'validation_error', 'body: must be object');
  });

  it('a body over the 64 KiB limit', async () => {
    const payload = JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(70_000) });
    const res = await t.req({ method: 'POST', url: '/auth/login', payload, headers: { 'content-type': 'application/json' } });
    expectError(res, 400, 'validation_error', 'Request body is too large');
  });
});

describe('schema failures → 400 (never 422), detail names the field', () => {
  it('a missing field', async () => {
    expectError(await t.req({ method: 'POST', url: '/auth/login', payload: { email: 'someone@example.com' } }), 400, 'validation_error', 'body.password: is required');
  });

  it('a field out of bounds', async () => {
    expectError(await t.req({ method: 'POST', url: '/auth/login', payload: { email: 'ab', password: 'x' } }), 400, 'validation_error', 'body.email: must NOT have fewer than 3 characters');
  });

  it('a field of the wrong type', async () => {
    expectError(await t.req({ method: 'POST', url: '/auth/login', payload: { email: { $ne: null }, password: 'x' } }), 400, 'validation_error', 'body.email: must be string');
  });

  it('an unknown field', async () => {
    const res = await t.req({ method: 'POST', url: '/auth/login', payload: { email: 'someone@example.com', password: 'x', admin: true } });
    expectError(res, 400, 'validation_error', 'body.admin: is not allowed');
  });

  it('on an authenticated route (after the token check)', async () => {
    const res = await t.req({ method: 'POST', url: '/player/tutorial/progress', payload: { progress: 'x'.repeat(65) }, token: player.token });
    expectError(res, 400, 'validation_error', 'body.progress: must NOT have more than 64 characters');
    // Without a token the credentials answer first.
    expectError(await t.req({ method: 'POST', url: '/player/tutorial/progress', payload: {} }), 401, 'missing_credentials');
  });

  it('a nested field names its full path', async () => {
    const res = await app.inject({ method: 'POST', url: '/test/nested', payload: { items: [{ phrase: 'ok' }, { phrase: 'x' }] } });
    expectError(res, 400, 'validation_error', 'body.items.1.phrase: must NOT have fewer than 2 characters');
  });

  it('query strings', async () => {
    expectError(await t.req({ method: 'GET', url: '/player/transactions?limit=abc', token: player.token }), 400, 'validation_error', 'querystring.limit: must be integer');
    expectError(await t.req({ method: 'GET', url: '/player/transactions?limit=1000', token: player.token }), 400, 'validation_error', 'querystring.limit: must be <= 100');
    expectError(await app.inject({ method: 'GET', url: '/test/query' }), 400, 'validation_error', 'querystring.n: is required');
  });

  it('path parameters (ids are UUIDs)', async () => {
    const res = await app.inject({ method: 'GET', url: '/test/session/not-a-uuid' });
    expectError(res, 400, 'validation_error', /^params\.session_id: must match format "uuid"$/);
    const ok = await app.inject({ method: 'GET', url: '/test/session/9b2f3c1e-5a4d-4e7f-8a9b-0c1d2e3f4a5b' });
    expect(ok.statusCode).toBe(200);
  });
});

describe('domain errors', () => {
  it('answer the table status with detail, code, message and context', async () => {
    const res = await app.inject({ method: 'GET', url: '/test/domain' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ detail: 'insufficient_balance', code: 'insufficient_balance', message: 'You need 100 flipcoins', needed: 100 });
  });

  it('an unmapped code is a bug: plain 500, nothing of its context', async () => {
    expectInternal(await app.inject({ method: 'GET', url: '/test/unmapped-domain-code' }));
  });
});

describe('internal errors → 500 {detail: "Internal Server Error", code: "internal_error"}', () => {
  it.each([
    ['a rejected handler', '/test/throw'],
    ['a synchronous throw', '/test/throw-sync'],
    ['an error carrying a 5xx status of its own', '/test/throw-502'],
    ['a thrown non-Error', '/test/throw-string'],
    ['a failing hook', '/test/throw-in-hook'],
    ['a response that does not fit its schema', '/test/bad-response'],
  ])('%s', async (_name, url) => {
    expectInternal(await app.inject({ method: 'GET', url }));
  });

  it('the app keeps serving after a 500', async () => {
    expectInternal(await app.inject({ method: 'GET', url: '/test/throw' }));
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
  });
});

describe('errors raised before routing', () => {
  it('the frameworkErrors handler answers our body for a malformed URL', async () => {
    const bare = Fastify({ frameworkErrors });
    registerErrorHandling(bare);
    bare.get('/player/:id', async () => ({ ok: true }));
    try {
      const res = await bare.inject({ method: 'GET', url: '/player/%E0%A4%A' });
      expectError(res, 400, 'validation_error', 'Malformed URL');
    } finally {
      await bare.close();
    }
  });

  // Fails until app.ts passes `frameworkErrors` (plugins/errors.ts) to Fastify(); then turn it into it().
  it('the real app answers {detail, code} for a malformed URL', async () => {
    const res = await t.req({ method: 'GET', url: '/player/%E0%A4%A' });
    expectError(res, 400, 'validation_error', 'Malformed URL');
  });
});
