import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inTx } from '../../src/db/tx.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { FakeClock } from '../../src/platform/clock.ts';
import { backoffMs, Scheduler } from '../../src/scheduler/scheduler.ts';
import { scheduleJob, type Job, type JobHandler } from '../../src/scheduler/jobs.ts';
import type { Database } from '../../src/db/connect.ts';
import { createTestDatabase } from '../helpers/db.ts';

let database: Database;
const clock = new FakeClock('2026-03-01T10:00:00Z');
const logger = createLogger('silent');
const T0 = new Date('2026-03-01T10:00:00Z');

function scheduler(handlers: JobHandler[], maxAttempts = 3) {
  return new Scheduler({ database, clock, handlers, logger, maxAttempts, leaseSeconds: 60, batchSize: 10, pollMs: 1000 });
}

async function schedule(key: string, dueInSeconds: number, kind = 'test', payload: Record<string, unknown> = {}) {
  return inTx(database.db, (tx) => scheduleJob(tx, { kind, dedupeKey: key, dueAt: new Date(T0.getTime() + dueInSeconds * 1000), payload, now: T0 }));
}

const jobRows = () => database.db.selectFrom('scheduled_jobs').selectAll().orderBy('dedupe_key').execute();

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});
beforeEach(async () => {
  await database.db.deleteFrom('scheduled_jobs').execute();
  clock.set(T0);
});

describe('scheduler', () => {
  it('runs only jobs that are due, in due order, and deletes them', async () => {
    const seen: string[] = [];
    const s = scheduler([{ kind: 'test', run: async (j) => void seen.push(j.dedupe_key) }]);
    await schedule('b', 20);
    await schedule('a', 10);
    await schedule('later', 120);
    expect(await s.runDue(new Date(T0.getTime() + 5_000))).toEqual({ ran: 0, failed: 0, parked: 0 });
    expect(await s.runDue(new Date(T0.getTime() + 30_000))).toEqual({ ran: 2, failed: 0, parked: 0 });
    expect(seen).toEqual(['a', 'b']);
    expect((await jobRows()).map((r) => r.dedupe_key)).toEqual(['later']);
  });

  it('dedupes on the key while a job is pending', async () => {
    expect(await schedule('same', 10)).toBe(true);
    expect(await schedule('same', 99)).toBe(false);
    const rows = await jobRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.due_at.toISOString()).toBe(new Date(T0.getTime() + 10_000).toISOString());
  });

  it('retries a failing job with backoff, records the error, then parks it', async () => {
    let calls = 0;
    const s = scheduler([{ kind: 'test', run: async () => { calls++; throw new Error('boom ' + calls); } }], 3);
    await schedule('flaky', 0);
    let now = T0;
    expect(await s.runDue(now)).toEqual({ ran: 0, failed: 1, parked: 0 });
    let [row] = await jobRows();
    expect(row!.attempts).toBe(1);
    expect(row!.last_error).toBe('boom 1');
    expect(row!.due_at.getTime()).toBe(now.getTime() + backoffMs(1));
    // Not due again before its backoff passes.
    expect((await s.runDue(new Date(now.getTime() + backoffMs(1) - 1))).failed).toBe(0);
    now = new Date(now.getTime() + backoffMs(1));
    expect(await s.runDue(now)).toEqual({ ran: 0, failed: 1, parked: 0 });
    now = new Date(now.getTime() + backoffMs(2));
    expect(await s.runDue(now)).toEqual({ ran: 0, failed: 1, parked: 1 });
    [row] = await jobRows();
    expect(row!.parked_at).not.toBeNull();
    expect(row!.attempts).toBe(3);
    // A parked job never runs again.
    expect(await s.runDue(new Date(now.getTime() + 86_400_000))).toEqual({ ran: 0, failed: 0, parked: 0 });
    expect(calls).toBe(3);
  });

  it('a job that fails once succeeds on retry', async () => {
    let calls = 0;
    const s = scheduler([{ kind: 'test', run: async () => { if (++calls === 1) throw new Error('transient'); } }]);
    await schedule('once', 0);
    await s.runDue(T0);
    await s.runDue(new Date(T0.getTime() + backoffMs(1)));
    expect(calls).toBe(2);
    expect(await jobRows()).toEqual([]);
  });

  it('complete(tx) commits the work and the deletion together; a failing handler rolls both back', async () => {
    const s = scheduler([
      {
        kind: 'test',
        run: async (j: Job, ctx) =>
          inTx(database.db, async (tx) => {
            await ctx.complete(tx);
            await scheduleJob(tx, { kind: 'follow-up', dedupeKey: `next-${j.dedupe_key}`, dueAt: ctx.now, now: ctx.now });
            if (j.payload.fail) throw new Error('after complete');
          }),
      },
      { kind: 'follow-up', run: async () => {} },
    ]);
    await schedule('ok', 0, 'test');
    await schedule('bad', 0, 'test', { fail: true });
    await s.runDue(T0);
    const keys = (await jobRows()).map((r) => r.dedupe_key);
    // 'ok' ran and its follow-up ran too (same runDue); 'bad' is still there for a retry, with no follow-up.
    expect(keys).toEqual(['bad']);
  });

  it('a job with no handler is retried and parked, never lost silently', async () => {
    const s = scheduler([], 1);
    await schedule('orphan', 0, 'unknown-kind');
    expect(await s.runDue(T0)).toEqual({ ran: 0, failed: 1, parked: 1 });
    expect((await jobRows())[0]!.last_error).toContain('no handler');
  });

  it('a leased job is not claimed again until its lease runs out', async () => {
    // Simulate a runner that claimed the job and died: lease it by hand.
    await schedule('leased', 0);
    await database.db.updateTable('scheduled_jobs').set({ locked_until: new Date(T0.getTime() + 60_000) }).execute();
    const seen: string[] = [];
    const s = scheduler([{ kind: 'test', run: async (j) => void seen.push(j.dedupe_key) }]);
    await s.runDue(new Date(T0.getTime() + 30_000));
    expect(seen).toEqual([]);
    await s.runDue(new Date(T0.getTime() + 60_000));
    expect(seen).toEqual(['leased']);
  });

  it('two runners at once never run one job twice', async () => {
    const runs = new Map<string, number>();
    // Each runner's first job waits until the other runner has started one too, so both really hold
    // claimed batches at the same time (no timing luck): runner A cannot drain the queue alone.
    const started = new Set<string>();
    let bothStarted!: () => void;
    const barrier = new Promise<void>((r) => (bothStarted = r));
    const handlerFor = (runner: string): JobHandler => ({
      kind: 'test',
      run: async (j) => {
        runs.set(j.dedupe_key, (runs.get(j.dedupe_key) ?? 0) + 1);
        started.add(runner);
        if (started.size === 2) bothStarted();
        await barrier;
      },
    });
    for (let i = 0; i < 40; i++) await schedule(`job-${String(i).padStart(2, '0')}`, 0);
    const a = scheduler([handlerFor('a')]);
    const b = scheduler([handlerFor('b')]);
    const [ra, rb] = await Promise.all([a.runDue(T0), b.runDue(T0)]);
    expect(ra.ran + rb.ran).toBe(40);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    expect(runs.size).toBe(40);
    expect(ra.ran).toBeGreaterThan(0);
    expect(rb.ran).toBeGreaterThan(0);
    expect(await jobRows()).toEqual([]);
  });
});
