import { createHash } from 'node:crypto';
import { DomainError } from '../domain/errors.ts';
import type { Tx } from '../db/tx.ts';
import { isUniqueViolation } from '../db/tx.ts';
import type { Deps } from './deps.ts';

/** A claimed idempotency key for one request (SPEC §1.7). */
export interface IdempotencyScope {
  playerId: string;
  key: string;
  /** Status the route answers with on success (the stored response replays with it). */
  successStatus: number;
}

export type IdempotencyStart =
  | { kind: 'new'; scope: IdempotencyScope }
  | { kind: 'replay'; status: number; body: unknown };

// A placeholder older than this belongs to a request that died before answering; it may be retried.
const STALE_IN_PROGRESS_MS = 60_000;

export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method}\n${path}\n${JSON.stringify(body ?? null)}`).digest('hex');
}

/**
 * Claims a key before the action runs. A finished key replays its stored answer; the same key on a
 * different request is `idempotency_key_reused`; a key whose first request is still running is
 * `request_in_progress`.
 */
export async function beginIdempotent(
  deps: Deps,
  playerId: string,
  key: string,
  fingerprint: string,
  successStatus: number,
): Promise<IdempotencyStart> {
  const now = deps.clock.now();
  const expires = new Date(now.getTime() + deps.config.IDEMPOTENCY_TTL_HOURS * 3_600_000);
  for (let attempt = 0; attempt < 2; attempt++) {
    const existing = await deps.db.selectFrom('idempotency_keys').selectAll().where('player_id', '=', playerId).where('key', '=', key).executeTakeFirst();
    if (existing && existing.expires_at > now) {
      if (existing.fingerprint !== fingerprint) throw new DomainError('idempotency_key_reused');
      if (existing.status !== null) return { kind: 'replay', status: existing.status, body: existing.response };
      if (now.getTime() - existing.created_at.getTime() < STALE_IN_PROGRESS_MS) throw new DomainError('request_in_progress');
    }
    if (existing) {
      await deps.db.deleteFrom('idempotency_keys').where('player_id', '=', playerId).where('key', '=', key).where('created_at', '=', existing.created_at).execute();
    }
    try {
      await deps.db.insertInto('idempotency_keys').values({ player_id: playerId, key, fingerprint, status: null, response: null, created_at: now, expires_at: expires }).execute();
      return { kind: 'new', scope: { playerId, key, successStatus } };
    } catch (e) {
      if (!isUniqueViolation(e)) throw e; // a twin request claimed it between our read and insert: look again
    }
  }
  throw new DomainError('request_in_progress');
}

/** Stores the successful answer inside the action's own transaction. */
export async function storeIdempotentResponse(t: Tx, scope: IdempotencyScope, result: unknown): Promise<void> {
  await t.db
    .updateTable('idempotency_keys')
    .set({ status: scope.successStatus, response: JSON.stringify(result ?? null) })
    .where('player_id', '=', scope.playerId)
    .where('key', '=', scope.key)
    .execute();
}

/**
 * After a request ends: a 4xx answer is stored (the action changed nothing, so replaying the refusal is
 * right); a 5xx or a lost answer frees the key so the client can retry.
 */
export async function finishIdempotent(deps: Deps, scope: IdempotencyScope, status: number, body: unknown): Promise<void> {
  const q = deps.db.selectFrom('idempotency_keys').select('status').where('player_id', '=', scope.playerId).where('key', '=', scope.key);
  const row = await q.executeTakeFirst();
  if (!row || row.status !== null) return; // already stored by the action's transaction
  if (status >= 400 && status < 500) {
    await deps.db
      .updateTable('idempotency_keys')
      .set({ status, response: JSON.stringify(body ?? null) })
      .where('player_id', '=', scope.playerId)
      .where('key', '=', scope.key)
      .where('status', 'is', null)
      .execute();
  } else {
    await deps.db.deleteFrom('idempotency_keys').where('player_id', '=', scope.playerId).where('key', '=', scope.key).where('status', 'is', null).execute();
  }
}
