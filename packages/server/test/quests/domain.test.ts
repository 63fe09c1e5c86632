import { describe, expect, it } from 'vitest';
import {
  claimRefusal,
  dayBefore,
  decideProgressUpdates,
  decideSetAchievements,
  liveLoginStreak,
  loginStreakAfter,
  measureProgress,
  NO_FACTS,
  progressPercentage,
  QUEST_TYPES,
  QUESTS,
  STARTING_QUESTS,
  streakAfterVote,
  type QuestFacts,
} from '../../src/domain/quests/index.ts';

const facts = (f: Partial<QuestFacts> & { w?: Partial<QuestFacts['window']>; tot?: Partial<QuestFacts['totals']> } = {}): QuestFacts => ({
  ...NO_FACTS,
  ...f,
  window: { ...NO_FACTS.window, ...f.window, ...f.w },
  totals: { ...NO_FACTS.totals, ...f.totals, ...f.tot },
});

describe('quest catalogue (SPEC §7)', () => {
  it('has the 16 quests with their targets, rewards, categories and tiers', () => {
    expect(QUEST_TYPES).toHaveLength(16);
    const table = Object.fromEntries(QUEST_TYPES.map((q) => [q, [QUESTS[q].target, QUESTS[q].reward, QUESTS[q].category, QUESTS[q].next]]));
    expect(table).toEqual({
      hot_streak_5: [5, 10, 'streak', 'hot_streak_10'],
      hot_streak_10: [10, 25, 'streak', 'hot_streak_20'],
      hot_streak_20: [20, 75, 'streak', null],
      deceptive_copy: [75, 20, 'quality', null],
      obvious_original: [85, 15, 'quality', null],
      round_completion_5: [5, 25, 'activity', 'round_completion_10'],
      round_completion_10: [10, 75, 'activity', 'round_completion_20'],
      round_completion_20: [20, 200, 'activity', null],
      balanced_player: [10, 20, 'activity', null],
      login_streak_7: [7, 200, 'streak', null],
      feedback_contributor_10: [10, 5, 'milestone', 'feedback_contributor_50'],
      feedback_contributor_50: [50, 25, 'milestone', null],
      milestone_votes_100: [100, 50, 'milestone', null],
      milestone_prompts_50: [50, 100, 'milestone', null],
      milestone_copies_100: [100, 75, 'milestone', null],
      milestone_phraseset_20votes: [20, 25, 'milestone', null],
    });
    expect(QUESTS.hot_streak_10.name).toBe('Blazing Streak');
    expect(QUESTS.round_completion_20.name).toBe('Power Player');
  });

  it('starts every player with the first tiers and the one-off counted quests', () => {
    expect(STARTING_QUESTS).toEqual([
      'hot_streak_5',
      'round_completion_5',
      'balanced_player',
      'login_streak_7',
      'feedback_contributor_10',
      'milestone_votes_100',
      'milestone_prompts_50',
      'milestone_copies_100',
    ]);
    // Every later tier is the `next` of exactly one quest; quality and popular quests appear when achieved.
    const nexts = QUEST_TYPES.map((q) => QUESTS[q].next).filter(Boolean);
    const appearLater = QUEST_TYPES.filter((q) => !QUESTS[q].starting);
    expect([...nexts, 'deceptive_copy', 'obvious_original', 'milestone_phraseset_20votes'].sort()).toEqual([...appearLater].sort());
  });
});

describe('measureProgress', () => {
  it('streaks and totals are capped at the target and done at the target', () => {
    expect(measureProgress('hot_streak_5', facts({ voteStreak: 3 }))).toEqual({ current: 3, done: false, detail: { current_streak: 3, target: 5 } });
    expect(measureProgress('hot_streak_5', facts({ voteStreak: 7 }))).toEqual({ current: 5, done: true, detail: { current_streak: 5, target: 5 } });
    expect(measureProgress('login_streak_7', facts({ loginStreak: 6 }))?.done).toBe(false);
    expect(measureProgress('login_streak_7', facts({ loginStreak: 7 }))?.done).toBe(true);
    expect(measureProgress('feedback_contributor_50', facts({ tot: { feedback: 12 } }))?.current).toBe(12);
    expect(measureProgress('milestone_votes_100', facts({ tot: { vote: 100 } }))?.done).toBe(true);
    expect(measureProgress('milestone_prompts_50', facts({ tot: { prompt: 49 } }))).toMatchObject({ current: 49, done: false, detail: { prompts_submitted: 49 } });
    expect(measureProgress('milestone_copies_100', facts({ tot: { copy: 100 } }))?.done).toBe(true);
  });

  it('round completion counts all three round types in the window', () => {
    expect(measureProgress('round_completion_5', facts({ w: { prompt: 1, copy: 2, vote: 1 } }))).toMatchObject({ current: 4, done: false });
    expect(measureProgress('round_completion_5', facts({ w: { prompt: 1, copy: 2, vote: 2 } }))).toMatchObject({ current: 5, done: true });
    // Old rounds outside the window do not count (the totals are not used).
    expect(measureProgress('round_completion_5', facts({ tot: { prompt: 50 } }))).toMatchObject({ current: 0, done: false });
  });

  it('balanced player needs all three goals; its progress reaches 10 only then', () => {
    expect(measureProgress('balanced_player', facts({ w: { vote: 30 } }))).toMatchObject({ current: 7, done: false, detail: { prompts: 0, copies: 0, votes: 10 } });
    expect(measureProgress('balanced_player', facts({ w: { prompt: 5, copy: 2, vote: 9 } }))).toMatchObject({ current: 9, done: false });
    expect(measureProgress('balanced_player', facts({ w: { prompt: 1, copy: 2, vote: 10 } }))).toMatchObject({ current: 10, done: true });
    expect(measureProgress('balanced_player', facts())).toMatchObject({ current: 0, done: false });
  });

  it('achievement quests have no counted progress', () => {
    expect(measureProgress('deceptive_copy', facts())).toBeNull();
    expect(measureProgress('obvious_original', facts())).toBeNull();
    expect(measureProgress('milestone_phraseset_20votes', facts())).toBeNull();
  });
});

describe('decideProgressUpdates', () => {
  const row = (quest_type: (typeof QUEST_TYPES)[number], status: 'active' | 'completed' | 'claimed', progress: number, detail = {}) => ({ id: quest_type, quest_type, status, progress, detail });

  it('moves active quests, completes them at the target, and leaves completed and claimed quests alone', () => {
    const updates = decideProgressUpdates(
      [row('hot_streak_5', 'active', 4, { current_streak: 4, target: 5 }), row('hot_streak_10', 'completed', 10), row('round_completion_5', 'claimed', 5), row('milestone_votes_100', 'active', 0)],
      facts({ voteStreak: 5, tot: { vote: 1 } }),
    );
    expect(updates).toEqual([
      { id: 'hot_streak_5', quest_type: 'hot_streak_5', progress: 5, complete: true, detail: { current_streak: 5, target: 5 } },
      { id: 'milestone_votes_100', quest_type: 'milestone_votes_100', progress: 1, complete: false, detail: { votes_cast: 1, target: 100 } },
    ]);
  });

  it('a broken streak takes an active streak quest back to 0; unchanged quests are not written', () => {
    expect(decideProgressUpdates([row('hot_streak_5', 'active', 4, { current_streak: 4, target: 5 })], facts({ voteStreak: 0 }))).toEqual([
      { id: 'hot_streak_5', quest_type: 'hot_streak_5', progress: 0, complete: false, detail: { current_streak: 0, target: 5 } },
    ]);
    expect(decideProgressUpdates([row('hot_streak_5', 'active', 2, { current_streak: 2, target: 5 })], facts({ voteStreak: 2 }))).toEqual([]);
  });
});

describe('streaks', () => {
  it('a correct vote extends the streak, a wrong one resets it', () => {
    expect(streakAfterVote(4, true)).toBe(5);
    expect(streakAfterVote(4, false)).toBe(0);
  });

  it('activity days: the next day extends, the same day keeps, a gap restarts at 1', () => {
    expect(dayBefore('2026-03-01')).toBe('2026-02-28');
    expect(dayBefore('2026-01-01')).toBe('2025-12-31');
    expect(loginStreakAfter({ lastDay: '2026-01-05', streak: 3 }, '2026-01-06')).toEqual({ lastDay: '2026-01-06', streak: 4 });
    expect(loginStreakAfter({ lastDay: '2026-01-06', streak: 4 }, '2026-01-06')).toEqual({ lastDay: '2026-01-06', streak: 4 });
    expect(loginStreakAfter({ lastDay: '2026-01-04', streak: 3 }, '2026-01-06')).toEqual({ lastDay: '2026-01-06', streak: 1 });
    expect(loginStreakAfter({ lastDay: null, streak: 0 }, '2026-01-06')).toEqual({ lastDay: '2026-01-06', streak: 1 });
    expect(liveLoginStreak({ lastDay: '2026-01-05', streak: 3 }, '2026-01-06')).toBe(3);
    expect(liveLoginStreak({ lastDay: '2026-01-04', streak: 3 }, '2026-01-06')).toBe(0);
  });
});

describe('set achievements', () => {
  const writers = [
    { playerId: 'p', role: 'prompt' as const },
    { playerId: 'c1', role: 'copy1' as const },
    { playerId: 'c2', role: 'copy2' as const },
  ];
  const types = (votes: { original: number; copy1: number; copy2: number }) =>
    decideSetAchievements({ phrasesetId: 's', votes, writers }).map((a) => `${a.playerId}:${a.quest_type}`);

  it('master deceiver at 75% of at least 5 votes; clear original at 85%', () => {
    expect(types({ original: 1, copy1: 3, copy2: 0 })).toEqual([]); // 4 votes: too few
    expect(types({ original: 1, copy1: 3, copy2: 0 + 1 })).toEqual([]); // 3/5 = 60%
    expect(types({ original: 1, copy1: 6, copy2: 1 })).toEqual(['c1:deceptive_copy']); // 6/8 = 75%
    expect(types({ original: 6, copy1: 1, copy2: 0 })).toEqual(['p:obvious_original']); // 6/7 = 85.7%
    expect(types({ original: 5, copy1: 1, copy2: 0 })).toEqual([]); // 5/6 = 83.3%
    expect(types({ original: 0, copy1: 0, copy2: 5 })).toEqual(['c2:deceptive_copy']);
  });

  it('popular set for every writer at 20 votes', () => {
    expect(types({ original: 10, copy1: 5, copy2: 5 })).toEqual(['p:milestone_phraseset_20votes', 'c1:milestone_phraseset_20votes', 'c2:milestone_phraseset_20votes']);
    expect(types({ original: 17, copy1: 1, copy2: 1 })).toEqual(['p:obvious_original']);
    const [a] = decideSetAchievements({ phrasesetId: 's', votes: { original: 1, copy1: 6, copy2: 1 }, writers });
    expect(a).toEqual({ playerId: 'c1', quest_type: 'deceptive_copy', progress: 75, detail: { percentage: 75, votes: 6, total_votes: 8, phraseset_id: 's', target: 75 } });
  });
});

describe('claims and percentages', () => {
  it('only a completed quest pays', () => {
    expect(claimRefusal('active')).toBe('quest_not_completed');
    expect(claimRefusal('claimed')).toBe('quest_already_claimed');
    expect(claimRefusal('completed')).toBeNull();
  });

  it('progress_percentage is current/target × 100, capped at 100, rounded down to 0.1 (seed: 3/7 → 42.8)', () => {
    expect(progressPercentage(3, 7)).toBe(42.8);
    expect(progressPercentage(7, 7)).toBe(100);
    expect(progressPercentage(9, 7)).toBe(100);
    expect(progressPercentage(0, 5)).toBe(0);
    expect(progressPercentage(1, 3)).toBe(33.3);
  });
});
