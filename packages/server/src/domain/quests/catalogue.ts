/**
 * The quest catalogue (SPEC §7): 16 quest types, their targets, rewards, categories and tiers.
 * Pure data. A quest row stores its type, status, progress and the reward it was created with; the
 * name, description and category always come from here.
 */

export const QUEST_TYPES = [
  'hot_streak_5',
  'hot_streak_10',
  'hot_streak_20',
  'deceptive_copy',
  'obvious_original',
  'round_completion_5',
  'round_completion_10',
  'round_completion_20',
  'balanced_player',
  'login_streak_7',
  'feedback_contributor_10',
  'feedback_contributor_50',
  'milestone_votes_100',
  'milestone_prompts_50',
  'milestone_copies_100',
  'milestone_phraseset_20votes',
] as const;
export type QuestType = (typeof QUEST_TYPES)[number];

export type QuestCategory = 'streak' | 'quality' | 'activity' | 'milestone';

/**
 * What a quest's progress measures (see progress.ts):
 * - `vote_streak`: correct votes in a row (an incorrect vote resets it to 0);
 * - `login_streak`: consecutive UTC days with activity (a missed day restarts it at 1);
 * - `window_rounds`: prompt, copy and vote rounds submitted in the last 24 h (rolling);
 * - `balanced`: 1 prompt, 2 copies and 10 votes in the last 24 h (rolling);
 * - `total_feedback` / `total_votes` / `total_prompts` / `total_copies`: all-time counts;
 * - `achievement`: appears already completed when first achieved (quality, popular set).
 */
export type QuestMeasure =
  | 'vote_streak'
  | 'login_streak'
  | 'window_rounds'
  | 'balanced'
  | 'total_feedback'
  | 'total_votes'
  | 'total_prompts'
  | 'total_copies'
  | 'achievement';

export interface QuestDef {
  type: QuestType;
  name: string;
  description: string;
  target: number;
  reward: number;
  category: QuestCategory;
  measure: QuestMeasure;
  /** The tier that appears when this one is claimed (top tiers do not repeat). */
  next: QuestType | null;
  /** Exists from registration (the first tier of each family, and the one-off quests). */
  starting: boolean;
}

const def = (d: QuestDef): QuestDef => d;

export const QUESTS: Readonly<Record<QuestType, QuestDef>> = {
  hot_streak_5: def({ type: 'hot_streak_5', name: 'Hot Streak', description: 'Vote correctly 5 times in a row', target: 5, reward: 10, category: 'streak', measure: 'vote_streak', next: 'hot_streak_10', starting: true }),
  hot_streak_10: def({ type: 'hot_streak_10', name: 'Blazing Streak', description: 'Vote correctly 10 times in a row', target: 10, reward: 25, category: 'streak', measure: 'vote_streak', next: 'hot_streak_20', starting: false }),
  hot_streak_20: def({ type: 'hot_streak_20', name: 'Inferno Streak', description: 'Vote correctly 20 times in a row', target: 20, reward: 75, category: 'streak', measure: 'vote_streak', next: null, starting: false }),
  deceptive_copy: def({
    type: 'deceptive_copy',
    name: 'Master Deceiver',
    description: 'A copy of yours gets at least 75% of the votes of a finalized phraseset (minimum 5 votes)',
    target: 75,
    reward: 20,
    category: 'quality',
    measure: 'achievement',
    next: null,
    starting: false,
  }),
  obvious_original: def({
    type: 'obvious_original',
    name: 'Clear Original',
    description: 'Your original gets at least 85% of the votes of a finalized phraseset (minimum 5 votes)',
    target: 85,
    reward: 15,
    category: 'quality',
    measure: 'achievement',
    next: null,
    starting: false,
  }),
  round_completion_5: def({ type: 'round_completion_5', name: 'Quick Player', description: 'Submit 5 rounds within 24 hours', target: 5, reward: 25, category: 'activity', measure: 'window_rounds', next: 'round_completion_10', starting: true }),
  round_completion_10: def({ type: 'round_completion_10', name: 'Active Player', description: 'Submit 10 rounds within 24 hours', target: 10, reward: 75, category: 'activity', measure: 'window_rounds', next: 'round_completion_20', starting: false }),
  round_completion_20: def({ type: 'round_completion_20', name: 'Power Player', description: 'Submit 20 rounds within 24 hours', target: 20, reward: 200, category: 'activity', measure: 'window_rounds', next: null, starting: false }),
  balanced_player: def({
    type: 'balanced_player',
    name: 'Balanced Player',
    description: 'Submit 1 prompt, 2 copies and 10 votes within 24 hours',
    target: 10,
    reward: 20,
    category: 'activity',
    measure: 'balanced',
    next: null,
    starting: true,
  }),
  login_streak_7: def({ type: 'login_streak_7', name: 'Week Warrior', description: 'Be active on 7 consecutive days (UTC)', target: 7, reward: 200, category: 'streak', measure: 'login_streak', next: null, starting: true }),
  feedback_contributor_10: def({
    type: 'feedback_contributor_10',
    name: 'Feedback Novice',
    description: 'Give feedback on 10 prompts',
    target: 10,
    reward: 5,
    category: 'milestone',
    measure: 'total_feedback',
    next: 'feedback_contributor_50',
    starting: true,
  }),
  feedback_contributor_50: def({
    type: 'feedback_contributor_50',
    name: 'Feedback Expert',
    description: 'Give feedback on 50 prompts',
    target: 50,
    reward: 25,
    category: 'milestone',
    measure: 'total_feedback',
    next: null,
    starting: false,
  }),
  milestone_votes_100: def({ type: 'milestone_votes_100', name: 'Century Voter', description: 'Cast 100 votes', target: 100, reward: 50, category: 'milestone', measure: 'total_votes', next: null, starting: true }),
  milestone_prompts_50: def({ type: 'milestone_prompts_50', name: 'Prompt Master', description: 'Submit 50 prompts', target: 50, reward: 100, category: 'milestone', measure: 'total_prompts', next: null, starting: true }),
  milestone_copies_100: def({ type: 'milestone_copies_100', name: 'Copy Champion', description: 'Submit 100 copies', target: 100, reward: 75, category: 'milestone', measure: 'total_copies', next: null, starting: true }),
  milestone_phraseset_20votes: def({
    type: 'milestone_phraseset_20votes',
    name: 'Popular Set',
    description: 'A phraseset you wrote in reaches 20 votes',
    target: 20,
    reward: 25,
    category: 'milestone',
    measure: 'achievement',
    next: null,
    starting: false,
  }),
};

/** The quests every (non-AI) player has from registration, in catalogue order. */
export const STARTING_QUESTS: readonly QuestType[] = QUEST_TYPES.filter((q) => QUESTS[q].starting);

export const isQuestType = (s: string): s is QuestType => (QUEST_TYPES as readonly string[]).includes(s);

/** Catalogue position, for a stable listing order. */
export const catalogueIndex = (q: QuestType): number => QUEST_TYPES.indexOf(q);

/** The thresholds of the achievement quests (SPEC §7). */
export const ACHIEVEMENT_RULES = {
  /** Minimum votes a finalized phraseset needs before its shares count. */
  minVotes: 5,
  deceptiveCopyShare: 0.75,
  obviousOriginalShare: 0.85,
  popularSetVotes: 20,
} as const;

/** What Balanced Player asks for within 24 h. */
export const BALANCED_NEEDS = { prompts: 1, copies: 2, votes: 10 } as const;

/** Rolling window of the activity quests. */
export const ACTIVITY_WINDOW_MS = 24 * 3600 * 1000;
