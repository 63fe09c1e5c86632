import type { Deps } from '../../services/deps.ts';
import { tx } from '../../services/deps.ts';
import { scheduleJob, type JobHandler } from '../jobs.ts';

export const MAINTENANCE_KIND = 'maintenance';
const EVERY_MS = 3_600_000;

/** Makes sure the hourly maintenance job exists (idempotent: one pending job per key). */
export async function ensureMaintenanceScheduled(deps: Deps): Promise<void> {
  const now = deps.clock.now();
  await tx(deps, (t) => scheduleJob(t, { kind: MAINTENANCE_KIND, dedupeKey: MAINTENANCE_KIND, dueAt: new Date(now.getTime() + EVERY_MS), now }));
}

/** Hourly housekeeping: drops expired idempotency keys and revoked/expired refresh tokens, then reschedules itself. */
export function maintenanceJob(deps: Deps): JobHandler {
  return {
    kind: MAINTENANCE_KIND,
    run: async (_job, ctx) =>
      tx(deps, async (t) => {
        await ctx.complete(t);
        await t.db.deleteFrom('idempotency_keys').where('expires_at', '<=', ctx.now).execute();
        await t.db.deleteFrom('refresh_tokens').where('expires_at', '<=', ctx.now).execute();
        await scheduleJob(t, { kind: MAINTENANCE_KIND, dedupeKey: MAINTENANCE_KIND, dueAt: new Date(ctx.now.getTime() + EVERY_MS), now: ctx.now });
      }),
  };
}
