import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { testConfig, type Config } from '../../src/config.ts';
import type { Database } from '../../src/db/connect.ts';
import { installFeatures } from '../../src/features.ts';
import { buildApp } from '../../src/http/app.ts';
import { FakeClock } from '../../src/platform/clock.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { seededRandom } from '../../src/platform/random.ts';
import { MemoryHub } from '../../src/realtime/hub.ts';
import { createScheduler, type Scheduler } from '../../src/scheduler/scheduler.ts';
import { buildDeps } from '../../src/services/build-deps.ts';
import type { Deps } from '../../src/services/deps.ts';
import { auditLedger } from '../../src/services/ledger.ts';
import { createTestDatabase } from './db.ts';

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  database: Database;
  clock: FakeClock;
  scheduler: Scheduler;
  config: Config;
  /** fastify inject with an optional bearer token. */
  req(opts: InjectOptions & { token?: string }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  config?: Parameters<typeof testConfig>[0];
  clockStart?: string;
  seed?: number;
}

/** The real app (same features as main.ts) on a fresh database, a fake clock and a seeded random source. */
export async function createTestApp(o: TestAppOptions = {}): Promise<TestApp> {
  const config = testConfig(o.config);
  const database = await createTestDatabase();
  const clock = new FakeClock(o.clockStart ?? '2026-01-05T12:00:00.000Z');
  const logger = createLogger(config.LOG_LEVEL);
  const deps = buildDeps({ database, config, clock, random: seededRandom(o.seed ?? 42), hub: new MemoryHub(), logger, secret: config.SECRET_KEY });
  const scheduler = createScheduler(database, clock, config, logger);
  const features = await installFeatures(deps, scheduler);
  const app = await buildApp(deps, { routes: features.routes });
  await app.ready();
  return {
    app,
    deps,
    database,
    clock,
    scheduler,
    config,
    req: ({ token, headers, ...rest }) =>
      app.inject({ ...rest, headers: { ...(headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) } }),
    close: async () => {
      await features.beforeClose?.();
      await app.close();
      await database.close();
    },
  };
}

/** Asserts the books balance: entries sum to zero and every stored balance equals its entries. */
export async function expectLedgerBalanced(database: Database): Promise<void> {
  expect(await auditLedger(database)).toEqual([]);
}
