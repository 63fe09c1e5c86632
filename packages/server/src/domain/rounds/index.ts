import type { ErrorCode } from '@quipflip/api';
import { refundFor, type RoundEndReason } from '../economy/index.ts';

/**
 * Round timing rules (SPEC §5 timers, §5.5, §5.8): deadlines, the grace period, and whether a round
 * may still be submitted or must be expired. Pure: `now` is an argument.
 */

export type RoundKind = 'prompt' | 'copy' | 'vote';
export type RoundState = 'active' | 'submitted' | 'expired' | 'abandoned' | 'cancelled';

export interface TimerConfig {
  PROMPT_ROUND_SECONDS: number;
  COPY_ROUND_SECONDS: number;
  VOTE_ROUND_SECONDS: number;
  GRACE_PERIOD_SECONDS: number;
}

/** Job kind and dedupe key of a round's expiry timer (DESIGN §3.2). */
export const ROUND_EXPIRY_JOB = 'round-expiry';
export const roundExpiryKey = (roundId: string) => `round-expiry:${roundId}`;

export function roundSeconds(type: RoundKind, cfg: TimerConfig): number {
  switch (type) {
    case 'prompt':
      return cfg.PROMPT_ROUND_SECONDS;
    case 'copy':
      return cfg.COPY_ROUND_SECONDS;
    case 'vote':
      return cfg.VOTE_ROUND_SECONDS;
  }
}

/** The nominal deadline shown to clients (`expires_at`). */
export function roundDeadline(type: RoundKind, startedAt: Date, cfg: TimerConfig): Date {
  return new Date(startedAt.getTime() + roundSeconds(type, cfg) * 1000);
}

/**
 * The end of the grace period: submissions are accepted while `now < expires_at + grace`; from this
 * instant on the round is overdue and the expiry job (due exactly here) or a lazy check expires it.
 */
export function submissionCutoff(expiresAt: Date, cfg: Pick<TimerConfig, 'GRACE_PERIOD_SECONDS'>): Date {
  return new Date(expiresAt.getTime() + cfg.GRACE_PERIOD_SECONDS * 1000);
}

export function isOverdue(round: { expires_at: Date }, now: Date, cfg: Pick<TimerConfig, 'GRACE_PERIOD_SECONDS'>): boolean {
  return now.getTime() >= submissionCutoff(round.expires_at, cfg).getTime();
}

/**
 * May this prompt/copy round take a submission now? Checks in the catalogue's order after ownership
 * (SPEC Appendix A): `invalid_round_type` (vote rounds use the vote endpoint) → `round_not_active`
 * (already submitted, abandoned or cancelled) → `expired` (its timer ran out: status `expired`, or
 * still active but past the grace period).
 */
export function submitGate(
  round: { type: RoundKind; status: RoundState; expires_at: Date },
  now: Date,
  cfg: Pick<TimerConfig, 'GRACE_PERIOD_SECONDS'>,
): ErrorCode | null {
  if (round.type === 'vote') return 'invalid_round_type';
  if (round.status === 'expired') return 'expired';
  if (round.status !== 'active') return 'round_not_active';
  if (isOverdue(round, now, cfg)) return 'expired';
  return null;
}

/**
 * May its owner abandon this round? Same order as submit (SPEC Appendix A "Same for abandon");
 * vote rounds are not abandoned (they last a minute and hold a phraseset's vote slot).
 */
export const abandonGate = submitGate;

export type EndDecision =
  | { end: false }
  | { end: true; status: 'expired' | 'abandoned' | 'cancelled'; refund: number; penaltyKept: number };

/**
 * Should this round end now for `reason`, and what is refunded (SPEC §3.6, §5.7, §5.8)?
 * Only an active round ends; `expired` additionally waits for the grace period, so a job or lazy
 * check that runs early does nothing (and running it twice is harmless).
 */
export function decideRoundEnd(
  round: { status: RoundState; cost: number; expires_at: Date },
  reason: RoundEndReason,
  now: Date,
  cfg: Pick<TimerConfig, 'GRACE_PERIOD_SECONDS'> & { ABANDONED_PENALTY: number },
): EndDecision {
  if (round.status !== 'active') return { end: false };
  if (reason === 'expired' && !isOverdue(round, now, cfg)) return { end: false };
  const refund = refundFor(round.cost, cfg, reason);
  return { end: true, status: reason, refund, penaltyKept: round.cost - refund };
}
