/**
 * Test-only harness for the browser tests: builds the web client, then starts the real server
 * in-process the way packages/server/src/main.ts does (same features, same `buildApp` serving the
 * client at /play/ with its cache headers) on an ephemeral port with a temporary PGlite data folder.
 *
 * Differences from main.ts, all confined to this file:
 * - the business clock is the real clock plus an adjustable offset (`advance`), and the `Date`
 *   response header follows that clock, as it does in production where both are the same clock;
 * - the logger is silent and password hashing is cheap.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../server/src/config.ts';
import { connectDatabase, type Database } from '../../server/src/db/connect.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { PGLITE_TEMPLATE_PATH } from '../../server/src/db/template-path.ts';
import { installFeatures } from '../../server/src/features.ts';
import { buildApp } from '../../server/src/http/app.ts';
import type { Clock } from '../../server/src/platform/clock.ts';
import { createLogger } from '../../server/src/platform/logger.ts';
import { systemRandom } from '../../server/src/platform/random.ts';
import { MemoryHub } from '../../server/src/realtime/hub.ts';
import { createScheduler, type Scheduler } from '../../server/src/scheduler/scheduler.ts';
import { auditLedger } from '../../server/src/services/ledger.ts';
import { buildDeps } from '../../server/src/services/build-deps.ts';
import type { Deps } from '../../server/src/services/deps.ts';

const WEB_DIR = resolve(fileURLToPath(new URL('..', import.meta.url)));
/** Debian's Chromium; CHROMIUM_PATH points elsewhere on other machines. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** Real time plus an offset the test can move forward (never wired outside this harness). */
export class ShiftedClock implements Clock {
  offsetMs = 0;
  constructor(offsetMs = 0) {
    this.offsetMs = offsetMs;
  }
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

/** `vite build` into a temporary folder (the same build `npm run build:web` makes). */
export function buildWeb(outDir: string): { output: string } {
  const vite = resolve(WEB_DIR, '../../node_modules/vite/bin/vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir'], { cwd: WEB_DIR, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`web build failed:\n${r.stdout}\n${r.stderr}`);
  return { output: r.stdout };
}

export interface TestServer {
  url: string;
  app: FastifyInstance;
  deps: Deps;
  config: Config;
  clock: ShiftedClock;
  database: Database;
  scheduler: Scheduler;
  /** Moves the server's clock forward and runs whatever became due (test-only time travel). */
  advance(seconds: number): Promise<void>;
  ledgerProblems(): Promise<string[]>;
  close(): Promise<void>;
}

export async function startServer(o: { webRoot: string; env?: Record<string, string>; clockOffsetMs?: number }): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'quipflip-e2e-'));
  const config = loadConfig({
    ENVIRONMENT: 'test',
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    SECRET_KEY: 'e2e-secret-key-that-is-long-enough-0123456789',
    PASSWORD_HASH_MEMORY_KIB: '1024',
    PASSWORD_HASH_ITERATIONS: '1',
    SCHEDULER_POLL_MS: '200',
    ...o.env,
  });
  const clock = new ShiftedClock(o.clockOffsetMs ?? 0);
  const logger = createLogger(config.LOG_LEVEL);
  // A fresh data folder starts from a migrated template when one exists (vitest's global setup makes
  // one; main.ts uses the install-time cache), instead of a ~10 s initdb.
  const templateFile = process.env.QF_PGLITE_TEMPLATE ?? PGLITE_TEMPLATE_PATH;
  const database = await connectDatabase({ dataDir: config.DATA_DIR, templateFile });
  await migrate(database.db);
  const deps = buildDeps({ database, config, clock, random: systemRandom, hub: new MemoryHub(), logger, secret: config.SECRET_KEY });
  const scheduler = createScheduler(database, clock, config, logger);
  const features = await installFeatures(deps, scheduler);
  // The same app main.ts builds, serving the client at /play/ (static files + SPA fallback).
  const app = await buildApp(deps, { redis: null, routes: features.routes, webRoot: o.webRoot });
  // Test-only: `Date` follows the (shifted) business clock, as it does in production.
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('date', clock.now().toUTCString());
    return payload;
  });
  scheduler.start();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    deps,
    config,
    clock,
    database,
    scheduler,
    advance: async (seconds) => {
      clock.offsetMs += seconds * 1000;
      await scheduler.runDue(clock.now());
    },
    ledgerProblems: () => auditLedger(database),
    close: async () => {
      await scheduler.stop();
      await features.beforeClose?.();
      // Test-only: a client that stopped reading (a closed browser) must not hold the shutdown up.
      app.server.closeAllConnections();
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
