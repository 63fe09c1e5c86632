import { ACHIEVEMENT_RULES, BALANCED_NEEDS, QUESTS, type QuestType } from './catalogue.ts';

/**
 * Quest progress rules (SPEC §7) as pure functions. The service gathers a player's facts (streak
 * counters, counts of recorded actions) inside the transaction of the action that changed them, calls
 * these, and stores the decisions.
 */

export type QuestStatus = 'active' | 'completed' | 'claimed';

/** Everything progress depends on, for one player at one instant. */
export interface QuestFacts {
  /** Correct votes in a row, up to now. */
  voteStreak: number;
  /** Consecutive UTC days with activity, ending today or yesterday. */
  loginStreak: number;
  /** Rounds submitted in the rolling 24 h window ending now. */
  window: { prompt: number; copy: number; vote: number };
  /** All-time counts. */
  totals: { prompt: number; copy: number; vote: number; feedback: number };
}

export const NO_FACTS: QuestFacts = { voteStreak: 0, loginStreak: 0, window: { prompt: 0, copy: 0, vote: 0 }, totals: { prompt: 0, copy: 0, vote: 0, feedback: 0 } };

export type ProgressDetail = Record<string, number | string | null>;

export interface Progress {
  /** Progress towards the target, capped at the target. */
  current: number;
  /** True when the quest's goal is met now. */
  done: boolean;
  /** The seed's `progress` object (e.g. `{current_streak, target}`). */
  detail: ProgressDetail;
}

/**
 * Progress of a counted quest from the facts; null for achievement quests (they are created already
 * completed and never move). Balanced Player has three goals; its `current` is the share of the 13
 * steps done, scaled to its target of 10, so it reaches the target exactly when all three are met.
 */
export function measureProgress(type: QuestType, f: QuestFacts): Progress | null {
  const q = QUESTS[type];
  const capped = (n: number) => Math.min(Math.max(0, n), q.target);
  const simple = (n: number, key: string): Progress => ({ current: capped(n), done: n >= q.target, detail: { [key]: capped(n), target: q.target } });
  switch (q.measure) {
    case 'vote_streak':
      return simple(f.voteStreak, 'current_streak');
    case 'login_streak':
      return simple(f.loginStreak, 'current_streak');
    case 'window_rounds':
      return { ...simple(f.window.prompt + f.window.copy + f.window.vote, 'rounds_completed'), detail: { rounds_completed: capped(f.window.prompt + f.window.copy + f.window.vote), target: q.target, window_hours: 24 } };
    case 'total_feedback':
      return simple(f.totals.feedback, 'feedback_given');
    case 'total_votes':
      return simple(f.totals.vote, 'votes_cast');
    case 'total_prompts':
      return simple(f.totals.prompt, 'prompts_submitted');
    case 'total_copies':
      return simple(f.totals.copy, 'copies_submitted');
    case 'balanced': {
      const prompts = Math.min(f.window.prompt, BALANCED_NEEDS.prompts);
      const copies = Math.min(f.window.copy, BALANCED_NEEDS.copies);
      const votes = Math.min(f.window.vote, BALANCED_NEEDS.votes);
      const steps = prompts + copies + votes;
      const all = BALANCED_NEEDS.prompts + BALANCED_NEEDS.copies + BALANCED_NEEDS.votes;
      return {
        current: Math.floor((q.target * steps) / all),
        done: steps === all,
        detail: {
          prompts,
          copies,
          votes,
          prompts_needed: BALANCED_NEEDS.prompts,
          copies_needed: BALANCED_NEEDS.copies,
          votes_needed: BALANCED_NEEDS.votes,
          target: q.target,
          window_hours: 24,
        },
      };
    }
    case 'achievement':
      return null;
  }
}

export interface QuestRowState {
  id: string;
  quest_type: QuestType;
  status: QuestStatus;
  progress: number;
  detail: ProgressDetail;
}

export interface ProgressUpdate {
  id: string;
  quest_type: QuestType;
  progress: number;
  detail: ProgressDetail;
  /** The quest becomes completed now. */
  complete: boolean;
}

/**
 * Which active quests change given fresh facts: their progress moves (up, or down when a streak breaks
 * or the 24 h window rolls on) and they complete when the goal is met. Completed and claimed quests
 * never change, so progress reached once is kept until claimed.
 */
export function decideProgressUpdates(quests: readonly QuestRowState[], facts: QuestFacts): ProgressUpdate[] {
  const out: ProgressUpdate[] = [];
  for (const q of quests) {
    if (q.status !== 'active') continue;
    const p = measureProgress(q.quest_type, facts);
    if (!p) continue;
    const progress = p.done ? QUESTS[q.quest_type].target : p.current;
    if (!p.done && progress === q.progress && sameDetail(p.detail, q.detail)) continue;
    out.push({ id: q.id, quest_type: q.quest_type, progress, detail: p.detail, complete: p.done });
  }
  return out;
}

function sameDetail(a: ProgressDetail, b: ProgressDetail): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/** Why a claim is refused, or null when the quest pays now (completed and not yet claimed). */
export function claimRefusal(status: QuestStatus): 'quest_not_completed' | 'quest_already_claimed' | null {
  if (status === 'active') return 'quest_not_completed';
  if (status === 'claimed') return 'quest_already_claimed';
  return null;
}

/** The correct-vote streak after one more vote. */
export const streakAfterVote = (streak: number, correct: boolean): number => (correct ? streak + 1 : 0);

/** The UTC day before a 'YYYY-MM-DD' day. */
export function dayBefore(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/**
 * The activity streak after the first activity of `day`: the next day extends it, the same day
 * changes nothing, a gap (or an earlier day, which cannot happen with a monotonic clock) restarts it.
 */
export function loginStreakAfter(s: { lastDay: string | null; streak: number }, day: string): { lastDay: string; streak: number } {
  if (s.lastDay === day) return { lastDay: day, streak: Math.max(1, s.streak) };
  if (s.lastDay !== null && s.lastDay === dayBefore(day)) return { lastDay: day, streak: s.streak + 1 };
  return { lastDay: day, streak: 1 };
}

/**
 * The streak shown on a given day: a streak whose last active day is before yesterday is broken
 * (the next activity restarts it at 1).
 */
export function liveLoginStreak(s: { lastDay: string | null; streak: number }, today: string): number {
  if (s.lastDay === null) return 0;
  if (s.lastDay === today || s.lastDay === dayBefore(today)) return s.streak;
  return 0;
}

export interface FinalizedSet {
  phrasesetId: string;
  votes: { original: number; copy1: number; copy2: number };
  writers: ReadonlyArray<{ playerId: string; role: 'prompt' | 'copy1' | 'copy2' }>;
}

export interface Achievement {
  playerId: string;
  quest_type: 'deceptive_copy' | 'obvious_original' | 'milestone_phraseset_20votes';
  progress: number;
  detail: ProgressDetail;
}

/** Whole-number percentage, rounded down (so 74.9 % never shows as 75). */
const pct = (n: number, total: number) => (total === 0 ? 0 : Math.floor((100 * n) / total));

/**
 * Achievements of a finalized phraseset (SPEC §7): a copy with ≥ 75 % of the votes (Master Deceiver)
 * or an original with ≥ 85 % (Clear Original), both needing at least 5 votes; and a set with 20+ votes
 * (Popular Set) for each of its writers. The caller creates each quest only if the player has none of
 * that type yet ("appears when first achieved").
 */
export function decideSetAchievements(s: FinalizedSet): Achievement[] {
  const total = s.votes.original + s.votes.copy1 + s.votes.copy2;
  const out: Achievement[] = [];
  for (const w of s.writers) {
    const mine = w.role === 'prompt' ? s.votes.original : w.role === 'copy1' ? s.votes.copy1 : s.votes.copy2;
    const share = total === 0 ? 0 : mine / total;
    const detail = { percentage: pct(mine, total), votes: mine, total_votes: total, phraseset_id: s.phrasesetId };
    if (total >= ACHIEVEMENT_RULES.minVotes) {
      if (w.role === 'prompt' && share >= ACHIEVEMENT_RULES.obviousOriginalShare) {
        out.push({ playerId: w.playerId, quest_type: 'obvious_original', progress: QUESTS.obvious_original.target, detail: { ...detail, target: QUESTS.obvious_original.target } });
      }
      if (w.role !== 'prompt' && share >= ACHIEVEMENT_RULES.deceptiveCopyShare) {
        out.push({ playerId: w.playerId, quest_type: 'deceptive_copy', progress: QUESTS.deceptive_copy.target, detail: { ...detail, target: QUESTS.deceptive_copy.target } });
      }
    }
    out.push(...popularSetAchievements(s.phrasesetId, total, [w.playerId]));
  }
  return out;
}

/** Popular Set for each writer once the set has reached 20 votes. */
export function popularSetAchievements(phrasesetId: string, voteCount: number, writers: readonly string[]): Achievement[] {
  if (voteCount < ACHIEVEMENT_RULES.popularSetVotes) return [];
  const target = QUESTS.milestone_phraseset_20votes.target;
  return writers.map((playerId) => ({
    playerId,
    quest_type: 'milestone_phraseset_20votes' as const,
    progress: target,
    detail: { votes: voteCount, target, phraseset_id: phrasesetId },
  }));
}

/** The seed's `progress_percentage`: current / target × 100, capped at 100, rounded down to 0.1. */
export function progressPercentage(current: number, target: number): number {
  if (target <= 0) return 100;
  return Math.min(100, Math.floor((1000 * current) / target) / 10);
}
