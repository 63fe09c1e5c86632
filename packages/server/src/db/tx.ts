import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.ts';

/** A transaction plus hooks that run only once it has committed (events are published there). */
export interface Tx {
  readonly db: Transaction<DB>;
  afterCommit(fn: () => void | Promise<void>): void;
  /** Runs just before COMMIT, inside the transaction (idempotency responses are stored here). */
  beforeCommit(fn: (tx: Tx, result: unknown) => Promise<void>): void;
}

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock

/**
 * Runs `fn` in one transaction. Deadlocks and serialization failures are retried (the whole function
 * runs again, so it must only touch the database). After-commit hooks run once, after COMMIT; their
 * failures are reported to `onHookError` and never undo the committed work.
 */
export async function inTx<T>(
  db: Kysely<DB>,
  fn: (tx: Tx) => Promise<T>,
  onHookError: (e: unknown) => void = () => {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const after: Array<() => void | Promise<void>> = [];
    try {
      const result = await db.transaction().execute(async (trx) => {
        const before: Array<(tx: Tx, result: unknown) => Promise<void>> = [];
        const tx: Tx = {
          db: trx,
          afterCommit: (f) => void after.push(f),
          beforeCommit: (f) => void before.push(f),
        };
        const r = await fn(tx);
        for (const b of before) await b(tx, r);
        return r;
      });
      for (const hook of after) {
        try {
          await hook();
        } catch (e) {
          onHookError(e);
        }
      }
      return result;
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code && RETRYABLE.has(code) && attempt < 4) continue;
      throw e;
    }
  }
}

/** True when `e` is a unique-constraint violation (optionally on the named constraint). */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  const err = e as { code?: string; constraint?: string; message?: string };
  if (err?.code !== '23505') return false;
  return constraint === undefined || err.constraint === constraint || (err.message ?? '').includes(constraint);
}

/** True when `e` is a CHECK violation (e.g. a balance going below zero). */
export function isCheckViolation(e: unknown): boolean {
  return (e as { code?: string })?.code === '23514';
}
