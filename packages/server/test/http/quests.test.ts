import { QuestArraySchema, QuestListResponseSchema, QuestSchema } from '@quipflip/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectLedgerBalanced, type TestApp } from '../helpers/app.ts';
import type { TestPlayer } from '../helpers/players.ts';
import { expectSchema } from '../helpers/schema.ts';
import { bal, finalizeDue, get, ok, playSet, post, promptPhraseFor, register, vote, writePrompt, type Choice, type PlayedSet } from '../quests/driver.ts';
import { claimQuest, expectNoQuest, expectQuest, questList, questOf } from '../quests/quest-helpers.ts';

/**
 * Quest endpoints (SPEC §7, seed "Quest Endpoints") and the quests finalized phrasesets award
 * (Master Deceiver, Clear Original, Popular Set), all through real game actions over HTTP.
 * Exactly-once claims under concurrency and Idempotency-Key replays are here too.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());
afterEach(async () => expectLedgerBalanced(t.database));

const STARTING = ['hot_streak_5', 'round_completion_5', 'balanced_player', 'login_streak_7', 'feedback_contributor_10', 'milestone_votes_100', 'milestone_prompts_50', 'milestone_copies_100'];

describe('a new player', () => {
  let p: TestPlayer, other: TestPlayer;
  beforeAll(async () => {
    [p, other] = (await register(t, 2, 'fresh')) as [TestPlayer, TestPlayer];
  });

  it('has the starting quests from registration, in catalogue order, with the seed counts', async () => {
    const b = ok(await get(t, p, '/quests'));
    expectSchema(QuestListResponseSchema, b);
    expect(b.quests.map((q: { quest_type: string }) => q.quest_type)).toEqual(STARTING);
    expect(b).toMatchObject({ total_count: 8, active_count: 8, completed_count: 0, claimed_count: 0, claimable_count: 0 });
    expect(b.quests[0]).toMatchObject({
      quest_type: 'hot_streak_5',
      name: 'Hot Streak',
      status: 'active',
      progress: { current_streak: 0, target: 5 },
      reward_amount: 10,
      category: 'streak',
      completed_at: null,
      claimed_at: null,
      progress_percentage: 0,
      progress_current: 0,
      progress_target: 5,
    });
    // Registering was the first activity of day 1 of the streak.
    expect(b.quests.find((q: { quest_type: string }) => q.quest_type === 'login_streak_7')).toMatchObject({
      progress: { current_streak: 1, target: 7 },
      progress_current: 1,
      progress_percentage: 14.2,
      reward_amount: 200,
    });
    // They exist from registration (materialised on first use, dated at registration).
    const registered = ok(await get(t, p, '/player/balance')).created_at;
    expect([...new Set(b.quests.map((q: { created_at: string }) => q.created_at))]).toEqual([registered]);
    const active = ok(await get(t, p, '/quests/active'));
    expectSchema(QuestArraySchema, active);
    expect(active).toEqual(b.quests);
    expect(ok(await get(t, p, '/quests/claimable'))).toEqual([]);
  });

  it('GET /quests/{id}: own quest 200; someone else\'s 403; unknown 404; not a uuid 400', async () => {
    const mine = (await questList(t, p)).quests[1]!;
    const one = ok(await get(t, p, `/quests/${mine.quest_id}`));
    expectSchema(QuestSchema, one);
    expect(one).toEqual(mine);
    const forbidden = await get(t, other, `/quests/${mine.quest_id}`);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toEqual({ detail: 'Not authorized to view this quest', code: 'quest_forbidden' });
    const missing = await get(t, p, '/quests/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ detail: 'Quest not found', code: 'quest_not_found' });
    const bad = await get(t, p, '/quests/not-a-uuid');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'validation_error' });
    expect((await t.req({ method: 'GET', url: '/quests' })).statusCode).toBe(401);
  });

  it('claims: active → 400 quest_not_completed, someone else\'s → 403, unknown → 404; no coins move', async () => {
    const q = (await questList(t, p)).quests[0]!;
    const before = [await bal(t, p), await bal(t, other)];
    const notDone = await post(t, p, `/quests/${q.quest_id}/claim`);
    expect(notDone.statusCode).toBe(400);
    expect(notDone.json()).toEqual({ detail: 'quest_not_completed', code: 'quest_not_completed' });
    const forbidden = await post(t, other, `/quests/${q.quest_id}/claim`);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toMatchObject({ code: 'quest_forbidden' });
    const missing = await post(t, p, '/quests/00000000-0000-4000-8000-000000000000/claim');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'quest_not_found', detail: 'Quest not found' });
    expect([await bal(t, p), await bal(t, other)]).toEqual(before);
    expect((await questList(t, p)).quests[0]!.status).toBe('active');
  });
});

describe('quests of finalized phrasesets', () => {
  let W: TestPlayer, X: TestPlayer, Y: TestPlayer;
  let U: TestPlayer[];
  let setA: PlayedSet, setB: PlayedSet;
  beforeAll(async () => {
    [W, X, Y] = (await register(t, 3, 'writer')) as [TestPlayer, TestPlayer, TestPlayer];
    U = await register(t, 20, 'voter');
  });
  /** Votes on `set` by U[from], U[from+1], ... */
  const votes = async (set: PlayedSet, choices: Choice[], from = 0) => {
    for (const [i, c] of choices.entries()) await vote(t, U[from + i]!, c, set.phrasesetId);
  };
  const status = async (set: PlayedSet) =>
    (await t.database.db.selectFrom('phrasesets').select('status').where('id', '=', set.phrasesetId).executeTakeFirstOrThrow()).status;

  it('Popular Set appears for all three writers at the 20th vote; Clear Original at finalization (18 of 20 = 90 %)', async () => {
    setA = await playSet(t, W, X, Y);
    await votes(setA, Array<Choice>(18).fill('original').concat(['copy1']));
    for (const p of [W, X, Y]) await expectNoQuest(t, p, 'milestone_phraseset_20votes');
    await expectNoQuest(t, W, 'obvious_original');
    // The 20th vote reaches VOTE_MAX_VOTES: the set closes and, with no vote round pending, finalizes.
    await votes(setA, ['copy2'], 19);
    expect(await status(setA)).toBe('finalized');
    for (const p of [W, X, Y]) {
      const q = await expectQuest(t, p, 'milestone_phraseset_20votes', 'completed', 20);
      expect(q).toMatchObject({ progress: { votes: 20, target: 20, phraseset_id: setA.phrasesetId }, progress_percentage: 100, reward_amount: 25 });
    }
    const clear = await expectQuest(t, W, 'obvious_original', 'completed', 85);
    expect(clear.progress).toEqual({ percentage: 90, votes: 18, total_votes: 20, phraseset_id: setA.phrasesetId, target: 85 });
    for (const p of [X, Y]) await expectNoQuest(t, p, 'deceptive_copy');
    expect(ok(await get(t, W, '/quests/claimable')).map((q: { quest_type: string }) => q.quest_type)).toEqual(['obvious_original', 'milestone_phraseset_20votes']);
    expect(await questList(t, W)).toMatchObject({ total_count: 10, completed_count: 2, claimable_count: 2, active_count: 8, claimed_count: 0 });

    await claimQuest(t, W, 'obvious_original');
    await claimQuest(t, W, 'milestone_phraseset_20votes');
    await claimQuest(t, X, 'milestone_phraseset_20votes');
    expect(await questList(t, W)).toMatchObject({ total_count: 10, completed_count: 0, claimable_count: 0, claimed_count: 2 });
  });

  it('Master Deceiver appears when the set is finalized with a copy at ≥ 75 % of at least 5 votes (4 of 5)', async () => {
    setB = await playSet(t, Y, X, W);
    await votes(setB, ['copy1', 'copy1', 'copy1', 'copy1', 'original']);
    expect(await status(setB)).toBe('closing');
    await expectNoQuest(t, X, 'deceptive_copy');
    await finalizeDue(t); // the 5th vote closes the set 60 s later
    expect(await status(setB)).toBe('finalized');
    const q = await expectQuest(t, X, 'deceptive_copy', 'completed', 75);
    expect(q.progress).toEqual({ percentage: 80, votes: 4, total_votes: 5, phraseset_id: setB.phrasesetId, target: 75 });
    for (const p of [W, Y]) await expectNoQuest(t, p, 'deceptive_copy');
    await expectNoQuest(t, Y, 'obvious_original'); // 1 of 5
    expect((await questList(t, Y)).quests.filter((x) => x.quest_type === 'milestone_phraseset_20votes')).toHaveLength(1); // only set A's
  });

  it('a quest appears once: another 100 % original for W leaves its claimed Clear Original as it was', async () => {
    const before = await questOf(t, W, 'obvious_original');
    const setC = await playSet(t, W, X, Y);
    await votes(setC, ['original', 'original', 'original', 'original', 'original'], 5);
    const balance = await bal(t, W);
    await finalizeDue(t);
    expect(await status(setC)).toBe('finalized');
    expect(await questOf(t, W, 'obvious_original')).toEqual(before);
    expect((await questList(t, W)).quests.filter((q) => q.quest_type === 'obvious_original')).toHaveLength(1);
    expect(await bal(t, W)).toBe(balance);
  });

  it('concurrent claims of one quest: exactly one 200, the others 409 quest_already_claimed; paid once', async () => {
    const q = await expectQuest(t, X, 'deceptive_copy', 'completed');
    const before = await bal(t, X);
    const results = await Promise.all(Array.from({ length: 6 }, () => post(t, X, `/quests/${q.quest_id}/claim`)));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json()).toEqual({ detail: 'quest_already_claimed', code: 'quest_already_claimed' });
    expect(results.find((r) => r.statusCode === 200)!.json()).toMatchObject({ reward_amount: 20, new_balance: before + 20 });
    expect(await bal(t, X)).toBe(before + 20);
    const paid = await t.database.db.selectFrom('ledger_entries').select('amount').where('reference_id', '=', q.quest_id).where('account_kind', '=', 'player').execute();
    expect(paid).toEqual([{ amount: 20 }]);
    // A later claim is refused too, and moves nothing.
    const again = await post(t, X, `/quests/${q.quest_id}/claim`);
    expect(again.statusCode).toBe(409);
    expect(await bal(t, X)).toBe(before + 20);
  });

  it('a claim racing the player\'s own game action: both succeed and the next tier ends with the right progress', async () => {
    const [Q] = (await register(t, 1, 'racer')) as [TestPlayer];
    for (let i = 0; i < 5; i++) await writePrompt(t, Q);
    const q = await expectQuest(t, Q, 'round_completion_5', 'completed', 5);
    const round = ok<{ round_id: string; prompt_text: string }>(await post(t, Q, '/rounds/prompt'));
    const before = await bal(t, Q);
    const [claimed, submitted] = await Promise.all([
      post(t, Q, `/quests/${q.quest_id}/claim`),
      post(t, Q, `/rounds/${round.round_id}/submit`, { phrase: promptPhraseFor(round.prompt_text) }),
      get(t, Q, '/quests'),
    ]);
    expect([claimed.statusCode, submitted.statusCode]).toEqual([200, 200]);
    expect(await bal(t, Q)).toBe(before + 25);
    // Whichever committed first, the next tier counts all 6 rounds of the window.
    await expectQuest(t, Q, 'round_completion_10', 'active', 6);
  });

  it('Idempotency-Key: a repeated claim replays the stored answer; a new key gets 409', async () => {
    const q = await expectQuest(t, Y, 'milestone_phraseset_20votes', 'completed');
    const before = await bal(t, Y);
    const first = await post(t, Y, `/quests/${q.quest_id}/claim`, undefined, { 'idempotency-key': 'claim-popular-1' });
    const second = await post(t, Y, `/quests/${q.quest_id}/claim`, undefined, { 'idempotency-key': 'claim-popular-1' });
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    expect(first.json()).toMatchObject({ success: true, quest_type: 'milestone_phraseset_20votes', reward_amount: 25, new_balance: before + 25 });
    const third = await post(t, Y, `/quests/${q.quest_id}/claim`, undefined, { 'idempotency-key': 'claim-popular-2' });
    expect(third.statusCode).toBe(409);
    expect(await bal(t, Y)).toBe(before + 25);
  });
});
