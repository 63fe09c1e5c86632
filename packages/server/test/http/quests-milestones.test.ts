import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { QUESTS } from '../../src/domain/quests/index.ts';
import { createTestApp, expectLedgerBalanced, type TestApp } from '../helpers/app.ts';
import type { TestPlayer } from '../helpers/players.ts';
import { ok, post, register, vote, writeCopy, writePrompt } from '../quests/driver.ts';
import { claimQuest, expectNoQuest, expectQuest, questList } from '../quests/quest-helpers.ts';

/**
 * Counted quests through one long real game (SPEC §7): Prompt Master (50 prompts), Feedback Novice /
 * Expert, Copy Champion (100 copies), the three Round Completion tiers, the three Hot Streak tiers
 * (with a broken streak), Balanced Player and Century Voter (100 votes). A tier appears only when
 * the previous one is claimed, carrying the progress already made; top tiers do not repeat.
 *
 * P1 and P2 write 50 prompts each, Bp 1 prompt; Bp copies 2 of them, C copies 100 and D the other 98,
 * so 100 phrasesets exist; V votes on all 100 and Bp on 10.
 */

let t: TestApp;
let P1: TestPlayer, P2: TestPlayer, C: TestPlayer, D: TestPlayer, V: TestPlayer, Bp: TestPlayer;
const LONG = 180_000;

beforeAll(async () => {
  // Writers hold up to 100 prompts waiting for copies and have the coins for them.
  t = await createTestApp({ config: { MAX_OUTSTANDING_QUIPS: 100, STARTING_BALANCE: 10_000 } });
  [P1, P2, C, D, V, Bp] = (await register(t, 6, 'ms')) as [TestPlayer, TestPlayer, TestPlayer, TestPlayer, TestPlayer, TestPlayer];
});
afterAll(async () => t?.close());
afterEach(async () => expectLedgerBalanced(t.database));

const feedback = async (p: TestPlayer, roundId: string, feedback_type: 'like' | 'dislike') => ok(await post(t, p, `/rounds/${roundId}/feedback`, { feedback_type }));

describe('writing: Prompt Master and the feedback tiers', () => {
  it('P1 writes 50 prompts and gives feedback on each; Feedback Expert appears once Feedback Novice is claimed', async () => {
    for (let i = 1; i <= 50; i++) {
      const r = await writePrompt(t, P1);
      await feedback(P1, r.roundId, 'like');
      if (i === 1) {
        // Changing one's feedback is not new feedback.
        await feedback(P1, r.roundId, 'dislike');
        await expectQuest(t, P1, 'feedback_contributor_10', 'active', 1);
      }
      if (i === 10) {
        await expectQuest(t, P1, 'feedback_contributor_10', 'completed', 10);
        await expectNoQuest(t, P1, 'feedback_contributor_50');
      }
      if (i === 12) {
        await expectNoQuest(t, P1, 'feedback_contributor_50');
        await claimQuest(t, P1, 'feedback_contributor_10');
        const q = await expectQuest(t, P1, 'feedback_contributor_50', 'active', 12);
        expect(q.progress).toEqual({ feedback_given: 12, target: 50 });
      }
      if (i === 49) {
        await expectQuest(t, P1, 'milestone_prompts_50', 'active', 49);
        await expectQuest(t, P1, 'feedback_contributor_50', 'active', 49);
      }
    }
    await expectQuest(t, P1, 'milestone_prompts_50', 'completed', 50);
    await claimQuest(t, P1, 'milestone_prompts_50');
    await claimQuest(t, P1, 'feedback_contributor_50');
    // Top tiers do not repeat: nothing new appeared.
    expect((await questList(t, P1)).quests.map((q) => q.quest_type).filter((q) => q.startsWith('feedback'))).toEqual(['feedback_contributor_10', 'feedback_contributor_50']);
  }, LONG);

  it('P2 writes 50 prompts; Bp writes one and copies two of P1\'s', async () => {
    for (let i = 0; i < 50; i++) await writePrompt(t, P2);
    await writePrompt(t, Bp);
    await writeCopy(t, Bp);
    await writeCopy(t, Bp);
    await expectQuest(t, Bp, 'balanced_player', 'active', 2); // 3 of 13 steps → floor(10 × 3 / 13)
  }, LONG);
});

describe('copying: Copy Champion and the Round Completion tiers', () => {
  it('C copies 100 prompts; each Round Completion tier appears when the previous one is claimed', async () => {
    for (let i = 1; i <= 100; i++) {
      await writeCopy(t, C);
      if (i === 5) await expectQuest(t, C, 'round_completion_5', 'completed', 5);
      if (i === 7) {
        await expectNoQuest(t, C, 'round_completion_10');
        await claimQuest(t, C, 'round_completion_5');
        // The rounds of the current 24 h window count for the next tier.
        await expectQuest(t, C, 'round_completion_10', 'active', 7);
      }
      if (i === 10) await expectQuest(t, C, 'round_completion_10', 'completed', 10);
      if (i === 12) {
        await expectNoQuest(t, C, 'round_completion_20');
        await claimQuest(t, C, 'round_completion_10');
        await expectQuest(t, C, 'round_completion_20', 'active', 12);
      }
      if (i === 20) {
        await expectQuest(t, C, 'round_completion_20', 'completed', 20);
        await claimQuest(t, C, 'round_completion_20');
      }
      if (i === 99) await expectQuest(t, C, 'milestone_copies_100', 'active', 99);
    }
    await claimQuest(t, C, 'milestone_copies_100');
    expect((await questList(t, C)).quests.filter((q) => q.quest_type.startsWith('round_completion')).map((q) => q.status)).toEqual(['claimed', 'claimed', 'claimed']);
  }, LONG);

  it('D copies the other 98: 100 phrasesets', async () => {
    for (let i = 0; i < 98; i++) await writeCopy(t, D);
    const n = await t.database.db.selectFrom('phrasesets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(100);
    await expectQuest(t, D, 'milestone_copies_100', 'active', 98);
  }, LONG);
});

describe('voting: Hot Streak tiers, Balanced Player, Century Voter', () => {
  const votes = async (p: TestPlayer, n: number, correct = true) => {
    for (let i = 0; i < n; i++) expect((await vote(t, p, correct ? 'original' : 'copy1')).correct).toBe(correct);
  };

  it('Hot Streak 5 → 10 → 20: each tier after the claim, carrying the running streak; a wrong vote resets it', async () => {
    await votes(V, 4);
    await expectQuest(t, V, 'hot_streak_5', 'active', 4);
    await votes(V, 1);
    await expectQuest(t, V, 'hot_streak_5', 'completed', 5);
    await votes(V, 1); // streak 6; the completed quest keeps its 5
    await expectQuest(t, V, 'hot_streak_5', 'completed', 5);
    await expectNoQuest(t, V, 'hot_streak_10');
    await claimQuest(t, V, 'hot_streak_5');
    const q10 = await expectQuest(t, V, 'hot_streak_10', 'active', 6);
    expect(q10.progress).toEqual({ current_streak: 6, target: 10 });

    await votes(V, 4); // streak 10
    await expectQuest(t, V, 'hot_streak_10', 'completed', 10);
    await votes(V, 1); // streak 11
    await expectNoQuest(t, V, 'hot_streak_20');
    await claimQuest(t, V, 'hot_streak_10');
    await expectQuest(t, V, 'hot_streak_20', 'active', 11);

    await votes(V, 1, false); // a wrong vote breaks the streak
    await expectQuest(t, V, 'hot_streak_20', 'active', 0);
    await votes(V, 19);
    await expectQuest(t, V, 'hot_streak_20', 'active', 19);
    await votes(V, 1);
    await expectQuest(t, V, 'hot_streak_20', 'completed', 20);
    await claimQuest(t, V, 'hot_streak_20');
    expect((await questList(t, V)).quests.filter((q) => q.quest_type.startsWith('hot_streak')).map((q) => q.status)).toEqual(['claimed', 'claimed', 'claimed']);
    // 32 votes so far; Balanced Player needs prompts and copies too.
    await expectQuest(t, V, 'balanced_player', 'active', 7);
  }, LONG);

  it('Balanced Player: 1 prompt, 2 copies and 10 votes within 24 h', async () => {
    await votes(Bp, 9);
    await expectQuest(t, Bp, 'balanced_player', 'active', 9); // 12 of 13 steps
    await votes(Bp, 1);
    const q = await expectQuest(t, Bp, 'balanced_player', 'completed', 10);
    expect(q.progress).toMatchObject({ prompts: 1, copies: 2, votes: 10 });
    await claimQuest(t, Bp, 'balanced_player');
  }, LONG);

  it('Century Voter: V casts its 100th vote', async () => {
    await votes(V, 67);
    await expectQuest(t, V, 'milestone_votes_100', 'active', 99);
    await votes(V, 1);
    await expectQuest(t, V, 'milestone_votes_100', 'completed', 100);
    await claimQuest(t, V, 'milestone_votes_100');
    // Every phraseset has V's vote: no more to vote on.
    expect((await post(t, V, '/rounds/vote')).json()).toMatchObject({ code: 'no_phrasesets_available' });
    expect(QUESTS.milestone_votes_100.reward).toBe(50);
  }, LONG);
});
