import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import type { Config } from '../../config.ts';
import { DomainError } from '../../domain/errors.ts';
import { errorDetail } from '../error-map.ts';

const callerKey = (req: FastifyRequest) => (req.player ? `p:${req.player.id}` : `ip:${req.ip}`);

/**
 * The general limit is per player on authenticated routes (SPEC §8.1). A request without a player
 * on a route with no limit of its own (/, the docs and their assets, the web client, logout...) is
 * not counted: otherwise every visitor behind one NAT would share a 100-request budget for static
 * files. Routes with their own limit (sign-in per IP) are never skipped here. (A hook cannot do
 * this: @fastify/rate-limit decides at onRoute time, before later hooks mark routes public.)
 */
const skipUnauthenticated = (req: FastifyRequest) => !req.player && !req.routeOptions.config?.rateLimit;

/**
 * SPEC §8.1: 100 requests / 60 s per player on authenticated routes (global), 20 / 60 s per IP on
 * sign-up and sign-in routes, separate buckets for votes and party status. Shared through Redis when
 * configured, in memory otherwise. Runs after auth (preValidation) so the key is the player.
 * If Redis fails, requests go through unlimited (skipOnError) rather than failing: /health reports it.
 */
export async function registerRateLimit(app: FastifyInstance, config: Config, redis: Redis | null): Promise<void> {
  await app.register(rateLimit, {
    global: config.RATE_LIMIT_ENABLED,
    hook: 'preValidation',
    max: config.RATE_LIMIT_GENERAL,
    timeWindow: config.RATE_LIMIT_WINDOW_SECONDS * 1000,
    keyGenerator: callerKey,
    allowList: skipUnauthenticated,
    skipOnError: true,
    ...(redis ? { redis, nameSpace: `${config.REDIS_KEY_PREFIX}rl:` } : {}),
    errorResponseBuilder: (_req, ctx) => {
      const err = new Error(errorDetail('rate_limited')) as Error & { statusCode: number };
      err.statusCode = ctx.statusCode;
      return err;
    },
  });
}

/** Route config for sign-up / sign-in routes: per client IP. */
export function authRouteLimit(config: Config) {
  if (!config.RATE_LIMIT_ENABLED) return false as const;
  return { max: config.RATE_LIMIT_AUTH, timeWindow: config.RATE_LIMIT_WINDOW_SECONDS * 1000, keyGenerator: (req: FastifyRequest) => `auth:${req.ip}` };
}

/**
 * An extra bucket on top of the general one (votes: 20 / 60 s per player), as a route preValidation or
 * preHandler. (Not `app.rateLimit()`: its handler shares the plugin's "already ran" flag with the
 * general hook, so whichever of the two ran second silently did nothing.)
 */
export function extraBucket(app: FastifyInstance, config: Config, name: string, max: number) {
  if (!config.RATE_LIMIT_ENABLED) return async () => {};
  const check = app.createRateLimit({ max, timeWindow: config.RATE_LIMIT_WINDOW_SECONDS * 1000, keyGenerator: (req) => `${name}:${callerKey(req)}` });
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const r = await check(req);
    if (r.isAllowed || !r.isExceeded) return;
    reply.header('retry-after', Math.max(1, r.ttlInSeconds));
    throw new DomainError('rate_limited');
  };
}
