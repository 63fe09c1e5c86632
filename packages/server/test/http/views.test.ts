import {
  BalanceResponseSchema,
  CurrentRoundResponseSchema,
  DashboardResponseSchema,
  PendingResultsResponseSchema,
  PhrasesetDetailsSchema,
  PhrasesetListResponseSchema,
  PhrasesetSummarySchema,
  RoundAvailabilitySchema,
  RoundDetailsSchema,
  UnclaimedResultsResponseSchema,
} from '@quipflip/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectLedgerBalanced, type TestApp } from '../helpers/app.ts';
import { balanceOf, registerPlayer, STRONG_PASSWORD, type TestPlayer } from '../helpers/players.ts';
import { expectSchema } from '../helpers/schema.ts';
import { castVote, get, startCopy, startPrompt, startVote, submit, view, vote, writeCopy } from './views-helpers.ts';

/**
 * The read views through one phraseset's whole life, driven by real game actions over HTTP:
 * waiting_copies → waiting_copy1 → voting → closing → (closed, still `closing`) → finalized.
 * Payout arithmetic (SPEC §3.4): 4 votes (2 for the original, 1 for each copy, 2 correct) →
 * pool 200 + 40 − 40 = 200, points 2 / 2 / 2, payouts 66 / 66 / 66, house keeps 2.
 */

const ORIGINAL = 'BIG DOG';
const COPY1 = 'TOY CAT';
const COPY2 = 'RED SUN';
const NO_ROUND = { round_id: null, round_type: null, state: null, expires_at: null };

let t: TestApp;
let A: TestPlayer; // prompt writer
let B: TestPlayer; // first copy
let C: TestPlayer; // second copy
let S: TestPlayer; // stranger
const V: TestPlayer[] = [];

let promptRoundId: string;
let promptText: string;
let phrasesetId: string;

/** The dashboard is exactly the individual endpoints' bodies, composed. */
async function expectDashboardMatches(p: TestPlayer) {
  const dash = await view(t, p, '/player/dashboard');
  expectSchema(DashboardResponseSchema, dash);
  const balance = await view(t, p, '/player/balance');
  expectSchema(BalanceResponseSchema, balance);
  expect(dash).toEqual({
    player: balance,
    current_round: await view(t, p, '/player/current-round'),
    pending_results: (await view(t, p, '/player/pending-results')).pending,
    phraseset_summary: await view(t, p, '/player/phrasesets/summary'),
    unclaimed_results: (await view(t, p, '/player/unclaimed-results')).unclaimed,
    round_availability: await view(t, p, '/rounds/available'),
  });
  return dash;
}

const list = (p: TestPlayer, qs = '') => view(t, p, `/player/phrasesets${qs}`);
const details = (p: TestPlayer) => view(t, p, `/phrasesets/${phrasesetId}/details`);

beforeAll(async () => {
  t = await createTestApp({ clockStart: '2026-01-05T12:00:00.000Z' });
  A = await registerPlayer(t);
  B = await registerPlayer(t);
  C = await registerPlayer(t);
  S = await registerPlayer(t);
  for (let i = 0; i < 4; i++) V.push(await registerPlayer(t));
});
afterAll(async () => t?.close());

describe('solo read views through a phraseset lifecycle', () => {
  it('with no round: current-round is all nulls, availability shows SPEC prices from config', async () => {
    const cur = await view(t, A, '/player/current-round');
    expectSchema(CurrentRoundResponseSchema, cur);
    expect(cur).toEqual(NO_ROUND);

    const av = await view(t, A, '/rounds/available');
    expectSchema(RoundAvailabilitySchema, av);
    expect(av).toEqual({
      can_prompt: true,
      can_copy: false,
      can_vote: false,
      prompts_waiting: 0,
      phrasesets_waiting: 0,
      copy_discount_active: false,
      copy_cost: 50,
      current_round_id: null,
      prompt_cost: 100,
      vote_cost: 10,
      vote_payout_correct: 20,
      abandoned_penalty: 5,
    });

    const ps = await list(A);
    expectSchema(PhrasesetListResponseSchema, ps);
    expect(ps).toEqual({ phrasesets: [], total: 0, has_more: false });
    expect(await view(t, A, '/player/phrasesets/summary')).toEqual({
      in_progress: { prompts: 0, copies: 0, unclaimed_prompts: 0, unclaimed_copies: 0 },
      finalized: { prompts: 0, copies: 0, unclaimed_prompts: 0, unclaimed_copies: 0 },
      total_unclaimed_amount: 0,
    });
    expect(await view(t, A, '/player/pending-results')).toEqual({ pending: [] });
    expect(await view(t, A, '/player/unclaimed-results')).toEqual({ unclaimed: [], total_unclaimed_amount: 0 });
  });

  it('an active prompt round: current-round prompt state, /rounds/{id} for its owner, availability blocked', async () => {
    const r = await startPrompt(t, A);
    promptRoundId = r.round_id;
    promptText = r.prompt_text;

    const cur = await view(t, A, '/player/current-round');
    expectSchema(CurrentRoundResponseSchema, cur);
    expect(cur).toEqual({
      round_id: r.round_id,
      round_type: 'prompt',
      state: { round_id: r.round_id, status: 'active', expires_at: '2026-01-05T12:03:00.000Z', cost: 100, prompt_text: promptText },
      expires_at: '2026-01-05T12:03:00.000Z',
    });

    const d = await view(t, A, `/rounds/${r.round_id}`);
    expectSchema(RoundDetailsSchema, d);
    expect(d).toEqual({
      round_id: r.round_id,
      type: 'prompt',
      status: 'active',
      expires_at: '2026-01-05T12:03:00.000Z',
      prompt_text: promptText,
      original_phrase: null,
      submitted_phrase: null,
      cost: 100,
    });

    const av = await view(t, A, '/rounds/available');
    expect(av).toMatchObject({ can_prompt: false, can_copy: false, can_vote: false, current_round_id: r.round_id });
    const dash = await expectDashboardMatches(A);
    expect(dash.current_round.round_id).toBe(r.round_id);
    expect(dash.round_availability.current_round_id).toBe(r.round_id);
    expect(dash.player.balance).toBe(5000 - 100);

    // Only the owner sees a round: to anyone else it does not exist.
    const other = await get(t, S, `/rounds/${r.round_id}`);
    expect(other.statusCode).toBe(404);
    expect(other.json()).toMatchObject({ code: 'not_found', detail: 'not_found' });
    const missing = await get(t, A, '/rounds/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'not_found' });
  });

  it('a submitted prompt waits for copies: phraseset_id null, status waiting_copies', async () => {
    t.clock.advanceSeconds(30);
    await submit(t, A, promptRoundId, 'big  dog');
    expect(await view(t, A, '/player/current-round')).toEqual(NO_ROUND);
    expect(await view(t, A, `/rounds/${promptRoundId}`)).toMatchObject({ status: 'submitted', submitted_phrase: ORIGINAL });

    const ps = await list(A);
    expectSchema(PhrasesetListResponseSchema, ps);
    expect(ps).toEqual({
      phrasesets: [
        {
          phraseset_id: null,
          prompt_round_id: promptRoundId,
          prompt_text: promptText,
          your_role: 'prompt',
          status: 'waiting_copies',
          created_at: '2026-01-05T12:00:30.000Z',
          vote_count: 0,
          has_copy1: false,
          has_copy2: false,
          your_payout: null,
          result_viewed: false,
          new_activity_count: 0,
        },
      ],
      total: 1,
      has_more: false,
    });
    expect((await view(t, A, '/player/phrasesets/summary')).in_progress).toEqual({ prompts: 1, copies: 0, unclaimed_prompts: 0, unclaimed_copies: 0 });

    // prompts_waiting counts what THIS player could copy: not their own prompt.
    expect(await view(t, A, '/rounds/available')).toMatchObject({ can_prompt: true, can_copy: false, prompts_waiting: 0 });
    expect(await view(t, B, '/rounds/available')).toMatchObject({ can_copy: true, prompts_waiting: 1, copy_cost: 50, copy_discount_active: false });
  });

  it('a copy round never shows the prompt: current-round, /rounds/{copy}, and 404 on the prompt round', async () => {
    const c = await startCopy(t, B);
    expect(c.prompt_round_id).toBe(promptRoundId);

    const cur = await view(t, B, '/player/current-round');
    expectSchema(CurrentRoundResponseSchema, cur);
    expect(cur).toEqual({
      round_id: c.round_id,
      round_type: 'copy',
      state: { round_id: c.round_id, status: 'active', expires_at: c.expires_at, cost: 50, original_phrase: ORIGINAL, discount_active: false },
      expires_at: c.expires_at,
    });
    expect(JSON.stringify(cur)).not.toContain(promptText);

    const d = await view(t, B, `/rounds/${c.round_id}`);
    expectSchema(RoundDetailsSchema, d);
    expect(d).toMatchObject({ type: 'copy', status: 'active', prompt_text: null, original_phrase: ORIGINAL, submitted_phrase: null, cost: 50 });

    // The copier has the prompt round's id but cannot read the prompt through it.
    const leak = await get(t, B, `/rounds/${promptRoundId}`);
    expect(leak.statusCode).toBe(404);
    expect(leak.json()).toMatchObject({ code: 'not_found', detail: 'not_found' });
    expect(leak.body).not.toContain(promptText);

    t.clock.advanceSeconds(30);
    await submit(t, B, c.round_id, COPY1);
    expect(await view(t, B, `/rounds/${c.round_id}`)).toMatchObject({ status: 'submitted', prompt_text: null, submitted_phrase: COPY1 });
  });

  it('one copy in: waiting_copy1 for the prompt writer and the copier (who still cannot see the prompt)', async () => {
    const a = await list(A);
    expect(a.phrasesets).toHaveLength(1);
    expect(a.phrasesets[0]).toMatchObject({ phraseset_id: null, status: 'waiting_copy1', has_copy1: true, has_copy2: false, your_role: 'prompt' });

    const b = await list(B);
    expectSchema(PhrasesetListResponseSchema, b);
    expect(b.phrasesets).toEqual([
      expect.objectContaining({ phraseset_id: null, prompt_round_id: promptRoundId, prompt_text: null, your_role: 'copy', status: 'waiting_copy1', created_at: '2026-01-05T12:01:00.000Z' }),
    ]);
    expect(JSON.stringify(b)).not.toContain(promptText);
    expect(await view(t, B, '/player/phrasesets/summary')).toMatchObject({ in_progress: { prompts: 0, copies: 1, unclaimed_prompts: 0, unclaimed_copies: 0 } });
  });

  it('second copy creates the phraseset: status voting; details for contributors, 403/404 otherwise', async () => {
    t.clock.advanceSeconds(30);
    await writeCopy(t, C, COPY2);
    const a = await list(A);
    expect(a.phrasesets).toHaveLength(1);
    const item = a.phrasesets[0];
    expect(item).toMatchObject({ status: 'voting', has_copy1: true, has_copy2: true, vote_count: 0, your_payout: null, prompt_text: promptText });
    phrasesetId = item.phraseset_id;
    expect(phrasesetId).toMatch(/^[0-9a-f-]{36}$/);
    // Now both copies are in, the copier sees the prompt in their history.
    expect((await list(B)).phrasesets[0]).toMatchObject({ phraseset_id: phrasesetId, prompt_text: promptText, status: 'voting', your_role: 'copy' });

    const d = await details(A);
    expectSchema(PhrasesetDetailsSchema, d);
    expect(d).toMatchObject({
      phraseset_id: phrasesetId,
      prompt_round_id: promptRoundId,
      prompt_text: promptText,
      status: 'voting',
      original_phrase: ORIGINAL,
      copy_phrase_1: COPY1,
      copy_phrase_2: COPY2,
      vote_count: 0,
      third_vote_at: null,
      fifth_vote_at: null,
      closes_at: null,
      votes: [],
      total_pool: 200,
      results: null,
      your_role: 'prompt',
      your_phrase: ORIGINAL,
      your_payout: null,
      result_viewed: false,
      finalized_at: null,
    });
    expect(d.contributors).toEqual([
      { player_id: A.id, username: A.username, pseudonym: expect.any(String), is_you: true, phrase: ORIGINAL },
      { player_id: B.id, username: B.username, pseudonym: expect.any(String), is_you: false, phrase: COPY1 },
      { player_id: C.id, username: C.username, pseudonym: expect.any(String), is_you: false, phrase: COPY2 },
    ]);
    for (const p of [A, B, C]) expect(JSON.stringify(d)).not.toContain(p.email!);

    const dc = await details(C);
    expect(dc).toMatchObject({ your_role: 'copy', your_phrase: COPY2 });
    expect(dc.contributors.map((c: { is_you: boolean }) => c.is_you)).toEqual([false, false, true]);

    const stranger = await get(t, S, `/phrasesets/${phrasesetId}/details`);
    expect(stranger.statusCode).toBe(403);
    expect(stranger.json()).toMatchObject({ code: 'not_contributor', detail: 'Not a contributor to this phraseset' });
    const unknown = await get(t, A, '/phrasesets/00000000-0000-4000-8000-000000000000/details');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'phraseset_not_found', detail: 'Phraseset not found' });

    // Writers cannot vote on their own set; everyone else can.
    expect(await view(t, A, '/rounds/available')).toMatchObject({ can_vote: false, phrasesets_waiting: 0 });
    expect(await view(t, S, '/rounds/available')).toMatchObject({ can_vote: true, phrasesets_waiting: 1 });
  });

  it('a vote round: current-round vote state keeps its phrase order; /rounds/{id} shows the prompt to the voter', async () => {
    t.clock.advanceSeconds(60);
    const r = await startVote(t, V[0]!);
    expect(r.phraseset_id).toBe(phrasesetId);
    const cur = await view(t, V[0]!, '/player/current-round');
    expectSchema(CurrentRoundResponseSchema, cur);
    expect(cur).toEqual({
      round_id: r.round_id,
      round_type: 'vote',
      state: { round_id: r.round_id, status: 'active', expires_at: r.expires_at, cost: 10, phraseset_id: phrasesetId, prompt_text: promptText, phrases: r.phrases },
      expires_at: r.expires_at,
    });
    expect([...r.phrases].sort()).toEqual([ORIGINAL, COPY1, COPY2].sort());
    expect((await view(t, V[0]!, '/player/current-round')).state.phrases).toEqual(r.phrases);
    expect(await view(t, V[0]!, `/rounds/${r.round_id}`)).toMatchObject({ type: 'vote', status: 'active', prompt_text: promptText, original_phrase: null, submitted_phrase: null, cost: 10 });

    await castVote(t, V[0]!, phrasesetId, ORIGINAL);
    expect(await view(t, V[0]!, `/rounds/${r.round_id}`)).toMatchObject({ status: 'submitted', submitted_phrase: ORIGINAL });
    expect(await view(t, V[0]!, '/player/current-round')).toEqual(NO_ROUND);
  });

  it('three votes: closing; the list shows vote counts and new activity', async () => {
    t.clock.advanceSeconds(10);
    expect(await vote(t, V[1]!, ORIGINAL)).toBe(phrasesetId);
    t.clock.advanceSeconds(10);
    expect(await vote(t, V[2]!, COPY1)).toBe(phrasesetId); // third vote at 12:02:50 → closes_at 12:12:50

    const item = (await list(A)).phrasesets[0];
    expect(item).toMatchObject({ phraseset_id: phrasesetId, status: 'closing', vote_count: 3, your_payout: null });
    expect(item.new_activity_count).toBeGreaterThan(0);

    const d = await details(A);
    expectSchema(PhrasesetDetailsSchema, d);
    expect(d).toMatchObject({ status: 'closing', vote_count: 3, third_vote_at: '2026-01-05T12:02:50.000Z', closes_at: '2026-01-05T12:12:50.000Z', results: null, total_pool: 200 + 30 - 40 });
    expect(d.votes.map((v: { voter_id: string; voted_phrase: string; correct: boolean }) => [v.voter_id, v.voted_phrase, v.correct])).toEqual([
      [V[0]!.id, ORIGINAL, true],
      [V[1]!.id, ORIGINAL, true],
      [V[2]!.id, COPY1, false],
    ]);
    expect(d.votes[0].voter_username).toBe(V[0]!.username);
  });

  it('closed but not final (a vote round still in time) still shows closing; the late vote then counts', async () => {
    t.clock.set('2026-01-05T12:12:40.000Z'); // 10 s before closes_at
    const r = await startVote(t, V[3]!);
    expect(r.phraseset_id).toBe(phrasesetId);
    t.clock.set('2026-01-05T12:13:00.000Z'); // closes_at passed; V3's round runs to 12:13:40 + grace
    await t.scheduler.runDue();
    const row = await t.database.db.selectFrom('phrasesets').select('status').where('id', '=', phrasesetId).executeTakeFirstOrThrow();
    expect(row.status).toBe('closed');

    expect((await list(A)).phrasesets[0]).toMatchObject({ status: 'closing', vote_count: 3 });
    expect(await details(A)).toMatchObject({ status: 'closing', results: null, your_payout: null });
    expect(await view(t, S, '/rounds/available')).toMatchObject({ can_vote: false, phrasesets_waiting: 0 });
    expect(await view(t, A, '/player/pending-results')).toEqual({ pending: [] });

    await castVote(t, V[3]!, phrasesetId, COPY2);
    expect((await list(A)).phrasesets[0]).toMatchObject({ vote_count: 4 });
  });

  it('finalized: results, pending, unclaimed and summary agree; dashboard equals the individual endpoints', async () => {
    t.clock.advanceSeconds(1);
    await t.scheduler.runDue();

    const item = (await list(A)).phrasesets[0];
    expect(item).toMatchObject({ status: 'finalized', vote_count: 4, your_payout: 66, result_viewed: false });

    const d = await details(A);
    expectSchema(PhrasesetDetailsSchema, d);
    expect(d.status).toBe('finalized');
    expect(d.finalized_at).toMatch(/Z$/);
    expect(d.results).toEqual({
      vote_counts: { [ORIGINAL]: 2, [COPY1]: 1, [COPY2]: 1 },
      payouts: {
        prompt: { player_id: A.id, payout: 66, points: 2 },
        copy1: { player_id: B.id, payout: 66, points: 2 },
        copy2: { player_id: C.id, payout: 66, points: 2 },
      },
      total_pool: 200,
    });
    expect(d).toMatchObject({ total_pool: 200, your_payout: 66, result_viewed: false });

    const pending = await view(t, A, '/player/pending-results');
    expectSchema(PendingResultsResponseSchema, pending);
    expect(pending).toEqual({ pending: [{ phraseset_id: phrasesetId, prompt_text: promptText, completed_at: d.finalized_at, role: 'prompt', result_viewed: false }] });

    const unclaimed = await view(t, B, '/player/unclaimed-results');
    expectSchema(UnclaimedResultsResponseSchema, unclaimed);
    expect(unclaimed).toEqual({
      unclaimed: [{ phraseset_id: phrasesetId, prompt_text: promptText, your_role: 'copy', your_phrase: COPY1, finalized_at: d.finalized_at, your_payout: 66 }],
      total_unclaimed_amount: 66,
    });

    const summary = await view(t, A, '/player/phrasesets/summary');
    expectSchema(PhrasesetSummarySchema, summary);
    expect(summary).toEqual({
      in_progress: { prompts: 0, copies: 0, unclaimed_prompts: 0, unclaimed_copies: 0 },
      finalized: { prompts: 1, copies: 0, unclaimed_prompts: 1, unclaimed_copies: 0 },
      total_unclaimed_amount: 66,
    });

    for (const p of [A, B]) {
      const dash = await expectDashboardMatches(p);
      expect(dash.player.is_guest).toBe(false);
      expect(dash.pending_results).toHaveLength(1);
    }
  });

  it('opening /results claims and marks viewed: pending and unclaimed empty; claim alone leaves it pending', async () => {
    const before = await balanceOf(t, A);
    const res = await get(t, A, `/phrasesets/${phrasesetId}/results`);
    expect(res.statusCode, res.body).toBe(200);
    expect(await balanceOf(t, A)).toBe(before + 66);
    expect(await view(t, A, '/player/pending-results')).toEqual({ pending: [] });
    expect(await view(t, A, '/player/unclaimed-results')).toEqual({ unclaimed: [], total_unclaimed_amount: 0 });
    expect(await view(t, A, '/player/phrasesets/summary')).toEqual({
      in_progress: { prompts: 0, copies: 0, unclaimed_prompts: 0, unclaimed_copies: 0 },
      finalized: { prompts: 1, copies: 0, unclaimed_prompts: 0, unclaimed_copies: 0 },
      total_unclaimed_amount: 0,
    });
    expect((await list(A)).phrasesets[0]).toMatchObject({ result_viewed: true, your_payout: 66 });
    expect(await details(A)).toMatchObject({ result_viewed: true, your_payout: 66 });

    const claim = await t.req({ method: 'POST', url: `/phrasesets/${phrasesetId}/claim`, token: B.token });
    expect(claim.statusCode, claim.body).toBe(200);
    expect(await view(t, B, '/player/unclaimed-results')).toEqual({ unclaimed: [], total_unclaimed_amount: 0 });
    expect(await view(t, B, '/player/phrasesets/summary')).toMatchObject({ finalized: { copies: 1, unclaimed_copies: 0 }, total_unclaimed_amount: 0 });
    expect((await view(t, B, '/player/pending-results')).pending).toEqual([expect.objectContaining({ phraseset_id: phrasesetId, role: 'copy', result_viewed: false })]);

    // C has not claimed: still unclaimed for C only.
    expect(await view(t, C, '/player/unclaimed-results')).toMatchObject({ total_unclaimed_amount: 66 });
    await expectLedgerBalanced(t.database);
  });

  it('a deleted contributor shows as "Deleted player"; no email ever appears', async () => {
    const del = await t.req({ method: 'DELETE', url: '/player/account', token: C.token, payload: { password: STRONG_PASSWORD } });
    expect(del.statusCode, del.body).toBe(204);
    const d = await details(A);
    expectSchema(PhrasesetDetailsSchema, d);
    expect(d.contributors[2]).toEqual({ player_id: C.id, username: 'Deleted player', pseudonym: 'Deleted player', is_you: false, phrase: COPY2 });
    for (const p of [A, B, C, ...V]) expect(JSON.stringify(d)).not.toContain(p.email!);
    await expectLedgerBalanced(t.database);
  });
});

describe('lazy expiry on read', () => {
  it('an overdue round is shown expired on read, before any scheduler sweep, and refunded', async () => {
    const p = await registerPlayer(t);
    const r = await startPrompt(t, p);
    expect(await balanceOf(t, p)).toBe(5000 - 100);
    expect((await view(t, p, '/player/current-round')).round_id).toBe(r.round_id);

    // Past expires_at but within grace: still active (submissions are still accepted).
    t.clock.advanceSeconds(180 + 2);
    expect((await view(t, p, '/player/current-round')).round_id).toBe(r.round_id);

    t.clock.advanceSeconds(4); // past expires_at + grace; no runDue
    const cur = await view(t, p, '/player/current-round');
    expect(cur).toEqual(NO_ROUND);
    expect(await view(t, p, `/rounds/${r.round_id}`)).toMatchObject({ status: 'expired', submitted_phrase: null });
    expect(await view(t, p, '/rounds/available')).toMatchObject({ current_round_id: null, can_prompt: true });
    expect(await balanceOf(t, p)).toBe(5000 - 100 + 95);

    const r2 = await startPrompt(t, p);
    t.clock.advanceSeconds(186);
    // The availability and dashboard reads expire it too.
    expect((await view(t, p, '/player/dashboard')).current_round).toEqual(NO_ROUND);
    expect(await view(t, p, `/rounds/${r2.round_id}`)).toMatchObject({ status: 'expired' });
    await expectLedgerBalanced(t.database);
  });
});
