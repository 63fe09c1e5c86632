import type { FastifyInstance } from 'fastify';
import type { Scheduler } from './scheduler/scheduler.ts';
import type { Deps } from './services/deps.ts';

export interface Features {
  routes: Array<(app: FastifyInstance, deps: Deps) => Promise<void>>;
  beforeClose?: () => Promise<void>;
}

/**
 * Installs the game features on top of the platform: their job handlers, hooks, read models and
 * routes. Tests call the same function so they run exactly what production runs.
 */
export async function installFeatures(_deps: Deps, _scheduler: Scheduler): Promise<Features> {
  return { routes: [] };
}
