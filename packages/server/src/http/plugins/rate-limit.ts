import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import type { Config } from '../../config.ts';
import { errorDetail } from '../error-map.ts';

const callerKey = (req: FastifyRequest) => (req.player ? `p:${req.player.id}` : `ip:${req.ip}`);

/**
 * SPEC §8.1: 100 requests / 60 s per player on authenticated routes (global), 20 / 60 s per IP on
 * sign-up and sign-in routes, separate buckets for votes and party status. Shared through Redis when
 * configured, in memory otherwise. Runs after auth (preValidation) so the key is the player.
 */
export async function registerRateLimit(app: FastifyInstance, config: Config, redis: Redis | null): Promise<void> {
  await app.register(rateLimit, {
    global: config.RATE_LIMIT_ENABLED,
    hook: 'preValidation',
    max: config.RATE_LIMIT_GENERAL,
    timeWindow: config.RATE_LIMIT_WINDOW_SECONDS * 1000,
    keyGenerator: callerKey,
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

/** An extra bucket on top of the general one (votes: 20 / 60 s per player). Use as a route preHandler. */
export function extraBucket(app: FastifyInstance, config: Config, name: string, max: number) {
  if (!config.RATE_LIMIT_ENABLED) return async () => {};
  return app.rateLimit({ max, timeWindow: config.RATE_LIMIT_WINDOW_SECONDS * 1000, keyGenerator: (req) => `${name}:${callerKey(req)}` });
}

/** A bucket replacing the general one (party status reads: 120 / 60 s, so polling never starves play). */
export function ownBucket(config: Config, name: string, max: number) {
  if (!config.RATE_LIMIT_ENABLED) return false as const;
  return { max, timeWindow: config.RATE_LIMIT_WINDOW_SECONDS * 1000, keyGenerator: (req: FastifyRequest) => `${name}:${callerKey(req)}` };
}
