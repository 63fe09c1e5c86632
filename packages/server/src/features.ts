import type { FastifyInstance } from 'fastify';
import phraseRoutes from './http/routes/phrases.ts';
import phrasesetRoutes from './http/routes/phrasesets.ts';
import roundRoutes from './http/routes/rounds.ts';
import questRoutes from './http/routes/quests.ts';
import statsRoutes from './http/routes/stats.ts';
import viewRoutes from './http/routes/views.ts';
import { createAiPlayer } from './ai/player.ts';
import { aiBackupJob, ensureAiBackupScheduled } from './scheduler/jobs/ai-backup.ts';
import { ensureMaintenanceScheduled, maintenanceJob } from './scheduler/jobs/maintenance.ts';
import { phrasesetLifecycleJob } from './scheduler/jobs/phraseset-lifecycle.ts';
import { roundExpiryJob } from './scheduler/jobs/round-expiry.ts';
import type { Scheduler } from './scheduler/scheduler.ts';
import type { Deps } from './services/deps.ts';
import { syncPromptLibrary } from './services/prompt-library.ts';
import { installQuestHooks } from './services/quests.ts';
import { countOutstandingPrompts } from './services/queues.ts';
import { abandonActiveSoloRoundOnDelete } from './services/rounds.ts';

export interface Features {
  routes: Array<(app: FastifyInstance, deps: Deps) => Promise<void>>;
  beforeClose?: () => Promise<void>;
}

/**
 * Installs the game features on top of the platform: their job handlers, hooks, read models and
 * routes. Tests call the same function so they run exactly what production runs.
 */
export async function installFeatures(deps: Deps, scheduler: Scheduler): Promise<Features> {
  // Platform housekeeping: expired idempotency keys and refresh tokens, hourly.
  scheduler.register(maintenanceJob(deps));
  await ensureMaintenanceScheduled(deps);
  // Solo game (SPEC §3–§5): the prompt library, round and phraseset timers, and the platform's hooks.
  await syncPromptLibrary(deps);
  scheduler.register(roundExpiryJob(deps));
  scheduler.register(phrasesetLifecycleJob(deps));
  deps.queries.outstandingPrompts = (db, playerId) => countOutstandingPrompts(db, playerId);
  deps.accountDeletedHooks.push((t, playerId, now) => abandonActiveSoloRoundOnDelete(deps, t, playerId, now));
  // Quests (SPEC §7): progress in the transaction of each game event, and the daily activity streak.
  installQuestHooks(deps);
  // AI players (SPEC §10.3): the solo backup cycle, recurring from start.
  scheduler.register(aiBackupJob(deps, createAiPlayer(deps.config)));
  await ensureAiBackupScheduled(deps);

  return {
    routes: [
      phraseRoutes,
      roundRoutes,
      phrasesetRoutes,
      viewRoutes,
      questRoutes,
      statsRoutes,
    ],
  };
}
