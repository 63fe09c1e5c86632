import { PHRASESET_LIFECYCLE_JOB } from '../../domain/phrasesets/index.ts';
import type { Deps } from '../../services/deps.ts';
import { advancePhrasesetAt } from '../../services/phrasesets.ts';
import type { JobHandler } from '../jobs.ts';

/**
 * `phraseset-lifecycle` (SPEC §5.11): due when a phraseset's window closes (`closes_at`), when the last
 * vote round on a closed set runs out, or right after a vote round on a closed set ends. Runs the same
 * idempotent `advancePhraseset` that reads call; a stale job simply finds nothing to do.
 */
export function phrasesetLifecycleJob(deps: Deps): JobHandler {
  return {
    kind: PHRASESET_LIFECYCLE_JOB,
    async run(job, ctx) {
      if (!job.subject_id) return;
      await advancePhrasesetAt(deps, job.subject_id, ctx.now, (t) => ctx.complete(t));
    },
  };
}
