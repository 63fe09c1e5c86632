import type { Config } from '../config.ts';
import type { Database } from '../db/connect.ts';
import type { Clock } from '../platform/clock.ts';
import type { Logger } from '../platform/logger.ts';
import type { Random } from '../platform/random.ts';
import type { Hub } from '../realtime/hub.ts';
import type { Deps } from './deps.ts';
import { PasswordHasher } from './passwords.ts';
import { TokenService } from './tokens.ts';

export interface DepsInput {
  database: Database;
  config: Config;
  clock: Clock;
  random: Random;
  hub: Hub;
  logger: Logger;
  secret: string;
}

/** Wires the service dependencies. Features add their hooks and read models to the returned object. */
export function buildDeps(i: DepsInput): Deps {
  return {
    database: i.database,
    db: i.database.db,
    config: i.config,
    clock: i.clock,
    random: i.random,
    hub: i.hub,
    logger: i.logger,
    tokens: new TokenService(i.secret),
    passwords: new PasswordHasher(i.config.PASSWORD_HASH_MEMORY_KIB, i.config.PASSWORD_HASH_ITERATIONS),
    accountDeletedHooks: [],
    gameEventHooks: [],
    firstLoginOfDayHooks: [],
    queries: {
      // Replaced by the solo game, which owns prompts (SPEC §5.2 "outstanding").
      outstandingPrompts: async () => 0,
    },
  };
}
