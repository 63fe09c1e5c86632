import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Deps } from '../services/deps.ts';
import { registerAuth } from './plugins/auth.ts';
import { registerDocs } from './plugins/docs.ts';
import { frameworkErrors, registerErrorHandling } from './plugins/errors.ts';
import { registerIdempotency } from './plugins/idempotency.ts';
import { registerRateLimit } from './plugins/rate-limit.ts';
import authRoutes from './routes/auth.ts';
import playerRoutes from './routes/player.ts';
import systemRoutes from './routes/system.ts';

export const API_VERSION = '1.1.0';

export interface AppOptions {
  redis?: Redis | null;
  /** Extra route plugins (game features register here from main.ts / tests). */
  routes?: Array<(app: FastifyInstance, deps: Deps) => Promise<void>>;
  /** Folder of the built web client, served at /play/ (SPEC §8.3). */
  webRoot?: string;
}

// Vite writes content-hashed files to assets/: they never change. Everything else is revalidated.
const HASHED_ASSET = /[\\/]assets[\\/][^\\/]+[.-][0-9a-zA-Z_-]{8,}\.[a-z0-9]+$/;

/** Builds the HTTP app around already-built dependencies. Routes only translate HTTP to services. */
export async function buildApp(deps: Deps, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    frameworkErrors, // malformed URLs etc. answer {detail, code} too
    trustProxy: deps.config.TRUST_PROXY,
    bodyLimit: 64 * 1024,
    // Request ids in every log line (SPEC §11.3).
    genReqId: () => deps.random.uuid(),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  });

  // An empty JSON body is "no body" (logout/refresh may send none); bad JSON is a 400.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      const err = new Error('Body is not valid JSON') as Error & { statusCode: number };
      err.statusCode = 400;
      done(err, undefined);
    }
  });

  registerErrorHandling(app);
  await app.register(cookie);
  const origins = deps.config.CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean);
  await app.register(cors, {
    origin: origins.length > 0 ? origins : deps.config.ENVIRONMENT !== 'production',
    credentials: true,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
    // The web client reads these (retry timing, replays, server clock for timers).
    exposedHeaders: ['Retry-After', 'Idempotent-Replayed', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Date'],
  });
  registerAuth(app, deps);
  await registerRateLimit(app, deps.config, opts.redis ?? null);
  registerIdempotency(app, deps);
  await registerDocs(app, API_VERSION);

  await systemRoutes(app, deps, { version: API_VERSION, redisPing: opts.redis ? async () => void (await opts.redis!.ping()) : undefined });
  await authRoutes(app, deps);
  await playerRoutes(app, deps);
  for (const r of opts.routes ?? []) await r(app, deps);
  if (opts.webRoot) await registerWebClient(app, opts.webRoot);
  return app;
}

/** The SPA: static files under /play/, and index.html for its client-side routes (/play/rounds/...). */
async function registerWebClient(app: FastifyInstance, root: string): Promise<void> {
  const web = { public: true, rateLimit: false } as const;
  app.addHook('onRoute', (r) => {
    if (r.url.startsWith('/play')) r.config = { ...(r.config ?? {}), ...web };
  });
  await app.register(fastifyStatic, {
    root,
    prefix: '/play/',
    wildcard: false,
    index: ['index.html'],
    setHeaders: (res, path) => {
      res.header('cache-control', HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/play', { schema: { hide: true }, config: web }, (_req, reply) => reply.redirect('/play/'));
  app.get('/play/*', { schema: { hide: true }, config: web }, (req, reply) => {
    const path = (req.params as { '*': string })['*'];
    // Unknown files with an extension are real 404s; anything else is a client route.
    if (/\.[a-z0-9]+$/i.test(path)) return reply.code(404).send({ detail: 'Not Found', code: 'not_found' });
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html');
  });
}
