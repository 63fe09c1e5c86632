import type { Tx } from '../db/tx.ts';
import { newId } from '../platform/random.ts';

export interface Job {
  id: string;
  kind: string;
  subject_id: string | null;
  dedupe_key: string;
  due_at: Date;
  payload: Record<string, unknown>;
  attempts: number;
  locked_until: Date | null;
}

export interface JobContext {
  now: Date;
  /** Deletes the job inside the handler's own transaction, so its work and its completion commit together. */
  complete(tx: Tx): Promise<void>;
}

/** One file per kind in jobs/. Handlers are idempotent: a job may run again after a lost lease. */
export interface JobHandler {
  kind: string;
  run(job: Job, ctx: JobContext): Promise<void>;
}

export interface ScheduleInput {
  kind: string;
  subjectId?: string | null;
  /** At most one pending job per key; a second schedule with the same key is ignored. */
  dedupeKey: string;
  dueAt: Date;
  payload?: Record<string, unknown>;
  now: Date;
}

/** Inserts a durable timer in the caller's transaction (DESIGN §3.2). Returns false when the key was taken. */
export async function scheduleJob(tx: Tx, j: ScheduleInput): Promise<boolean> {
  const r = await tx.db
    .insertInto('scheduled_jobs')
    .values({
      id: newId(),
      kind: j.kind,
      subject_id: j.subjectId ?? null,
      dedupe_key: j.dedupeKey,
      due_at: j.dueAt,
      payload: JSON.stringify(j.payload ?? {}),
      created_at: j.now,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}
