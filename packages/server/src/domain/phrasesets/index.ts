/**
 * The phraseset voting lifecycle (SPEC §5.11) and the vote queue priority (SPEC §5.4), as pure
 * functions of the phraseset's state and `now`. Services lock the row, call these, store the result
 * and schedule the next wake-up; the scheduler and lazy reads call the same code.
 *
 *   open (0–2 votes) ──3rd vote──▶ closing (closes_at = third + 600 s; at the 5th vote
 *   closes_at = min(closes_at, fifth + 60 s)) ──closes_at passed or VOTE_MAX_VOTES──▶ closed
 *   ──no vote round on it still within expiry + grace──▶ finalized
 */

export type LifecycleStatus = 'open' | 'closing' | 'closed' | 'finalized';

export interface LifecycleConfig {
  VOTE_MINIMUM_WINDOW_SECONDS: number;
  VOTE_CLOSING_WINDOW_SECONDS: number;
  VOTE_MAX_VOTES: number;
}

export interface Timeline {
  status: LifecycleStatus;
  vote_count: number;
  third_vote_at: Date | null;
  fifth_vote_at: Date | null;
  closes_at: Date | null;
}

/** Job kind and dedupe keys of the lifecycle timers: one key per phraseset, transition and due time. */
export const PHRASESET_LIFECYCLE_JOB = 'phraseset-lifecycle';
export const lifecycleKey = (phrasesetId: string, transition: string, dueAt: Date) =>
  `phraseset-lifecycle:${phrasesetId}:${transition}:${dueAt.getTime()}`;

const plusSeconds = (d: Date, s: number) => new Date(d.getTime() + s * 1000);

/**
 * The timeline after one more vote at `at` (before any time-driven transition): the 3rd vote opens the
 * minimum window, the 5th shortens it, and reaching `VOTE_MAX_VOTES` closes the set at once.
 * A vote is only recorded while the set accepts it (open, closing, or closed with a reserved slot).
 */
export function recordVote(t: Timeline, at: Date, cfg: LifecycleConfig): Timeline {
  if (t.status === 'finalized') throw new Error('recordVote: phraseset is finalized');
  const vote_count = t.vote_count + 1;
  let { third_vote_at, fifth_vote_at, closes_at, status } = t;
  if (vote_count === 3) {
    third_vote_at = at;
    closes_at = plusSeconds(at, cfg.VOTE_MINIMUM_WINDOW_SECONDS);
  }
  if (vote_count === 5) {
    fifth_vote_at = at;
    const rapid = plusSeconds(at, cfg.VOTE_CLOSING_WINDOW_SECONDS);
    closes_at = closes_at && closes_at.getTime() <= rapid.getTime() ? closes_at : rapid;
  }
  if (status === 'open' && vote_count >= 3) status = 'closing';
  if (vote_count >= cfg.VOTE_MAX_VOTES) status = 'closed';
  return { status, vote_count, third_vote_at, fifth_vote_at, closes_at };
}

export type LifecycleDecision = {
  /** The status the phraseset should have now. */
  status: LifecycleStatus;
  /** True when this decision finalizes the set (it was not finalized before). */
  finalize: boolean;
  /** True when the status changes. */
  changed: boolean;
  /** When to look again (a job at this instant), or null when only a vote can change anything. */
  wakeAt: Date | null;
  /** Why we look again then: `close` (closes_at) or `finalize` (the last vote round's grace ends). */
  wakeFor: 'close' | 'finalize' | null;
};

/**
 * Where the phraseset stands at `now`. `pendingRoundCutoffs` are the `expires_at + grace` instants of
 * the vote rounds on it that are still active; only those later than `now` keep a closed set from
 * finalizing (a round past its grace can no longer vote; its own expiry job refunds it).
 */
export function decideLifecycle(t: Timeline, now: Date, pendingRoundCutoffs: readonly Date[], cfg: LifecycleConfig): LifecycleDecision {
  if (t.status === 'finalized') return { status: 'finalized', finalize: false, changed: false, wakeAt: null, wakeFor: null };
  let status: LifecycleStatus = t.status;
  if (status === 'open' && t.vote_count >= 3) status = 'closing';
  if ((status === 'open' || status === 'closing') && (t.vote_count >= cfg.VOTE_MAX_VOTES || (t.closes_at && now.getTime() >= t.closes_at.getTime()))) {
    status = 'closed';
  }
  if (status === 'closed') {
    const inTime = pendingRoundCutoffs.filter((c) => c.getTime() > now.getTime());
    if (inTime.length === 0) return { status: 'finalized', finalize: true, changed: true, wakeAt: null, wakeFor: null };
    const last = new Date(Math.max(...inTime.map((c) => c.getTime())));
    return { status, finalize: false, changed: status !== t.status, wakeAt: last, wakeFor: 'finalize' };
  }
  if (status === 'closing') return { status, finalize: false, changed: status !== t.status, wakeAt: t.closes_at, wakeFor: t.closes_at ? 'close' : null };
  return { status, finalize: false, changed: status !== t.status, wakeAt: null, wakeFor: null };
}

/** Does the set hand out new vote rounds at `now` (SPEC §5.4: open or closing, window not passed, a free slot)? */
export function acceptsNewVoteRounds(
  p: { status: LifecycleStatus; closes_at: Date | null; vote_slots_taken: number },
  now: Date,
  cfg: Pick<LifecycleConfig, 'VOTE_MAX_VOTES'>,
): boolean {
  if (p.status !== 'open' && p.status !== 'closing') return false;
  if (p.closes_at && now.getTime() >= p.closes_at.getTime()) return false;
  return p.vote_slots_taken < cfg.VOTE_MAX_VOTES;
}

export interface VoteCandidate {
  id: string;
  vote_count: number;
  third_vote_at: Date | null;
  fifth_vote_at: Date | null;
}

/**
 * The vote queue order (SPEC §5.4): sets with 5+ votes (oldest fifth vote first), then 3–4 votes
 * (oldest third vote first), then the rest in random order (`randomInt(n)` is the injected source).
 * Ties inside a tier break on id so the order is deterministic.
 */
export function orderVoteCandidates<T extends VoteCandidate>(candidates: readonly T[], randomInt: (n: number) => number): T[] {
  const at = (d: Date | null) => (d ? d.getTime() : 0);
  const byThen = (key: (c: T) => number) => (a: T, b: T) => key(a) - key(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const five = candidates.filter((c) => c.vote_count >= 5).sort(byThen((c) => at(c.fifth_vote_at)));
  const three = candidates.filter((c) => c.vote_count >= 3 && c.vote_count < 5).sort(byThen((c) => at(c.third_vote_at)));
  const rest = candidates.filter((c) => c.vote_count < 3).sort(byThen(() => 0));
  for (let i = rest.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [rest[i], rest[j]] = [rest[j]!, rest[i]!];
  }
  return [...five, ...three, ...rest];
}
