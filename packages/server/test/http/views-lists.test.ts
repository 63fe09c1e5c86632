import { CurrentRoundResponseSchema, DashboardResponseSchema, PhrasesetListResponseSchema, RoundAvailabilitySchema } from '@quipflip/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectLedgerBalanced, type TestApp } from '../helpers/app.ts';
import { createGuest, registerPlayer, type TestPlayer } from '../helpers/players.ts';
import { expectSchema } from '../helpers/schema.ts';
import { get, startCopy, submit, view, vote, writeCopy, writePrompt } from './views-helpers.ts';

/**
 * /player/phrasesets filters and pagination, availability counts per player, the global copy
 * discount, and the guest outstanding-prompt limit. COPY_DISCOUNT_THRESHOLD is 1 here, so the
 * discount is on while more than one prompt waits for copies.
 */

let t: TestApp;
let A: TestPlayer;
let B: TestPlayer;
let C: TestPlayer;
let D: TestPlayer;
const P: string[] = []; // A's prompt round ids, oldest first
let PB: string; // B's prompt round id
let copyA: string; // A's copy round (of PB)

const list = async (qs = '') => {
  const b = await view(t, A, `/player/phrasesets${qs}`);
  expectSchema(PhrasesetListResponseSchema, b);
  return b as { phrasesets: Array<Record<string, any>>; total: number; has_more: boolean };
};
const ids = (b: { phrasesets: Array<Record<string, any>> }) => b.phrasesets.map((p) => p.prompt_round_id as string);

beforeAll(async () => {
  t = await createTestApp({ clockStart: '2026-02-01T08:00:00.000Z', config: { COPY_DISCOUNT_THRESHOLD: 1 } });
  [A, B, C, D] = [await registerPlayer(t), await registerPlayer(t), await registerPlayer(t), await registerPlayer(t)];
});
afterAll(async () => t?.close());

describe('availability counts and the copy discount', () => {
  it('prompts_waiting is per player; the discount follows the global queue', async () => {
    P.push((await writePrompt(t, A, 'BIG DOG')).round_id);
    t.clock.advanceSeconds(10);
    // One waiting prompt: not more than the threshold (1) → no discount.
    expect(await view(t, B, '/rounds/available')).toMatchObject({ prompts_waiting: 1, copy_discount_active: false, copy_cost: 50, can_copy: true });

    P.push((await writePrompt(t, A, 'HOT TEA')).round_id);
    t.clock.advanceSeconds(10);
    P.push((await writePrompt(t, A, 'OLD MAN')).round_id);
    t.clock.advanceSeconds(10);
    PB = (await writePrompt(t, B, 'FUN DAY')).round_id;
    t.clock.advanceSeconds(10);

    const a = await view(t, A, '/rounds/available');
    expectSchema(RoundAvailabilitySchema, a);
    expect(a).toMatchObject({ prompts_waiting: 1, copy_discount_active: true, copy_cost: 40, can_copy: true, can_prompt: true, can_vote: false, phrasesets_waiting: 0 });
    expect(await view(t, B, '/rounds/available')).toMatchObject({ prompts_waiting: 3, copy_discount_active: true, copy_cost: 40 });
    expect(await view(t, C, '/rounds/available')).toMatchObject({ prompts_waiting: 4, copy_discount_active: true, copy_cost: 40 });
  });

  it('during a copy round: the copy state carries the discount, every can_* is false', async () => {
    const c = await startCopy(t, A);
    copyA = c.round_id;
    expect(c.prompt_round_id).toBe(PB);
    const cur = await view(t, A, '/player/current-round');
    expectSchema(CurrentRoundResponseSchema, cur);
    expect(cur.state).toEqual({ round_id: c.round_id, status: 'active', expires_at: c.expires_at, cost: 40, original_phrase: 'FUN DAY', discount_active: true });
    expect(await view(t, A, '/rounds/available')).toMatchObject({ can_prompt: false, can_copy: false, can_vote: false, current_round_id: c.round_id });
    t.clock.advanceSeconds(10);
    await submit(t, A, c.round_id, 'TOY CAR');
    t.clock.advanceSeconds(10);
  });

  it('GET /rounds/available is not mistaken for /rounds/{round_id}; a malformed id is a validation error', async () => {
    const av = await get(t, A, '/rounds/available');
    expect(av.statusCode).toBe(200);
    expectSchema(RoundAvailabilitySchema, av.json());
    const bad = await get(t, A, '/rounds/not-a-uuid');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'validation_error' });
  });
});

describe('GET /player/phrasesets filters and pagination', () => {
  it('prepares: P1 gets both copies (voting); P2, P3 wait; A has one copy waiting for its pair', async () => {
    await writeCopy(t, C, 'RED CAT'); // oldest eligible: P1
    t.clock.advanceSeconds(10);
    await writeCopy(t, D, 'WET HEN'); // P1 again (one slot left) → phraseset
    t.clock.advanceSeconds(10);
    const all = await list();
    // Newest contribution first: A's copy of PB, then P3, P2, P1.
    expect(ids(all)).toEqual([PB, P[2], P[1], P[0]]);
    expect(all.phrasesets.map((p) => [p.your_role, p.status])).toEqual([
      ['copy', 'waiting_copy1'],
      ['prompt', 'waiting_copies'],
      ['prompt', 'waiting_copies'],
      ['prompt', 'voting'],
    ]);
    expect(all).toMatchObject({ total: 4, has_more: false });
    expect(all.phrasesets[0]).toMatchObject({ phraseset_id: null, prompt_text: null });
    expect(all.phrasesets[3]!.phraseset_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await view(t, A, '/player/phrasesets/summary')).toEqual({
      in_progress: { prompts: 3, copies: 1, unclaimed_prompts: 0, unclaimed_copies: 0 },
      finalized: { prompts: 0, copies: 0, unclaimed_prompts: 0, unclaimed_copies: 0 },
      total_unclaimed_amount: 0,
    });
  });

  it('role filter', async () => {
    expect(await list('?role=prompt')).toMatchObject({ total: 3, has_more: false });
    expect(ids(await list('?role=prompt'))).toEqual([P[2], P[1], P[0]]);
    const copies = await list('?role=copy');
    expect(copies).toMatchObject({ total: 1, has_more: false });
    expect(copies.phrasesets[0]).toMatchObject({ prompt_round_id: PB, your_role: 'copy', status: 'waiting_copy1', has_copy1: true, has_copy2: false });
    expect(ids(await list('?role=all'))).toEqual([PB, P[2], P[1], P[0]]);
  });

  it('status filter (alone and with role)', async () => {
    expect(ids(await list('?status=waiting_copies'))).toEqual([P[2], P[1]]);
    expect(ids(await list('?status=waiting_copy1'))).toEqual([PB]);
    expect(ids(await list('?status=voting'))).toEqual([P[0]]);
    expect(await list('?status=closing')).toEqual({ phrasesets: [], total: 0, has_more: false });
    expect(await list('?status=finalized')).toEqual({ phrasesets: [], total: 0, has_more: false });
    expect(await list('?role=prompt&status=waiting_copy1')).toEqual({ phrasesets: [], total: 0, has_more: false });
    expect(ids(await list('?role=copy&status=all'))).toEqual([PB]);
  });

  it('pagination: total counts every match, has_more says whether a next page exists', async () => {
    const p1 = await list('?limit=2');
    expect(ids(p1)).toEqual([PB, P[2]]);
    expect(p1).toMatchObject({ total: 4, has_more: true });
    const p2 = await list('?limit=2&offset=2');
    expect(ids(p2)).toEqual([P[1], P[0]]);
    expect(p2).toMatchObject({ total: 4, has_more: false });
    expect(await list('?limit=2&offset=4')).toEqual({ phrasesets: [], total: 4, has_more: false });
    const one = await list('?role=prompt&limit=1&offset=1');
    expect(ids(one)).toEqual([P[1]]);
    expect(one).toMatchObject({ total: 3, has_more: true });
    expect(ids(await list('?limit=100&offset=3'))).toEqual([P[0]]);
  });

  it('rejects bad query values with 400 validation_error', async () => {
    for (const qs of ['role=voter', 'status=open', 'status=closed', 'limit=0', 'limit=101', 'offset=-1', 'limit=abc']) {
      const res = await get(t, A, `/player/phrasesets?${qs}`);
      expect(res.statusCode, qs).toBe(400);
      expect(res.json(), qs).toMatchObject({ code: 'validation_error' });
    }
  });

  it('other players see only their own contributions', async () => {
    const b = await view(t, B, '/player/phrasesets');
    expect(b.phrasesets.map((p: Record<string, unknown>) => [p.prompt_round_id, p.your_role, p.status, p.has_copy1])).toEqual([[PB, 'prompt', 'waiting_copy1', true]]);
    const c = await view(t, C, '/player/phrasesets');
    expect(c.phrasesets.map((p: Record<string, unknown>) => [p.prompt_round_id, p.your_role, p.status])).toEqual([[P[0], 'copy', 'voting']]);
    expect(copyA).toBeDefined();
    await expectLedgerBalanced(t.database);
  });
});

describe('lazy phraseset advance on read', () => {
  it('a phraseset past its window is finalized by the read itself, before any scheduler sweep', async () => {
    const voters = [await registerPlayer(t), await registerPlayer(t), await registerPlayer(t)];
    const id = (await list('?status=voting')).phrasesets[0]!.phraseset_id as string;
    for (const [i, v] of voters.entries()) {
      expect(await vote(t, v, i === 0 ? 'BIG DOG' : 'RED CAT')).toBe(id);
      t.clock.advanceSeconds(5);
    }
    expect((await list('?status=closing')).phrasesets).toEqual([expect.objectContaining({ phraseset_id: id, prompt_round_id: P[0], vote_count: 3 })]);

    t.clock.advanceSeconds(600); // past closes_at; no runDue
    const stored = async () => (await t.database.db.selectFrom('phrasesets').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
    expect(await stored()).toBe('closing');

    const finalized = await list('?status=finalized');
    expect(ids(finalized)).toEqual([P[0]]);
    expect(await stored()).toBe('finalized');
    // pool 200 + 30 − 20 = 210; points: original 1, copy (RED CAT) 2×2 = 4 → 42 / 168 / 0.
    expect(finalized.phrasesets[0]).toMatchObject({ status: 'finalized', vote_count: 3, your_payout: 42, result_viewed: false });
    expect(await view(t, C, '/player/unclaimed-results')).toMatchObject({ total_unclaimed_amount: 168 });
    // D's copy drew no votes: a zero payout is still an unclaimed result (amount 0).
    expect(await view(t, D, '/player/unclaimed-results')).toMatchObject({ unclaimed: [expect.objectContaining({ phraseset_id: id, your_payout: 0, your_phrase: 'WET HEN' })], total_unclaimed_amount: 0 });
    expect(await view(t, A, '/player/phrasesets/summary')).toEqual({
      in_progress: { prompts: 2, copies: 1, unclaimed_prompts: 0, unclaimed_copies: 0 },
      finalized: { prompts: 1, copies: 0, unclaimed_prompts: 1, unclaimed_copies: 0 },
      total_unclaimed_amount: 42,
    });
    await expectLedgerBalanced(t.database);
  });
});

describe('guests', () => {
  it('a guest with 3 outstanding prompts cannot prompt; the dashboard says is_guest', async () => {
    const g = await createGuest(t);
    for (const phrase of ['BIG SKY', 'SAD OWL', 'TIN CAN']) {
      await writePrompt(t, g, phrase);
      t.clock.advanceSeconds(5);
    }
    const dash = await view(t, g, '/player/dashboard');
    expectSchema(DashboardResponseSchema, dash);
    expect(dash.player.is_guest).toBe(true);
    expect(dash.round_availability).toMatchObject({ can_prompt: false, can_copy: true, current_round_id: null });
    expect(dash.phraseset_summary.in_progress).toEqual({ prompts: 3, copies: 0, unclaimed_prompts: 0, unclaimed_copies: 0 });
    expect(await view(t, g, '/rounds/available')).toEqual(dash.round_availability);
    await expectLedgerBalanced(t.database);
  });
});
