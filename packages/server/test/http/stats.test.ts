import { LeaderboardResponseSchema, PlayerStatisticsSchema } from '@quipflip/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { insertPlayer } from '../../src/services/accounts.ts';
import { tx } from '../../src/services/deps.ts';
import { EntryType, HOUSE, player, transfer } from '../../src/services/ledger.ts';
import { createTestApp, expectLedgerBalanced, type TestApp } from '../helpers/app.ts';
import type { TestPlayer } from '../helpers/players.ts';
import { expectSchema } from '../helpers/schema.ts';
import { bal, finalizeDue, get, ok as body200, playSet, post, register as players, relogin, vote, type PlayedSet } from '../quests/driver.ts';

/**
 * GET /player/statistics and GET /leaderboard (SPEC §6) against a hand-computed two-day scenario.
 *
 * Day 1 (Mon 2026-01-05). Set 1: A writes the prompt, B and C copy. Votes: V1 V2 V3 original, V4 copy 1
 *   (B), V5 copy 2 (C). Pool 200 + 5×10 − 3×20 = 190; points A 3, B 2, C 2 (7) → A 81, B 54, C 54,
 *   house 1. All three claim. A then starts a prompt round and abandons it (refund 95).
 * Day 2. A claims the daily bonus (100). Set 2: B writes the prompt, A and C copy. Votes: V1 original
 *   (B), V2 V3 V4 copy 1 (A), V5 copy 2 (C). Pool 200 + 50 − 20 = 230; points B 1, A 6, C 2 (9) →
 *   B 25, A 153, C 51, house 1. A and B claim; C does not (51 stays in the pool).
 */

let t: TestApp;
let A: TestPlayer, B: TestPlayer, C: TestPlayer, Z: TestPlayer, N: TestPlayer;
let V: TestPlayer[];
let s1: PlayedSet, s2: PlayedSet;
let aiId: string;
const DAY1 = '2026-01-05T12:00:00.000Z';

const stats = async (p: TestPlayer) => {
  const b = body200(await get(t, p, '/player/statistics'));
  expectSchema(PlayerStatisticsSchema, b);
  return b;
};
const finalize = () => finalizeDue(t);
const voteOn = async (p: TestPlayer, set: PlayedSet, choice: 'original' | 'copy1' | 'copy2') => vote(t, p, choice, set.phrasesetId);
const startPrompt = async (p: TestPlayer) => body200<{ round_id: string }>(await post(t, p, '/rounds/prompt'));
const phraseset = (id: string) => t.database.db.selectFrom('phrasesets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const claim = async (p: TestPlayer, set: PlayedSet) => body200(await post(t, p, `/phrasesets/${set.phrasesetId}/claim`));
const submittedAt = async (roundId: string) =>
  (await t.database.db.selectFrom('rounds').select('ended_at').where('id', '=', roundId).executeTakeFirstOrThrow()).ended_at!.toISOString();

beforeAll(async () => {
  t = await createTestApp({ clockStart: DAY1 });
  [A, B, C, Z] = (await players(t, 4, 'writer')) as [TestPlayer, TestPlayer, TestPlayer, TestPlayer];
  V = await players(t, 5, 'voter');

  // Day 1, set 1.
  s1 = await playSet(t, A, B, C);
  for (const [i, choice] of (['original', 'original', 'original', 'copy1', 'copy2'] as const).entries()) await voteOn(V[i]!, s1, choice);
  await finalize();
  expect((await phraseset(s1.phrasesetId)).status).toBe('finalized');
  expect([(await claim(A, s1)).amount, (await claim(B, s1)).amount, (await claim(C, s1)).amount]).toEqual([81, 54, 54]);
  const abandoned = await startPrompt(A);
  expect(body200(await post(t, A, `/rounds/${abandoned.round_id}/abandon`))).toBeTruthy();

  // Day 2: new sessions (the access tokens of day 1 have expired).
  t.clock.set('2026-01-06T13:00:00.000Z');
  [A, B, C, Z] = (await Promise.all([A, B, C, Z].map((p) => relogin(t, p)))) as [TestPlayer, TestPlayer, TestPlayer, TestPlayer];
  V = await Promise.all(V.map((p) => relogin(t, p)));
  expect(body200(await post(t, A, '/player/claim-daily-bonus')).amount).toBe(100);
  s2 = await playSet(t, B, A, C);
  for (const [i, choice] of (['original', 'copy1', 'copy1', 'copy1', 'copy2'] as const).entries()) await voteOn(V[i]!, s2, choice);
  await finalize();
  expect([(await claim(A, s2)).amount, (await claim(B, s2)).amount]).toEqual([153, 25]);

  [N] = (await players(t, 1, 'newcomer')) as [TestPlayer];

  // Excluded from rankings: an AI account (made rich through the ledger) and a deleted account.
  aiId = (await tx(t.deps, (x) => insertPlayer(t.deps, x, { email: null, passwordHash: null, isGuest: false, isAi: true }))).id;
  await tx(t.deps, (x) => transfer(x, { from: HOUSE, to: player(aiId), amount: 10_000, type: EntryType.daily_bonus, now: t.clock.now() }));
  const del = await t.req({ method: 'DELETE', url: '/player/account', token: Z.token, payload: { password: Z.password } });
  expect(del.statusCode, del.body).toBe(204);
});
afterAll(async () => t?.close());
afterEach(async () => expectLedgerBalanced(t.database));

describe('GET /player/statistics', () => {
  it('prompt writer and copier A: earnings per role from the ledger, win rates from finalized sets', async () => {
    const a2 = await t.database.db.selectFrom('phraseset_contributors').select('round_id').where('phraseset_id', '=', s2.phrasesetId).where('player_id', '=', A.id).executeTakeFirstOrThrow();
    const s = await stats(A);
    expect(await bal(t, A)).toBe(5000 - 100 + 81 - 100 + 95 + 100 - 50 + 153);
    expect(s).toEqual({
      player_id: A.id,
      username: A.username,
      email: A.email,
      overall_balance: 5179,
      // One submitted prompt (the abandoned one is not a round played); 81 < its cost of 100: no win.
      prompt_stats: { role: 'prompt', total_rounds: 1, total_earnings: 81, average_earnings: 81, win_rate: 0, total_phrasesets: 1, average_votes_received: 3 },
      copy_stats: { role: 'copy', total_rounds: 1, total_earnings: 153, average_earnings: 153, win_rate: 100, total_phrasesets: 1, average_votes_received: 3 },
      voter_stats: { role: 'voter', total_rounds: 0, total_earnings: 0, average_earnings: 0, win_rate: 0, correct_votes: 0, vote_accuracy: 0 },
      earnings: {
        prompt_earnings: 81,
        copy_earnings: 153,
        vote_earnings: 0,
        daily_bonuses: 100,
        quest_rewards: 0,
        total_earnings: 334,
        // 100 for the played prompt + 100 − 95 refund for the abandoned one.
        prompt_spending: 105,
        copy_spending: 50,
        vote_spending: 0,
        total_spending: 155,
      },
      frequency: {
        total_rounds_played: 2,
        days_active: 2,
        rounds_per_day: 1,
        last_active: await submittedAt(a2.round_id),
        member_since: DAY1,
      },
      favorite_prompts: [...new Set([s2.promptText, s1.promptText])],
      // Both got 3 votes; the copy earned more.
      best_performing_phrases: [
        { phrase: s2.copy1, votes: 3, earnings: 153 },
        { phrase: s1.original, votes: 3, earnings: 81 },
      ],
    });
  });

  it('B and C: an unclaimed prize is not yet earnings, but its set counts in the win rate', async () => {
    const b = await stats(B);
    expect(b.overall_balance).toBe(5000 - 50 + 54 - 100 + 25);
    expect(b.prompt_stats).toEqual({ role: 'prompt', total_rounds: 1, total_earnings: 25, average_earnings: 25, win_rate: 0, total_phrasesets: 1, average_votes_received: 1 });
    expect(b.copy_stats).toEqual({ role: 'copy', total_rounds: 1, total_earnings: 54, average_earnings: 54, win_rate: 100, total_phrasesets: 1, average_votes_received: 1 });
    expect(b.earnings).toMatchObject({ prompt_earnings: 25, copy_earnings: 54, total_earnings: 79, prompt_spending: 100, copy_spending: 50, total_spending: 150 });
    expect(b.frequency).toMatchObject({ total_rounds_played: 2, days_active: 2, rounds_per_day: 1 });

    const c = await stats(C);
    expect(c.overall_balance).toBe(5000 - 50 + 54 - 50);
    // Two copies, 54 received (51 still in the pool); both payouts beat the 50 fee.
    expect(c.copy_stats).toEqual({ role: 'copy', total_rounds: 2, total_earnings: 54, average_earnings: 27, win_rate: 100, total_phrasesets: 2, average_votes_received: 1 });
    expect(c.prompt_stats).toMatchObject({ total_rounds: 0, total_phrasesets: 0, win_rate: 0 });
    expect(c.earnings).toMatchObject({ copy_earnings: 54, total_earnings: 54, copy_spending: 100, total_spending: 100 });
    expect(c.favorite_prompts).toEqual([...new Set([s1.promptText, s2.promptText])]);
    expect(c.best_performing_phrases.map((p: { earnings: number }) => p.earnings)).toEqual([54, 51]);
  });

  it('voters: accuracy, win rate and earnings per voter', async () => {
    const v = await Promise.all(V.map(stats));
    // V1 right twice; V2, V3 right once; V4, V5 never.
    expect(v.map((s) => s.voter_stats)).toEqual([
      { role: 'voter', total_rounds: 2, total_earnings: 40, average_earnings: 20, win_rate: 100, correct_votes: 2, vote_accuracy: 100 },
      { role: 'voter', total_rounds: 2, total_earnings: 20, average_earnings: 10, win_rate: 50, correct_votes: 1, vote_accuracy: 50 },
      { role: 'voter', total_rounds: 2, total_earnings: 20, average_earnings: 10, win_rate: 50, correct_votes: 1, vote_accuracy: 50 },
      { role: 'voter', total_rounds: 2, total_earnings: 0, average_earnings: 0, win_rate: 0, correct_votes: 0, vote_accuracy: 0 },
      { role: 'voter', total_rounds: 2, total_earnings: 0, average_earnings: 0, win_rate: 0, correct_votes: 0, vote_accuracy: 0 },
    ]);
    expect(v.map((s) => [s.earnings.vote_earnings, s.earnings.vote_spending, s.earnings.total_spending, s.overall_balance])).toEqual([
      [40, 20, 20, 5020],
      [20, 20, 20, 5000],
      [20, 20, 20, 5000],
      [0, 20, 20, 4980],
      [0, 20, 20, 4980],
    ]);
    expect(v[0]!.frequency).toMatchObject({ total_rounds_played: 2, days_active: 2, rounds_per_day: 1 });
    expect(v[0]!.prompt_stats.total_rounds + v[0]!.copy_stats.total_rounds).toBe(0);
    expect(v[0]!.favorite_prompts).toEqual([]);
    expect(v[0]!.best_performing_phrases).toEqual([]);
  });

  it('a new player has zeros, and last_active = member_since', async () => {
    const s = await stats(N);
    expect(s.frequency).toEqual({ total_rounds_played: 0, days_active: 0, rounds_per_day: 0, last_active: s.frequency.member_since, member_since: s.frequency.member_since });
    expect(s.frequency.member_since.startsWith('2026-01-06')).toBe(true);
    expect(s.earnings).toMatchObject({ total_earnings: 0, total_spending: 0 });
    expect(s.overall_balance).toBe(5000);
  });
});

describe('GET /leaderboard', () => {
  const nets = (board: { entries: Array<{ username: string; net_earnings: number; rank: number }> }) => board.entries.map((e) => [e.username, e.net_earnings, e.rank]);

  it('ranks humans by net earnings (all time = balance − starting balance); AI and deleted players are excluded', async () => {
    const b = body200(await get(t, B, '/leaderboard?limit=20'));
    expectSchema(LeaderboardResponseSchema, b);
    // A +179, V1 +20, V2 V3 and the newcomer 0, V4 V5 −20, C −46, B −71; equal nets share a rank.
    const [V1, V2, V3, V4, V5] = V as [TestPlayer, TestPlayer, TestPlayer, TestPlayer, TestPlayer];
    const byName = (ps: TestPlayer[]) => ps.map((p) => p.username).sort();
    const all = nets(b.all_time);
    expect(all.map((e) => [e[1], e[2]])).toEqual([[179, 1], [20, 2], [0, 3], [0, 3], [0, 3], [-20, 6], [-20, 6], [-46, 8], [-71, 9]]);
    expect(all.slice(0, 2).map((e) => e[0])).toEqual([A.username, V1.username]);
    expect(all.slice(2, 5).map((e) => e[0])).toEqual(byName([V2, V3, N]));
    expect(all.slice(5, 7).map((e) => e[0])).toEqual(byName([V4, V5]));
    expect(all.slice(7).map((e) => e[0])).toEqual([C.username, B.username]);
    const ids = b.all_time.entries.map((e: { player_id: string }) => e.player_id);
    expect(ids).not.toContain(aiId);
    expect(ids).not.toContain(Z.id);
    expect(b.all_time.total_players).toBe(9);
    expect(b.all_time.you).toEqual({ rank: 9, player_id: B.id, username: B.username, net_earnings: -71, is_you: true });
    expect(b.all_time.entries.filter((e: { is_you: boolean }) => e.is_you).map((e: { player_id: string }) => e.player_id)).toEqual([B.id]);
    // Everything happened this week (Monday 2026-01-05 00:00 UTC onwards): the weekly board matches.
    expect(b.weekly).toMatchObject({ period: 'weekly', starts_at: '2026-01-05T00:00:00.000Z', ends_at: '2026-01-12T00:00:00.000Z' });
    expect(nets(b.weekly)).toEqual(all);
    expect(b.all_time).toMatchObject({ period: 'all_time', starts_at: null, ends_at: null });
  });

  it('limit keeps the top rows; the caller is always in `you`', async () => {
    const b = body200(await get(t, B, '/leaderboard?limit=2'));
    expect(b.all_time.entries.map((e: { player_id: string }) => e.player_id)).toEqual([A.id, V[0]!.id]);
    expect(b.all_time.you).toMatchObject({ player_id: B.id, rank: 9, net_earnings: -71 });
    const def = body200(await get(t, B, '/leaderboard'));
    expect(def.all_time.entries).toHaveLength(9); // default limit 10
    expect((await get(t, B, '/leaderboard?limit=0')).statusCode).toBe(400);
    expect((await get(t, B, '/leaderboard?limit=101')).statusCode).toBe(400);
  });

  it('the weekly board starts again on Monday; all time carries on', async () => {
    t.clock.set('2026-01-12T09:00:00.000Z');
    B = await relogin(t, B);
    const before = body200(await get(t, B, '/leaderboard?limit=20'));
    expect(before.weekly.starts_at).toBe('2026-01-12T00:00:00.000Z');
    expect(before.weekly.entries.every((e: { net_earnings: number; rank: number }) => e.net_earnings === 0 && e.rank === 1)).toBe(true);
    expect(body200(await post(t, B, '/player/claim-daily-bonus')).amount).toBe(100);
    const after = body200(await get(t, B, '/leaderboard?limit=20'));
    expect(after.weekly.entries[0]).toEqual({ rank: 1, player_id: B.id, username: B.username, net_earnings: 100, is_you: true });
    expect(after.weekly.entries[1]).toMatchObject({ rank: 2, net_earnings: 0 });
    expect(after.all_time.you).toMatchObject({ net_earnings: 29, rank: 2 });
    await expectLedgerBalanced(t.database);
  });

  it('needs a token', async () => {
    expect((await t.req({ method: 'GET', url: '/leaderboard' })).statusCode).toBe(401);
    expect((await t.req({ method: 'GET', url: '/player/statistics' })).statusCode).toBe(401);
  });
});
