/**
 * Economy rules (SPEC §3): copy price, refunds, vote payouts and the prize split. Pure: config values
 * in, amounts out. Coins never move here; services apply these decisions through the ledger.
 */

export interface CopyPriceConfig {
  COPY_COST_NORMAL: number;
  COPY_COST_DISCOUNT: number;
  COPY_DISCOUNT_THRESHOLD: number;
}

export interface CopyPrice {
  cost: number;
  discount_active: boolean;
}

/**
 * The copy price for a given number of solo prompts waiting for copies, counted globally (SPEC §5.3):
 * the discount applies when *more than* `COPY_DISCOUNT_THRESHOLD` prompts are waiting.
 */
export function copyCost(waitingPromptsGlobal: number, cfg: CopyPriceConfig): CopyPrice {
  const discount_active = waitingPromptsGlobal > cfg.COPY_DISCOUNT_THRESHOLD;
  return { cost: discount_active ? cfg.COPY_COST_DISCOUNT : cfg.COPY_COST_NORMAL, discount_active };
}

/**
 * Why a round ended without a submission. `expired` (its own timer) and `abandoned` (its player) keep
 * the penalty; `cancelled` (cut short by the server or a party host) refunds in full (SPEC §3.6).
 */
export type RoundEndReason = 'expired' | 'abandoned' | 'cancelled';

/** The refund of an unfinished round: `cost − ABANDONED_PENALTY`, never below 0; full for `cancelled`. */
export function refundFor(cost: number, cfg: { ABANDONED_PENALTY: number }, reason: RoundEndReason = 'expired'): number {
  if (reason === 'cancelled') return Math.max(0, cost);
  return Math.max(0, cost - cfg.ABANDONED_PENALTY);
}

/** What a correct / incorrect vote pays from the pool (SPEC §3.3). */
export function votePayout(correct: boolean, cfg: { VOTE_PAYOUT_CORRECT: number }): number {
  return correct ? cfg.VOTE_PAYOUT_CORRECT : 0;
}

export interface SplitConfig {
  CORRECT_VOTE_POINTS: number;
  INCORRECT_VOTE_POINTS: number;
}

export interface SplitInput {
  /** Coins in the pool at finalization. */
  pool: number;
  /** Votes for the original phrase, copy 1 and copy 2. */
  votes: { original: number; copy1: number; copy2: number };
}

export interface WriterShare {
  points: number;
  payout: number;
}

export interface PoolSplit {
  prompt: WriterShare;
  copy1: WriterShare;
  copy2: WriterShare;
  totalPoints: number;
  /** Rounding leftover, returned to the house. */
  leftover: number;
}

/**
 * The prize split at finalization (SPEC §3.4): the prompt writer scores `CORRECT_VOTE_POINTS` per vote
 * for the original, each copy writer `INCORRECT_VOTE_POINTS` per vote for their copy;
 * `payout = floor(points × pool / total_points)`; with zero total points the pool splits evenly
 * (floor(pool / 3) each). Whatever rounding leaves goes back to the house, so
 * `prompt + copy1 + copy2 + leftover === pool` always holds and no payout is negative.
 */
export function splitPool(input: SplitInput, cfg: SplitConfig): PoolSplit {
  const { pool, votes } = input;
  if (!Number.isInteger(pool) || pool < 0) throw new Error(`splitPool: bad pool ${pool}`);
  const points = {
    prompt: votes.original * cfg.CORRECT_VOTE_POINTS,
    copy1: votes.copy1 * cfg.INCORRECT_VOTE_POINTS,
    copy2: votes.copy2 * cfg.INCORRECT_VOTE_POINTS,
  };
  const totalPoints = points.prompt + points.copy1 + points.copy2;
  const share = (p: number) => (totalPoints === 0 ? Math.floor(pool / 3) : Math.floor((p * pool) / totalPoints));
  const prompt = { points: points.prompt, payout: share(points.prompt) };
  const copy1 = { points: points.copy1, payout: share(points.copy1) };
  const copy2 = { points: points.copy2, payout: share(points.copy2) };
  return { prompt, copy1, copy2, totalPoints, leftover: pool - prompt.payout - copy1.payout - copy2.payout };
}
