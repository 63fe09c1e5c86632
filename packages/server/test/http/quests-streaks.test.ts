import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectLedgerBalanced, type TestApp } from '../helpers/app.ts';
import type { TestPlayer } from '../helpers/players.ts';
import { get, ok, register, relogin, writePrompt } from '../quests/driver.ts';
import { claimQuest, expectNoQuest, expectQuest, questList } from '../quests/quest-helpers.ts';

/**
 * Time-driven quests over several UTC days (fake clock, real requests): Week Warrior (7 consecutive
 * active days, reset by a missed day) and the rolling 24 h window of Round Completion.
 */

const DAY = (d: number, time = '09:00:00') => `2026-01-${String(4 + d).padStart(2, '0')}T${time}.000Z`; // day 1 = Mon 2026-01-05

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clockStart: DAY(1, '12:00:00') });
});
afterAll(async () => t?.close());
afterEach(async () => expectLedgerBalanced(t.database));

describe('Week Warrior (login_streak_7)', () => {
  it('7 consecutive active days complete it (registration day counts); a missed day restarts the streak at 1', async () => {
    let [L, M] = (await register(t, 2, 'streak')) as [TestPlayer, TestPlayer];
    await expectQuest(t, L, 'login_streak_7', 'active', 1);
    await expectQuest(t, M, 'login_streak_7', 'active', 1);
    for (let d = 2; d <= 7; d++) {
      t.clock.set(DAY(d));
      // The first authenticated request of the day is the day's activity.
      L = await relogin(t, L);
      if (d === 7) {
        const q = await expectQuest(t, L, 'login_streak_7', 'completed', 7);
        expect(q.progress).toEqual({ current_streak: 7, target: 7 });
      } else {
        await expectQuest(t, L, 'login_streak_7', 'active', d);
        // A second request the same day changes nothing.
        ok(await get(t, L, '/player/balance'));
        await expectQuest(t, L, 'login_streak_7', 'active', d);
      }
      if (d === 4) continue; // M misses day 4
      M = await relogin(t, M);
      await expectQuest(t, M, 'login_streak_7', 'active', d <= 3 ? d : d - 4);
    }
    await claimQuest(t, L, 'login_streak_7');
    // Top tier: it does not come back, however long the streak runs.
    t.clock.set(DAY(8));
    L = await relogin(t, L);
    expect((await questList(t, L)).quests.filter((q) => q.quest_type === 'login_streak_7').map((q) => q.status)).toEqual(['claimed']);
    // M: days 5, 6, 7 after the gap, then day 8 is the 4th in a row.
    M = await relogin(t, M);
    await expectQuest(t, M, 'login_streak_7', 'active', 4);
    // A later gap (days 9 and 10) shows as 1 again on day 11.
    t.clock.set(DAY(11));
    M = await relogin(t, M);
    await expectQuest(t, M, 'login_streak_7', 'active', 1);
  }, 120_000);
});

describe('Round Completion: a rolling 24 h window', () => {
  it('rounds older than 24 h stop counting; the quest completes on 5 rounds within 24 h', async () => {
    t.clock.set(DAY(12, '12:00:00'));
    let [R] = (await register(t, 1, 'window')) as [TestPlayer];
    for (let i = 0; i < 4; i++) await writePrompt(t, R);
    await expectQuest(t, R, 'round_completion_5', 'active', 4);
    // 24 h and 1 s later the four rounds are out of the window.
    t.clock.set(DAY(13, '12:00:01'));
    R = await relogin(t, R);
    const q = await expectQuest(t, R, 'round_completion_5', 'active', 0);
    expect(q.progress).toEqual({ rounds_completed: 0, target: 5, window_hours: 24 });
    await writePrompt(t, R);
    await expectQuest(t, R, 'round_completion_5', 'active', 1);
    for (let i = 0; i < 3; i++) await writePrompt(t, R);
    await expectQuest(t, R, 'round_completion_5', 'active', 4);
    await expectNoQuest(t, R, 'round_completion_10');
    await writePrompt(t, R);
    await expectQuest(t, R, 'round_completion_5', 'completed', 5);
    // Completed progress is kept even when the window rolls on before the claim.
    t.clock.set(DAY(14, '13:00:00'));
    R = await relogin(t, R);
    await expectQuest(t, R, 'round_completion_5', 'completed', 5);
    await claimQuest(t, R, 'round_completion_5');
    await expectQuest(t, R, 'round_completion_10', 'active', 0);
  }, 120_000);
});
