import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { Database } from '../db/connect.ts';
import type { DB } from '../db/schema.ts';
import { inTx, type Tx } from '../db/tx.ts';
import type { Clock } from '../platform/clock.ts';
import type { Logger } from '../platform/logger.ts';
import type { Random } from '../platform/random.ts';
import type { Hub } from '../realtime/hub.ts';
import type { PasswordHasher } from './passwords.ts';
import type { TokenService } from './tokens.ts';
import { storeIdempotentResponse, type IdempotencyScope } from './idempotency.ts';

/** Runs inside the deletion transaction of an account (abandon its round, leave its party...). */
export type AccountDeletedHook = (tx: Tx, playerId: string, now: Date) => Promise<void>;

/**
 * Facts the game reports inside the transaction that made them true, so other features (quests,
 * statistics) update in that same transaction (SPEC §7: "progress updates in the same transaction").
 */
export type GameEvent =
  | { type: 'round_submitted'; playerId: string; roundType: 'prompt' | 'copy' | 'vote'; roundId: string; partySessionId: string | null }
  | { type: 'vote_cast'; playerId: string; phrasesetId: string; correct: boolean }
  | { type: 'feedback_given'; playerId: string; roundId: string }
  | { type: 'phraseset_finalized'; phrasesetId: string };
export type GameEventHook = (t: Tx, event: GameEvent, now: Date) => Promise<void>;

/** Reports a game event to every hook, inside the caller's transaction. */
export async function emitGameEvent(deps: Pick<Deps, 'gameEventHooks'>, t: Tx, event: GameEvent, now: Date): Promise<void> {
  for (const hook of deps.gameEventHooks) await hook(t, event, now);
}

/** Everything a service needs, built once in main.ts (or by a test). */
export interface Deps {
  database: Database;
  db: Kysely<DB>;
  config: Config;
  clock: Clock;
  random: Random;
  hub: Hub;
  logger: Logger;
  tokens: TokenService;
  passwords: PasswordHasher;
  accountDeletedHooks: AccountDeletedHook[];
  gameEventHooks: GameEventHook[];
  /** Runs after the first authenticated request of a UTC day (quests: login streak). */
  firstLoginOfDayHooks: Array<(playerId: string, day: string) => Promise<void>>;
  /** Read models other features provide to the platform's endpoints. */
  queries: {
    outstandingPrompts(db: Kysely<DB>, playerId: string): Promise<number>;
  };
}

/**
 * A transaction whose after-commit failures are logged. With an idempotency scope, the response is
 * stored in the same transaction as the action (DESIGN §3.11), so a retry never sees one without the other.
 */
export function tx<T>(deps: Pick<Deps, 'db' | 'logger'>, fn: (tx: Tx) => Promise<T>, idem?: IdempotencyScope): Promise<T> {
  return inTx(
    deps.db,
    async (t) => {
      if (idem) t.beforeCommit((t2, result) => storeIdempotentResponse(t2, idem, result));
      return fn(t);
    },
    (e) => deps.logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'after-commit hook failed'),
  );
}
