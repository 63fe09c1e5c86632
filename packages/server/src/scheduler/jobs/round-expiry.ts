import { ROUND_EXPIRY_JOB } from '../../domain/rounds/index.ts';
import type { Deps } from '../../services/deps.ts';
import { expireRound } from '../../services/rounds.ts';
import type { JobHandler } from '../jobs.ts';

/**
 * `round-expiry` (SPEC §5.8): due at a round's `expires_at + grace`. Expires the round if it is still
 * active (refund minus penalty, copy prompt back to the queue, vote slot freed) and completes the job in
 * the same transaction. A round already submitted or abandoned makes this a no-op.
 */
export function roundExpiryJob(deps: Deps): JobHandler {
  return {
    kind: ROUND_EXPIRY_JOB,
    async run(job, ctx) {
      if (!job.subject_id) return;
      await expireRound(deps, job.subject_id, ctx.now, (t) => ctx.complete(t));
    },
  };
}
