import { sql } from 'kysely';
import type { Database } from '../db/connect.ts';
import { inTx } from '../db/tx.ts';
import type { Config } from '../config.ts';
import type { Clock } from '../platform/clock.ts';
import type { Logger } from '../platform/logger.ts';
import type { Job, JobHandler } from './jobs.ts';

export interface SchedulerOptions {
  database: Database;
  clock: Clock;
  handlers: JobHandler[];
  logger: Logger;
  maxAttempts: number;
  leaseSeconds: number;
  batchSize: number;
  pollMs: number;
}

export interface RunReport {
  ran: number;
  failed: number;
  parked: number;
}

/** Retry delay after the n-th failed attempt: 5 s, 10 s, 20 s, ... capped at 10 min. */
export function backoffMs(attempt: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempt - 1), 600_000);
}

/**
 * Durable scheduler: claims due rows with FOR UPDATE SKIP LOCKED and a lease, then runs each handler
 * outside the claim transaction. Every instance runs one; a job runs once per lease.
 */
export class Scheduler {
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(private readonly o: SchedulerOptions) {
    for (const h of o.handlers) this.handlers.set(h.kind, h);
  }

  register(h: JobHandler): void {
    this.handlers.set(h.kind, h);
  }

  /** Runs every job due at `now` (repeating until none is left). Tests call this after moving the fake clock. */
  async runDue(now: Date = this.o.clock.now()): Promise<RunReport> {
    const report: RunReport = { ran: 0, failed: 0, parked: 0 };
    for (let round = 0; round < 1000; round++) {
      const jobs = await this.claim(now);
      if (jobs.length === 0) break;
      for (const job of jobs) await this.runOne(job, now, report);
    }
    return report;
  }

  private async claim(now: Date): Promise<Job[]> {
    const leaseUntil = new Date(now.getTime() + this.o.leaseSeconds * 1000);
    return inTx(this.o.database.db, async (tx) => {
      const r = await sql<Job>`
        UPDATE scheduled_jobs SET locked_until = ${leaseUntil}, attempts = attempts + 1
        WHERE id IN (
          SELECT id FROM scheduled_jobs
          WHERE parked_at IS NULL AND due_at <= ${now} AND (locked_until IS NULL OR locked_until <= ${now})
          ORDER BY due_at, id
          LIMIT ${this.o.batchSize}
          FOR UPDATE SKIP LOCKED)
        RETURNING id, kind, subject_id, dedupe_key, due_at, payload, attempts, locked_until`.execute(tx.db);
      return r.rows.sort((a, b) => a.due_at.getTime() - b.due_at.getTime());
    });
  }

  private async runOne(job: Job, now: Date, report: RunReport): Promise<void> {
    const db = this.o.database.db;
    // Only the holder of this lease (locked_until) may finish or fail the job.
    const handler = this.handlers.get(job.kind);
    try {
      if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
      let completed = false;
      await handler.run(job, {
        now,
        complete: async (tx) => {
          completed = true;
          await tx.db.deleteFrom('scheduled_jobs').where('id', '=', job.id).where('locked_until', '=', job.locked_until).execute();
        },
      });
      if (!completed) {
        await db.deleteFrom('scheduled_jobs').where('id', '=', job.id).where('locked_until', '=', job.locked_until).execute();
      }
      report.ran++;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const park = job.attempts >= this.o.maxAttempts;
      report.failed++;
      if (park) report.parked++;
      this.o.logger.warn({ job_id: job.id, kind: job.kind, attempts: job.attempts, parked: park, err: message }, 'scheduled job failed');
      await db
        .updateTable('scheduled_jobs')
        .set({
          last_error: message.slice(0, 2000),
          locked_until: null,
          due_at: new Date(now.getTime() + backoffMs(job.attempts)),
          parked_at: park ? now : null,
        })
        .where('id', '=', job.id)
        .where('locked_until', '=', job.locked_until)
        .execute();
    }
  }

  /** Polls with the real clock. Each instance runs its own loop; SKIP LOCKED keeps them apart. */
  start(): void {
    if (this.timer) return;
    const tick = () => {
      if (this.running) return;
      this.running = this.runDue(this.o.clock.now())
        .catch((e) => this.o.logger.error({ err: e instanceof Error ? e.message : String(e) }, 'scheduler poll failed'))
        .finally(() => (this.running = undefined));
    };
    this.timer = setInterval(tick, this.o.pollMs);
    this.timer.unref();
  }

  /** Stops polling and waits for the current batch to finish. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}

/** The scheduler with the configured retry, lease, batch and poll settings (handlers come from features). */
export function createScheduler(database: Database, clock: Clock, config: Config, logger: Logger): Scheduler {
  return new Scheduler({
    database,
    clock,
    handlers: [],
    logger,
    maxAttempts: config.SCHEDULER_MAX_ATTEMPTS,
    leaseSeconds: config.SCHEDULER_LEASE_SECONDS,
    batchSize: config.SCHEDULER_BATCH_SIZE,
    pollMs: config.SCHEDULER_POLL_MS,
  });
}
