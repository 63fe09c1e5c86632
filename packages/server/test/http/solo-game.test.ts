import {
  ClaimPrizeResponseSchema,
  PhrasesetResultsResponseSchema,
  StartCopyRoundResponseSchema,
  StartPromptRoundResponseSchema,
  StartVoteRoundResponseSchema,
  SubmitPhraseResponseSchema,
  VoteResponseSchema,
} from '@quipflip/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { channels } from '../../src/realtime/hub.ts';
import { currentCopyPrice } from '../../src/services/queues.ts';
import { createTestApp, expectLedgerBalanced, type TestApp } from '../helpers/app.ts';
import {
  bal,
  balances,
  castVote,
  copyPhraseFor,
  drainCopyQueue,
  drainVoteQueue,
  get,
  houseNet,
  phraseset,
  playSet,
  players,
  post,
  promptPhraseFor,
  startCopy,
  startPrompt,
  startVote,
  submit,
  voteOn,
  writePrompt,
  QUIET_AI,
} from '../helpers/game.ts';
import type { TestPlayer } from '../helpers/players.ts';
import { expectSchema } from '../helpers/schema.ts';

/**
 * Full solo games over HTTP with several players, every balance checked to the coin against SPEC §3:
 * entry fees, pool funding, vote payouts, the prize split (the worked example), claims and the house.
 */

let t: TestApp;
let writer: TestPlayer, c1: TestPlayer, c2: TestPlayer;
let voters: TestPlayer[];
const START = 5000;

beforeAll(async () => {
  t = await createTestApp({ config: QUIET_AI });
  [writer, c1, c2] = (await players(t, 3, 'writer')) as [TestPlayer, TestPlayer, TestPlayer];
  voters = await players(t, 10, 'voter');
});
afterAll(async () => t.close());
afterEach(async () => {
  await expectLedgerBalanced(t.database);
  await drainCopyQueue(t);
  await drainVoteQueue(t);
});

describe('a full solo game (SPEC §3.4 worked example)', () => {
  it('4 / 3 / 3 votes, 4 correct voters → pool 220, payouts 55 / 82 / 82, house keeps 1; every balance to the coin', async () => {
    const house0 = await houseNet(t);
    const events: Record<string, unknown>[] = [];
    const unsub = [writer, c1, c2].map((p) => t.deps.hub.subscribe(channels.player(p.id), (e) => events.push({ to: p.id, ...e })));

    // Prompt: 100 to the house at start.
    const pr = await startPrompt(t, writer);
    expectSchema(StartPromptRoundResponseSchema, pr);
    expect(pr.cost).toBe(100);
    expect(await bal(t, writer)).toBe(START - 100);
    const original = promptPhraseFor(pr.prompt_text);
    const sub = await submit(t, writer, pr.round_id, original.toLowerCase());
    expectSchema(SubmitPhraseResponseSchema, sub);
    expect(sub).toEqual({ success: true, phrase: original });

    // Copies: 50 each (one prompt waiting: no discount).
    const cr1 = await startCopy(t, c1, { expected_cost: 50 });
    expectSchema(StartCopyRoundResponseSchema, cr1);
    expect(cr1).toMatchObject({ original_phrase: original, prompt_round_id: pr.round_id, cost: 50, discount_active: false });
    expect(JSON.stringify(cr1)).not.toContain(pr.prompt_text); // the copier writes blind
    const copy1 = copyPhraseFor(original);
    await submit(t, c1, cr1.round_id, copy1);
    const cr2 = await startCopy(t, c2);
    expect(cr2.prompt_round_id).toBe(pr.round_id);
    const copy2 = copyPhraseFor(original, copy1, 3);
    await submit(t, c2, cr2.round_id, copy2);
    expect(await balances(t, [c1, c2])).toEqual([START - 50, START - 50]);

    // The second copy created the phraseset; the house funded its pool with 200.
    const ps0 = await t.database.db.selectFrom('phrasesets').selectAll().where('prompt_round_id', '=', pr.round_id).executeTakeFirstOrThrow();
    expect(ps0).toMatchObject({ status: 'open', pool_amount: 200, original_phrase: original, copy_phrase_1: copy1, copy_phrase_2: copy2, vote_count: 0 });
    const set = { phrasesetId: ps0.id, promptRoundId: pr.round_id, promptText: pr.prompt_text, original, copy1, copy2 };

    // Notifications so far: two copy_submitted to the writer, carrying only the writer's own phrase.
    const copyEvents = events.filter((e) => e.notification_type === 'copy_submitted');
    expect(copyEvents).toHaveLength(2);
    expect(copyEvents[0]).toMatchObject({ to: writer.id, type: 'notification', actor_username: c1.username, phrase_text: original });
    expect(copyEvents[0]).not.toHaveProperty('phraseset_id');
    expect(copyEvents[1]).toMatchObject({ to: writer.id, actor_username: c2.username, phraseset_id: ps0.id, phrase_text: original });
    expect(JSON.stringify(events)).not.toContain(copy1);
    expect(JSON.stringify(events)).not.toContain(pr.prompt_text);

    // Ten votes: 4 for the original (correct, paid 20 each), 3 and 3 for the copies.
    const choices = ['original', 'original', 'original', 'original', 'copy1', 'copy1', 'copy1', 'copy2', 'copy2', 'copy2'] as const;
    for (const [i, v] of voters.entries()) {
      const round = await startVote(t, v);
      expectSchema(StartVoteRoundResponseSchema, round);
      expect(round).toMatchObject({ phraseset_id: ps0.id, prompt_text: pr.prompt_text, cost: 10 });
      const res = await castVote(t, v, ps0.id, set[choices[i]!].toLowerCase());
      expectSchema(VoteResponseSchema, res);
      const correct = choices[i] === 'original';
      expect(res).toEqual({ correct, payout: correct ? 20 : 0, original_phrase: original, your_choice: set[choices[i]!] });
    }
    expect(await balances(t, voters)).toEqual(choices.map((c) => (c === 'original' ? START - 10 + 20 : START - 10)));

    const ps1 = await phraseset(t, ps0.id);
    expect(ps1.pool_amount).toBe(200 + 10 * 10 - 4 * 20);
    expect(ps1.status).toBe('closing');
    expect(ps1.vote_count).toBe(10);

    // Votes notify every writer with their own phrase.
    const voteEvents = events.filter((e) => e.notification_type === 'vote_submitted');
    expect(voteEvents).toHaveLength(30);
    expect(voteEvents.filter((e) => e.to === c1.id).every((e) => e.phrase_text === copy1)).toBe(true);

    // Results before finalization: 400 not_finalized; nothing paid.
    const early = await get(t, writer, `/phrasesets/${ps0.id}/results`);
    expect(early.statusCode).toBe(400);
    expect(early.json()).toMatchObject({ detail: 'Phraseset not yet finalized', code: 'not_finalized' });

    // Past the closing window the lifecycle job finalizes: payouts stored, leftover 1 to the house.
    t.clock.advanceSeconds(61);
    await t.scheduler.runDue();
    const ps2 = await phraseset(t, ps0.id);
    expect(ps2).toMatchObject({ status: 'finalized', total_pool: 220, pool_amount: 219 });
    const contributors = await t.database.db.selectFrom('phraseset_contributors').selectAll().where('phraseset_id', '=', ps0.id).orderBy('role').execute();
    expect(contributors.map((c) => [c.role, c.player_id, c.points, c.payout, c.claimed_at])).toEqual([
      ['copy1', c1.id, 6, 82, null],
      ['copy2', c2.id, 6, 82, null],
      ['prompt', writer.id, 4, 55, null],
    ]);
    const finalizedEvents = events.filter((e) => e.notification_type === 'phraseset_finalized');
    expect(finalizedEvents.map((e) => [e.to, e.phrase_text, e.phraseset_id, e.actor_username]).sort()).toEqual(
      [
        [writer.id, original, ps0.id, 'Quipflip'],
        [c1.id, copy1, ps0.id, 'Quipflip'],
        [c2.id, copy2, ps0.id, 'Quipflip'],
      ].sort(),
    );

    // Claim to receive: the writer opens the results (claims 55), copier 1 claims explicitly (82).
    const res = body(await get(t, writer, `/phrasesets/${ps0.id}/results`));
    expectSchema(PhrasesetResultsResponseSchema, res);
    expect(res).toEqual({
      prompt_text: pr.prompt_text,
      votes: [
        { phrase: original, vote_count: 4, is_original: true },
        { phrase: copy1, vote_count: 3, is_original: false },
        { phrase: copy2, vote_count: 3, is_original: false },
      ],
      your_phrase: original,
      your_role: 'prompt',
      your_points: 4,
      total_points: 16,
      your_payout: 55,
      total_pool: 220,
      total_votes: 10,
      already_collected: false,
      finalized_at: t.clock.now().toISOString(),
    });
    expect(await bal(t, writer)).toBe(START - 100 + 55);
    const again = body(await get(t, writer, `/phrasesets/${ps0.id}/results`));
    expect(again.already_collected).toBe(true);
    expect(await bal(t, writer)).toBe(START - 100 + 55);

    const claim = body(await post(t, c1, `/phrasesets/${ps0.id}/claim`));
    expectSchema(ClaimPrizeResponseSchema, claim);
    expect(claim).toEqual({ success: true, amount: 82, new_balance: START - 50 + 82, already_claimed: false });
    const claimAgain = body(await post(t, c1, `/phrasesets/${ps0.id}/claim`));
    expect(claimAgain).toEqual({ success: true, amount: 0, new_balance: START - 50 + 82, already_claimed: true });
    // Copier 2 has not claimed: the 82 stay in the pool.
    expect((await phraseset(t, ps0.id)).pool_amount).toBe(82);
    expect(await bal(t, c2)).toBe(START - 50);
    const c2Results = body(await get(t, c2, `/phrasesets/${ps0.id}/results`));
    expect(c2Results).toMatchObject({ your_role: 'copy', your_points: 6, your_payout: 82, already_collected: false });
    expect(await bal(t, c2)).toBe(START - 50 + 82);
    expect((await phraseset(t, ps0.id)).pool_amount).toBe(0);

    // The house: +100 +50 +50 (fees) −200 (pool) +100 (votes) −100 (vote fees moved in) ... net: fees 300 + 100 in, pool funding 200 + 100 out, leftover 1 back.
    expect((await houseNet(t)) - house0).toBe(100 + 50 + 50 - 200 + 10 * 10 - 10 * 10 + 1);
    const leftover = await t.database.db.selectFrom('ledger_entries').selectAll().where('type', '=', 'pool_leftover').where('account_kind', '=', 'house').where('reference_id', '=', ps0.id).execute();
    expect(leftover.map((e) => e.amount)).toEqual([1]);

    // The result view is recorded once viewed.
    const viewed = await t.database.db.selectFrom('phraseset_contributors').select(['role', 'result_viewed_at', 'claimed_at']).where('phraseset_id', '=', ps0.id).orderBy('role').execute();
    expect(viewed.map((v) => [v.role, v.result_viewed_at !== null, v.claimed_at !== null])).toEqual([
      ['copy1', false, true],
      ['copy2', true, true],
      ['prompt', true, true],
    ]);
    unsub.forEach((u) => u());
  });

  it('floors: 1 / 2 / 1 votes → pool 220, points 1 / 4 / 2, payouts 31 / 125 / 62, house keeps 2', async () => {
    const set = await playSet(t, writer, c1, c2);
    const before = await balances(t, [writer, c1, c2]);
    await voteOn(t, voters[0]!, set, 'original');
    await voteOn(t, voters[1]!, set, 'copy1');
    await voteOn(t, voters[2]!, set, 'copy1');
    await voteOn(t, voters[3]!, set, 'copy2');
    expect((await phraseset(t, set.phrasesetId)).pool_amount).toBe(200 + 40 - 20);
    t.clock.advanceSeconds(600);
    await t.scheduler.runDue();
    const ps = await phraseset(t, set.phrasesetId);
    expect(ps).toMatchObject({ status: 'finalized', total_pool: 220, pool_amount: 218 });
    for (const [p, amount] of [[writer, 31], [c1, 125], [c2, 62]] as const) {
      expect(body(await post(t, p, `/phrasesets/${set.phrasesetId}/claim`)).amount).toBe(amount);
    }
    expect(await balances(t, [writer, c1, c2])).toEqual([before[0]! + 31, before[1]! + 125, before[2]! + 62]);
    expect((await phraseset(t, set.phrasesetId)).pool_amount).toBe(0);
  });

  it('everyone fooled: 3 correct votes → the writer takes the whole pool (170), copiers 0 and their claim moves nothing', async () => {
    const set = await playSet(t, writer, c1, c2);
    const before = await balances(t, [writer, c1, c2]);
    for (const v of voters.slice(0, 3)) await voteOn(t, v, set, 'original');
    t.clock.advanceSeconds(600);
    await t.scheduler.runDue();
    expect(await phraseset(t, set.phrasesetId)).toMatchObject({ status: 'finalized', total_pool: 170 });
    expect(body(await get(t, writer, `/phrasesets/${set.phrasesetId}/results`))).toMatchObject({ your_points: 3, total_points: 3, your_payout: 170 });
    expect(body(await post(t, c1, `/phrasesets/${set.phrasesetId}/claim`))).toEqual({ success: true, amount: 0, new_balance: before[1], already_claimed: false });
    expect(await balances(t, [writer, c1, c2])).toEqual([before[0]! + 170, before[1], before[2]]);
  });
});

describe('copy discount (SPEC §3.3, §5.3)', () => {
  it('with more than 10 prompts waiting a copy costs 40; the house still funds the pool with 200 (a top-up)', async () => {
    const writers = await players(t, 11, 'discount');
    const waitingBefore = await t.database.db.selectFrom('rounds').select('id').where('type', '=', 'prompt').where('status', '=', 'submitted').where('copies_claimed', '<', 2).execute();
    expect(waitingBefore).toHaveLength(0);
    for (const w of writers.slice(0, 10)) await writePrompt(t, w);
    // Exactly 10 waiting: not more than the threshold → normal price.
    expect(await currentCopyPrice(t.deps.db, t.config)).toEqual({ cost: 50, discount_active: false });
    await writePrompt(t, writers[10]!);
    expect(await currentCopyPrice(t.deps.db, t.config)).toEqual({ cost: 40, discount_active: true });

    // The player saw 50 earlier: the price moved → 409 price_changed with the current price, nothing charged.
    const b0 = await bal(t, c1);
    const moved = await post(t, c1, '/rounds/copy', { expected_cost: 50 });
    expect(moved.statusCode).toBe(409);
    expect(moved.json()).toEqual({ detail: 'price_changed', code: 'price_changed', copy_cost: 40, message: 'The copy price is now 40' });
    expect(await bal(t, c1)).toBe(b0);
    expect((await t.database.db.selectFrom('rounds').select('id').where('player_id', '=', c1.id).where('status', '=', 'active').execute()).length).toBe(0);

    const r1 = await startCopy(t, c1, { expected_cost: 40 });
    expect(r1).toMatchObject({ cost: 40, discount_active: true, prompt_round_id: expect.any(String) });
    expect(await bal(t, c1)).toBe(b0 - 40);
    const copy1 = copyPhraseFor(r1.original_phrase);
    await submit(t, c1, r1.round_id, copy1);
    // 10 prompts fully waiting + this one with a claimed slot... still 11 waiting (copies_claimed < 2): discount holds.
    const b2 = await bal(t, c2);
    const r2 = await startCopy(t, c2);
    expect(r2).toMatchObject({ cost: 40, discount_active: true, prompt_round_id: r1.prompt_round_id });
    await submit(t, c2, r2.round_id, copyPhraseFor(r2.original_phrase, copy1, 3));
    expect(await bal(t, c2)).toBe(b2 - 40);

    const ps = await t.database.db.selectFrom('phrasesets').selectAll().where('prompt_round_id', '=', r1.prompt_round_id).executeTakeFirstOrThrow();
    expect(ps.pool_amount).toBe(200);
    const funding = await t.database.db.selectFrom('ledger_entries').select(['account_kind', 'amount']).where('type', '=', 'pool_funding').where('reference_id', '=', ps.id).orderBy('amount').execute();
    expect(funding).toEqual([
      { account_kind: 'house', amount: -200 },
      { account_kind: 'pool', amount: 200 },
    ]);
    // The copy was bought at the discount: only 100 + 40 + 40 came in for a 200 pool.
    const fees = await t.database.db.selectFrom('ledger_entries').select('amount').where('account_kind', '=', 'house').where('type', 'in', ['prompt_entry', 'copy_entry']).where('reference_id', 'in', [ps.prompt_round_id, r1.round_id, r2.round_id]).execute();
    expect(fees.reduce((s, f) => s + f.amount, 0)).toBe(180);
    const rounds = await t.database.db.selectFrom('rounds').select(['id', 'cost', 'discount_active']).where('id', 'in', [r1.round_id, r2.round_id]).execute();
    expect(rounds.every((r) => r.cost === 40 && r.discount_active === true)).toBe(true);
  });
});

describe('round trip of a phraseset that nobody finishes', () => {
  it('a vote round on a closed set keeps it from finalizing until the round is submitted', async () => {
    const set = await playSet(t, writer, c1, c2);
    for (const v of voters.slice(0, 3)) await voteOn(t, v, set, 'copy1');
    t.clock.advanceSeconds(590);
    const late = await startVote(t, voters[3]!);
    expect(late.phraseset_id).toBe(set.phrasesetId);
    t.clock.advanceSeconds(10); // closes_at
    await t.scheduler.runDue();
    expect((await phraseset(t, set.phrasesetId)).status).toBe('closed');
    // Closed: no new vote rounds on it.
    const none = await post(t, voters[4]!, '/rounds/vote');
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ detail: 'no_phrasesets_available', code: 'no_phrasesets_available' });
    // The round started before closing may still vote; that vote finalizes the set.
    t.clock.advanceSeconds(30);
    const r = await castVote(t, voters[3]!, set.phrasesetId, set.original);
    expect(r.correct).toBe(true);
    const ps = await phraseset(t, set.phrasesetId);
    expect(ps).toMatchObject({ status: 'finalized', vote_count: 4, total_pool: 200 + 40 - 20 });
  });
});

function body(res: Awaited<ReturnType<typeof get>>) {
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
