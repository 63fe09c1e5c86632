import { Redis } from 'ioredis';

/** The Redis tests use (CI's local server unless TEST_REDIS_URL says otherwise). */
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisReachable(): Promise<boolean> {
  const r = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
  r.on('error', () => {});
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

/** Skip Redis tests when no server answers, except under CI, which provides one: there it must fail. */
export const skipRedis = !(await redisReachable()) && process.env.CI !== 'true';
