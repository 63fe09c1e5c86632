import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { ConfigError, loadConfig } from './config.ts';
import { connectDatabase } from './db/connect.ts';
import { migrate } from './db/migrate.ts';
import { PGLITE_TEMPLATE_PATH } from './db/template-path.ts';
import { buildApp } from './http/app.ts';
import { systemClock } from './platform/clock.ts';
import { LockHeldError } from './platform/lockfile.ts';
import { createLogger } from './platform/logger.ts';
import { systemRandom } from './platform/random.ts';
import { resolveSecret } from './platform/secret.ts';
import { MemoryHub } from './realtime/hub.ts';
import { createScheduler } from './scheduler/scheduler.ts';
import { buildDeps } from './services/build-deps.ts';
import { installFeatures } from './features.ts';

const here = dirname(fileURLToPath(import.meta.url));
const WEB_DIST = resolve(here, '../../web/dist');

/** Composition root: config → database → services → HTTP + scheduler. */
async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const database = await connectDatabase({
    databaseUrl: config.DATABASE_URL || undefined,
    dataDir: config.DATA_DIR,
    poolSize: config.DB_POOL_SIZE,
    templateFile: PGLITE_TEMPLATE_PATH,
  });
  const applied = await migrate(database.db);
  if (applied.length) logger.info({ applied }, 'migrations applied');

  const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: false }) : null;
  redis?.on('error', (e) => logger.warn({ err: e.message }, 'redis error'));

  const deps = buildDeps({
    database,
    config,
    clock: systemClock,
    random: systemRandom,
    hub: new MemoryHub(),
    logger,
    secret: resolveSecret(config.SECRET_KEY, config.DATA_DIR),
  });
  const scheduler = createScheduler(database, systemClock, config, logger);
  const features = await installFeatures(deps, scheduler);
  // The web client (SPEC §8.3), built by `npm ci` (scripts/ensure-web-build.mjs).
  const webRoot = existsSync(join(WEB_DIST, 'index.html')) ? WEB_DIST : undefined;
  if (!webRoot) logger.warn('the web client is not built: run `npm run build:web` to serve it at /play/');
  const app = await buildApp(deps, { redis, routes: features.routes, webRoot });

  if (config.SCHEDULER_ENABLED) scheduler.start();
  await app.listen({ port: config.PORT, host: config.HOST });
  logger.info({ port: config.PORT, database: database.kind, redis: !!redis, startup_ms: Date.now() - started }, 'Quipflip is ready');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await features.beforeClose?.();
      await app.close(); // stops accepting, finishes in-flight requests, closes sockets (1001)
      await scheduler.stop();
      await deps.hub.close();
      await redis?.quit();
      await database.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((e) => {
  if (e instanceof ConfigError || e instanceof LockHeldError) {
    process.stderr.write(`quipflip: ${e.message}\n`);
  } else {
    process.stderr.write(`quipflip: failed to start: ${e instanceof Error ? e.stack : String(e)}\n`);
  }
  process.exit(1);
});
