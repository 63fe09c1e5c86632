import type { AiPlayer } from '../../ai/player.ts';
import { runAiBackupCycle } from '../../services/ai-backup.ts';
import { tx, type Deps } from '../../services/deps.ts';
import { scheduleJob, type JobHandler } from '../jobs.ts';

/** One pending job under this key at a time: the cycle reschedules itself. */
export const AI_BACKUP_KIND = 'ai-backup';

const nextRun = (deps: Deps, from: Date) => new Date(from.getTime() + deps.config.AI_BACKUP_SLEEP_SECONDS * 1000);

/**
 * Makes sure the recurring backup cycle is scheduled (idempotent: one pending job per key). A cycle
 * job parked by an old failure is revived, so a restart always brings the backup AI back.
 */
export async function ensureAiBackupScheduled(deps: Deps): Promise<void> {
  const now = deps.clock.now();
  await tx(deps, async (t) => {
    await t.db.updateTable('scheduled_jobs').set({ parked_at: null, attempts: 0, due_at: now }).where('dedupe_key', '=', AI_BACKUP_KIND).where('parked_at', 'is not', null).execute();
    await scheduleJob(t, { kind: AI_BACKUP_KIND, dedupeKey: AI_BACKUP_KIND, dueAt: nextRun(deps, now), now });
  });
}

/**
 * `ai-backup` (SPEC §10.3), every AI_BACKUP_SLEEP_SECONDS: one backup cycle (AI copies for prompts
 * waiting too long, AI votes for quiet phrasesets). The cycle runs outside any transaction: each AI
 * action is its own short transactions through the game's services, and the AI's thinking (an LLM call
 * when configured) happens between them. Then, in one transaction, the job completes and schedules its
 * next run under the same key. A cycle that runs twice (a lost lease) is harmless: every action
 * re-checks what is still missing. The cycle stops starting actions after half the job lease.
 */
export function aiBackupJob(deps: Deps, ai: AiPlayer): JobHandler {
  return {
    kind: AI_BACKUP_KIND,
    async run(_job, ctx) {
      try {
        const report = await runAiBackupCycle(deps, ai, ctx.now, { budgetMs: (deps.config.SCHEDULER_LEASE_SECONDS * 1000) / 2 });
        if (report.copies + report.votes + report.failures > 0) deps.logger.info({ ...report }, 'AI backup cycle');
      } catch (e) {
        // The next cycle retries whatever is still missing; a failed cycle must not park the recurring job.
        deps.logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'AI backup cycle failed');
      }
      await tx(deps, async (t) => {
        await ctx.complete(t);
        await scheduleJob(t, { kind: AI_BACKUP_KIND, dedupeKey: AI_BACKUP_KIND, dueAt: nextRun(deps, ctx.now), now: ctx.now });
      });
    },
  };
}
