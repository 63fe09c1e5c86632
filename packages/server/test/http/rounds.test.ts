import {
  AbandonRoundResponseSchema,
  GetPromptFeedbackResponseSchema,
  PromptFeedbackResponseSchema,
  StartCopyRoundResponseSchema,
  StartPromptRoundResponseSchema,
  StartVoteRoundResponseSchema,
} from '@quipflip/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OTHER_COPY_MESSAGE, significantWords } from '../../src/domain/phrases/index.ts';
import { createTestApp, expectLedgerBalanced, type TestApp } from '../helpers/app.ts';
import {
  bal,
  balances,
  castVote,
  copyPhraseFor,
  expectErr,
  get,
  phraseset,
  playSet,
  players,
  post,
  promptPhraseFor,
  relogin,
  resetQueues,
  roundRow,
  spend,
  startCopy,
  startPrompt,
  startVote,
  submit,
  voteOn,
  writeCopy,
  writePrompt,
  QUIET_AI,
} from '../helpers/game.ts';
import type { TestPlayer } from '../helpers/players.ts';
import { expectSchema } from '../helpers/schema.ts';

/** Starting, submitting and abandoning solo rounds over HTTP: every rule and error of SPEC §5 / Appendix A. */

let t: TestApp;
const START = 5000;
const MISSING = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await createTestApp({ config: QUIET_AI });
});
afterAll(async () => t.close());
afterEach(async () => {
  await expectLedgerBalanced(t.database);
  await resetQueues(t);
});

const one = async (tag: string) => (await players(t, 1, tag))[0]!;
const activeRounds = (p: TestPlayer) => t.database.db.selectFrom('rounds').select(['id', 'type']).where('player_id', '=', p.id).where('status', '=', 'active').execute();

describe('POST /rounds/prompt (SPEC §5.2)', () => {
  it('charges 100 at start, deals a prompt, answers the seed body, and schedules the expiry at expires_at + grace', async () => {
    const p = await one('prompt');
    const now = t.clock.now();
    const r = await startPrompt(t, p);
    expectSchema(StartPromptRoundResponseSchema, r);
    expect(Object.keys(r).sort()).toEqual(['cost', 'expires_at', 'prompt_text', 'round_id']);
    expect(r.cost).toBe(100);
    expect(r.expires_at).toBe(new Date(now.getTime() + 180_000).toISOString());
    expect(r.expires_at.endsWith('Z')).toBe(true);
    expect(await bal(t, p)).toBe(START - 100);
    const row = await roundRow(t, r.round_id);
    expect(row).toMatchObject({ type: 'prompt', status: 'active', cost: 100, prompt_text: r.prompt_text, party_session_id: null });
    const entry = await t.database.db.selectFrom('ledger_entries').selectAll().where('account_id', '=', p.id).where('type', '=', 'prompt_entry').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ amount: -100, balance_after: START - 100, reference_id: r.round_id });
    const job = await t.database.db.selectFrom('scheduled_jobs').selectAll().where('dedupe_key', '=', `round-expiry:${r.round_id}`).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ kind: 'round-expiry', subject_id: r.round_id });
    expect(job.due_at.toISOString()).toBe(new Date(now.getTime() + 185_000).toISOString());
  });

  it('409 already_in_round with the active round id; nothing charged', async () => {
    const p = await one('busy');
    const r = await startPrompt(t, p);
    for (const url of ['/rounds/prompt', '/rounds/copy', '/rounds/vote']) {
      const body = expectErr(await post(t, p, url), 409, 'already_in_round');
      expect(body.round_id).toBe(r.round_id);
    }
    expect(await bal(t, p)).toBe(START - 100);
    expect(await activeRounds(p)).toHaveLength(1);
  });

  it('400 max_outstanding_quips at the limit (guests: 3), before insufficient_balance (Appendix A order); nothing charged', async () => {
    const [g] = (await players(t, 1, 'guest')) as [TestPlayer];
    for (let i = 0; i < 3; i++) await writePrompt(t, g);
    expect(await t.deps.queries.outstandingPrompts(t.deps.db, g.id)).toBe(3);
    const b = await bal(t, g);
    const body = expectErr(await post(t, g, '/rounds/prompt'), 400, 'max_outstanding_quips');
    expect(body.message).toMatch(/3/);
    await spend(t, g, b - 50);
    expectErr(await post(t, g, '/rounds/prompt'), 400, 'max_outstanding_quips');
    expect(await bal(t, g)).toBe(50);
    expect(await activeRounds(g)).toHaveLength(0);
  });

  it('full accounts may hold MAX_OUTSTANDING_QUIPS (10) outstanding prompts; a finalized phraseset frees a place', async () => {
    const [p] = await players(t, 1, 'many', 'full');
    const [c1, c2] = await players(t, 2, 'manyc');
    const first = await playSet(t, p!, c1!, c2!);
    for (let i = 0; i < 9; i++) await writePrompt(t, p!, i);
    expect(await t.deps.queries.outstandingPrompts(t.deps.db, p!.id)).toBe(10);
    expectErr(await post(t, p!, '/rounds/prompt'), 400, 'max_outstanding_quips');
    const vs = await players(t, 3, 'manyv');
    for (const v of vs) await voteOn(t, v, first, 'copy2');
    t.clock.advanceSeconds(600);
    await t.scheduler.runDue();
    expect((await phraseset(t, first.phrasesetId)).status).toBe('finalized');
    expect(await t.deps.queries.outstandingPrompts(t.deps.db, p!.id)).toBe(9);
    await startPrompt(t, p!);
  });

  it('400 insufficient_balance below the prompt cost; nothing charged', async () => {
    const p = await one('poor');
    await spend(t, p, START - 99);
    expectErr(await post(t, p, '/rounds/prompt'), 400, 'insufficient_balance');
    expect(await bal(t, p)).toBe(99);
    expect(await activeRounds(p)).toHaveLength(0);
  });

  it('401 without a token', async () => {
    const res = await t.req({ method: 'POST', url: '/rounds/prompt' });
    expectErr(res, 401, 'missing_credentials');
  });

  it('an Idempotency-Key replays the answer and charges once', async () => {
    const p = await one('idem');
    const h = { 'idempotency-key': 'start-1' };
    const a = await post(t, p, '/rounds/prompt', undefined, h);
    const b = await post(t, p, '/rounds/prompt', undefined, h);
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    expect(b.json()).toEqual(a.json());
    expect(await bal(t, p)).toBe(START - 100);
    expect(await activeRounds(p)).toHaveLength(1);
  });
});

describe('POST /rounds/copy (SPEC §5.3)', () => {
  it('400 no_prompts_available with an empty queue, and for your own prompt; nothing charged', async () => {
    const p = await one('nocopy');
    expectErr(await post(t, p, '/rounds/copy'), 400, 'no_prompts_available');
    await writePrompt(t, p);
    const b = await bal(t, p);
    expectErr(await post(t, p, '/rounds/copy'), 400, 'no_prompts_available');
    expect(await bal(t, p)).toBe(b);
    expect(await activeRounds(p)).toHaveLength(0);
  });

  it('takes the oldest waiting prompt first and never shows the prompt text', async () => {
    const [w1, w2, c] = await players(t, 3, 'oldest');
    const p1 = await writePrompt(t, w1!);
    t.clock.advanceSeconds(1);
    await writePrompt(t, w2!);
    const r = await startCopy(t, c!);
    expectSchema(StartCopyRoundResponseSchema, r);
    expect(r).toMatchObject({ prompt_round_id: p1.roundId, original_phrase: p1.phrase, cost: 50, discount_active: false });
    expect(JSON.stringify(r)).not.toContain(p1.promptText);
    expect(await bal(t, c!)).toBe(START - 50);
    expect((await roundRow(t, p1.roundId)).copies_claimed).toBe(1);
  });

  it('a prompt you already copied is not offered again; a prompt with two copies claimed is not offered', async () => {
    const [w, c1, c2, c3] = await players(t, 4, 'twice');
    const p = await writePrompt(t, w!);
    await writeCopy(t, c1!);
    expectErr(await post(t, c1!, '/rounds/copy'), 400, 'no_prompts_available');
    const r2 = await startCopy(t, c2!); // second slot claimed (active)
    expect(r2.prompt_round_id).toBe(p.roundId);
    expectErr(await post(t, c3!, '/rounds/copy'), 400, 'no_prompts_available');
    expect(await bal(t, c3!)).toBe(START);
  });

  it('order: no_prompts_available before price_changed before insufficient_balance', async () => {
    const [w, c] = await players(t, 2, 'order');
    await spend(t, c!, START - 10);
    expectErr(await post(t, c!, '/rounds/copy', { expected_cost: 40 }), 400, 'no_prompts_available');
    await writePrompt(t, w!);
    const body = expectErr(await post(t, c!, '/rounds/copy', { expected_cost: 40 }), 409, 'price_changed');
    expect(body.copy_cost).toBe(50);
    expectErr(await post(t, c!, '/rounds/copy', { expected_cost: 50 }), 400, 'insufficient_balance');
    expectErr(await post(t, c!, '/rounds/copy'), 400, 'insufficient_balance');
    expect(await bal(t, c!)).toBe(10);
    expect(await activeRounds(c!)).toHaveLength(0);
  });

  it('validates the optional body', async () => {
    const c = await one('badbody');
    expectErr(await post(t, c, '/rounds/copy', { expected_cost: -1 }), 400, 'validation_error', expect.stringContaining('expected_cost') as unknown as string);
    expectErr(await post(t, c, '/rounds/copy', { expected_cost: 'cheap' }), 400, 'validation_error', expect.stringContaining('expected_cost') as unknown as string);
    expectErr(await post(t, c, '/rounds/copy', { nope: 1 }), 400, 'validation_error', expect.stringContaining('nope') as unknown as string);
    expect(await bal(t, c)).toBe(START);
  });
});

describe('POST /rounds/vote (SPEC §5.4)', () => {
  it('400 no_phrasesets_available; writers never get their own set; insufficient_balance comes last', async () => {
    const [w, c1, c2, v] = await players(t, 4, 'novote');
    expectErr(await post(t, v!, '/rounds/vote'), 400, 'no_phrasesets_available');
    await playSet(t, w!, c1!, c2!);
    const before = await balances(t, [w!, c1!, c2!]);
    for (const p of [w!, c1!, c2!]) expectErr(await post(t, p, '/rounds/vote'), 400, 'no_phrasesets_available');
    expect(await balances(t, [w!, c1!, c2!])).toEqual(before);
    await spend(t, v!, START - 9);
    expectErr(await post(t, v!, '/rounds/vote'), 400, 'insufficient_balance');
    expect(await bal(t, v!)).toBe(9);
    const ps = await t.database.db.selectFrom('phrasesets').select('vote_slots_taken').where('prompt_round_id', 'in', t.database.db.selectFrom('rounds').select('id').where('player_id', '=', w!.id)).executeTakeFirstOrThrow();
    expect(ps.vote_slots_taken).toBe(0); // the refused start released its reservation
  });

  it('charges 10, reserves a slot, answers the seed body plus cost, and fixes the phrase order for the round', async () => {
    const [w, c1, c2] = await players(t, 3, 'vote');
    const set = await playSet(t, w!, c1!, c2!);
    const voters = await players(t, 6, 'voteorder');
    const orders = new Set<string>();
    for (const v of voters) {
      const r = await startVote(t, v);
      expectSchema(StartVoteRoundResponseSchema, r);
      expect(r).toMatchObject({ phraseset_id: set.phrasesetId, prompt_text: set.promptText, cost: 10 });
      expect((await roundRow(t, r.round_id)).phrase_order).toEqual(r.phrases);
      orders.add(r.phrases.join('|'));
      expect(await bal(t, v)).toBe(START - 10);
    }
    expect(orders.size).toBeGreaterThan(1); // shuffled per round
    expect((await phraseset(t, set.phrasesetId)).vote_slots_taken).toBe(6);
  });

  it('priority: 5+ votes (oldest fifth) before 3–4 votes (oldest third) before the rest; never a set you voted on', async () => {
    const ws = await players(t, 9, 'prio');
    const sets = [await playSet(t, ws[0]!, ws[1]!, ws[2]!), await playSet(t, ws[3]!, ws[4]!, ws[5]!), await playSet(t, ws[6]!, ws[7]!, ws[8]!)];
    const ids = sets.map((s) => s.phrasesetId);
    const vs = await players(t, 14, 'prioV');
    const tier = (n: number) => (n >= 5 ? 0 : n >= 3 ? 1 : 2);
    const tiersSeen = new Set<number>();
    for (const [i, v] of vs.entries()) {
      const snapshot = await Promise.all(ids.map((id) => phraseset(t, id)));
      const best = Math.min(...snapshot.map((s) => tier(s.vote_count)));
      const r = await startVote(t, v);
      const got = snapshot.find((s) => s.id === r.phraseset_id)!;
      expect(got, 'dealt one of the sets').toBeDefined();
      expect(tier(got.vote_count)).toBe(best);
      tiersSeen.add(best);
      if (best < 2) {
        const same = snapshot.filter((s) => tier(s.vote_count) === best);
        const key = (s: (typeof snapshot)[number]) => (best === 0 ? s.fifth_vote_at! : s.third_vote_at!).getTime();
        expect(key(got)).toBe(Math.min(...same.map(key)));
      }
      await castVote(t, v, r.phraseset_id, r.phrases[i % 3]!);
    }
    expect([...tiersSeen].sort()).toEqual([0, 1, 2]);
    // A voter is never dealt a set they already voted on.
    const mine = await t.database.db.selectFrom('votes').select('phraseset_id').where('player_id', '=', vs[0]!.id).executeTakeFirstOrThrow();
    const again = await startVote(t, vs[0]!);
    expect(again.phraseset_id).not.toBe(mine.phraseset_id);
  });

  it('a set whose slots are all reserved is not dealt (votes + active vote rounds < VOTE_MAX_VOTES)', async () => {
    const small = await createTestApp({ config: { ...QUIET_AI, VOTE_MAX_VOTES: 3 } });
    try {
      const [w, c1, c2, v1, v2, v3, v4] = await players(small, 7, 'slots');
      const set = await playSet(small, w!, c1!, c2!);
      for (const v of [v1, v2, v3]) expect((await startVote(small, v!)).phraseset_id).toBe(set.phrasesetId);
      expect((await phraseset(small, set.phrasesetId)).vote_slots_taken).toBe(3);
      expectErr(await post(small, v4!, '/rounds/vote'), 400, 'no_phrasesets_available');
      expect(await bal(small, v4!)).toBe(START);
      await expectLedgerBalanced(small.database);
    } finally {
      await small.close();
    }
  });
});

describe('POST /rounds/{round_id}/submit (SPEC §5.5)', () => {
  it('404 not_found for a missing round and for someone else\'s round (existence not leaked)', async () => {
    const [a, b] = await players(t, 2, 'notyours');
    const r = await startPrompt(t, a!);
    expectErr(await post(t, b!, `/rounds/${MISSING}/submit`, { phrase: 'banana' }), 404, 'not_found');
    expectErr(await post(t, b!, `/rounds/${r.round_id}/submit`, { phrase: promptPhraseFor(r.prompt_text) }), 404, 'not_found');
    expect((await roundRow(t, r.round_id)).status).toBe('active');
  });

  it('400 invalid_round_type for a vote round', async () => {
    const [w, c1, c2, v] = await players(t, 4, 'rt');
    const set = await playSet(t, w!, c1!, c2!);
    const r = await startVote(t, v!);
    expectErr(await post(t, v!, `/rounds/${r.round_id}/submit`, { phrase: set.original }), 400, 'invalid_round_type');
    expectErr(await post(t, v!, `/rounds/${r.round_id}/abandon`), 400, 'invalid_round_type');
    expect(await bal(t, v!)).toBe(START - 10);
    expect((await roundRow(t, r.round_id)).status).toBe('active');
  });

  it('409 round_not_active once submitted; the phrase is not changed', async () => {
    const p = await one('twice');
    const w = await writePrompt(t, p);
    const body = expectErr(await post(t, p, `/rounds/${w.roundId}/submit`, { phrase: 'guitar' }), 409, 'round_not_active');
    expect(body.detail).toBe('round_not_active');
    expect((await roundRow(t, w.roundId)).submitted_phrase).toBe(w.phrase);
  });

  it('accepts a submission within the grace period; 400 expired after it (and the refund happens once)', async () => {
    const [a, b] = await players(t, 2, 'grace');
    const ra = await startPrompt(t, a!);
    const rb = await startPrompt(t, b!);
    t.clock.advanceSeconds(184);
    expect(await submit(t, a!, ra.round_id, promptPhraseFor(ra.prompt_text))).toMatchObject({ success: true });
    t.clock.advanceSeconds(1);
    expectErr(await post(t, b!, `/rounds/${rb.round_id}/submit`, { phrase: promptPhraseFor(rb.prompt_text) }), 400, 'expired');
    expect(await roundRow(t, rb.round_id)).toMatchObject({ status: 'expired', submitted_phrase: null });
    expect(await bal(t, b!)).toBe(START - 100 + 95);
    expectErr(await post(t, b!, `/rounds/${rb.round_id}/submit`, { phrase: promptPhraseFor(rb.prompt_text) }), 400, 'expired');
    await t.scheduler.runDue();
    expect(await bal(t, b!)).toBe(START - 100 + 95);
  });

  it('400 invalid_phrase with a message; the round stays active and can be retried', async () => {
    const p = await one('invalid');
    const r = await startPrompt(t, p);
    for (const bad of ['qzxv', 'one two three four five six', '12345', '', 'a'.repeat(16)]) {
      const body = expectErr(await post(t, p, `/rounds/${r.round_id}/submit`, { phrase: bad }), 400, 'invalid_phrase');
      expect(typeof body.message).toBe('string');
    }
    // A significant word of the prompt is refused too.
    const word = significantWords(r.prompt_text)[0];
    expect(word, r.prompt_text).toBeDefined();
    expectErr(await post(t, p, `/rounds/${r.round_id}/submit`, { phrase: word! }), 400, 'invalid_phrase');
    expect((await roundRow(t, r.round_id)).status).toBe('active');
    expect(await bal(t, p)).toBe(START - 100);
    await submit(t, p, r.round_id, promptPhraseFor(r.prompt_text));
  });

  it('copies: 400 duplicate_phrase against the original and against the other copy (without quoting it)', async () => {
    const [w, c1, c2] = await players(t, 3, 'dup');
    const p = await writePrompt(t, w!);
    const r1 = await startCopy(t, c1!);
    const dup = expectErr(await post(t, c1!, `/rounds/${r1.round_id}/submit`, { phrase: p.phrase.toLowerCase() }), 400, 'duplicate_phrase');
    expect(dup.message).toBeTruthy();
    const copy1 = copyPhraseFor(p.phrase);
    await submit(t, c1!, r1.round_id, copy1);
    const r2 = await startCopy(t, c2!);
    const other = expectErr(await post(t, c2!, `/rounds/${r2.round_id}/submit`, { phrase: copy1 }), 400, 'duplicate_phrase');
    expect(other.message).toBe(OTHER_COPY_MESSAGE);
    expect(JSON.stringify(other)).not.toContain(copy1);
    expect((await roundRow(t, r2.round_id)).status).toBe('active');
    expect(await t.database.db.selectFrom('phrasesets').select('id').where('prompt_round_id', '=', p.roundId).execute()).toHaveLength(0);
    await submit(t, c2!, r2.round_id, copyPhraseFor(p.phrase, copy1, 3));
    const ps = await t.database.db.selectFrom('phrasesets').selectAll().where('prompt_round_id', '=', p.roundId).executeTakeFirstOrThrow();
    expect(ps).toMatchObject({ copy_phrase_1: copy1, status: 'open', pool_amount: 200, party_session_id: null });
    const contributors = await t.database.db.selectFrom('phraseset_contributors').select(['role', 'player_id']).where('phraseset_id', '=', ps.id).orderBy('role').execute();
    expect(contributors).toEqual([
      { role: 'copy1', player_id: c1!.id },
      { role: 'copy2', player_id: c2!.id },
      { role: 'prompt', player_id: w!.id },
    ]);
    const activity = await t.database.db.selectFrom('phraseset_activity').select(['activity_type', 'phraseset_id']).where('prompt_round_id', '=', p.roundId).orderBy('created_at').orderBy('activity_type').execute();
    expect(activity.map((a) => a.activity_type).sort()).toEqual(['copy_submitted', 'copy_submitted', 'phraseset_created', 'prompt_submitted']);
    expect(activity.every((a) => a.phraseset_id === ps.id)).toBe(true);
  });

  it('400 validation_error without a phrase', async () => {
    const p = await one('nophrase');
    const r = await startPrompt(t, p);
    expectErr(await post(t, p, `/rounds/${r.round_id}/submit`, {}), 400, 'validation_error', 'body.phrase: is required');
    expectErr(await post(t, p, `/rounds/not-a-uuid/submit`, { phrase: 'x' }), 400, 'validation_error', expect.stringContaining('round_id') as unknown as string);
  });
});

describe('POST /rounds/{round_id}/abandon (SPEC §5.7)', () => {
  it('refunds cost − 5 and frees the player', async () => {
    const p = await one('abandon');
    const r = await startPrompt(t, p);
    const res = await post(t, p, `/rounds/${r.round_id}/abandon`);
    expect(res.statusCode, res.body).toBe(200);
    expectSchema(AbandonRoundResponseSchema, res.json());
    expect(res.json()).toMatchObject({ round_id: r.round_id, round_type: 'prompt', status: 'abandoned', refund_amount: 95, penalty_kept: 5, new_balance: START - 5 });
    expect(await bal(t, p)).toBe(START - 5);
    expect(await roundRow(t, r.round_id)).toMatchObject({ status: 'abandoned' });
    const refund = await t.database.db.selectFrom('ledger_entries').selectAll().where('account_id', '=', p.id).where('type', '=', 'refund').executeTakeFirstOrThrow();
    expect(refund).toMatchObject({ amount: 95, reference_id: r.round_id, balance_after: START - 5 });
    await startPrompt(t, p);
    // Abandoning again: the round is over.
    expectErr(await post(t, p, `/rounds/${r.round_id}/abandon`), 409, 'round_not_active');
    expectErr(await post(t, p, `/rounds/${MISSING}/abandon`), 404, 'not_found');
  });

  it('an abandoned copy returns its prompt to the queue; the abandoner may not take it again for 24 h', async () => {
    const [w, c, other] = await players(t, 3, 'cool');
    const p = await writePrompt(t, w!);
    const r = await startCopy(t, c!);
    expect((await roundRow(t, p.roundId)).copies_claimed).toBe(1);
    expect((await post(t, c!, `/rounds/${r.round_id}/abandon`)).json()).toMatchObject({ refund_amount: 45, round_type: 'copy', new_balance: START - 5 });
    expect((await roundRow(t, p.roundId)).copies_claimed).toBe(0);
    expectErr(await post(t, c!, '/rounds/copy'), 400, 'no_prompts_available');
    // Tokens last 2 h: after moving the clock a day the players sign in again.
    t.clock.advanceSeconds(24 * 3600 - 1);
    const c2 = await relogin(t, c!);
    expectErr(await post(t, c2, '/rounds/copy'), 400, 'no_prompts_available');
    t.clock.advanceSeconds(1);
    expect((await startCopy(t, c2)).prompt_round_id).toBe(p.roundId);
    const o2 = await relogin(t, other!);
    expect((await startCopy(t, o2)).prompt_round_id).toBe(p.roundId);
  });
});

describe('prompt feedback (seed: POST/GET /rounds/{round_id}/feedback)', () => {
  it('upserts like/dislike on your own prompt round and reads it back', async () => {
    const [p, q] = await players(t, 2, 'fb');
    const w = await writePrompt(t, p!);
    const none = await get(t, p!, `/rounds/${w.roundId}/feedback`);
    expect(none.json()).toEqual({ feedback_type: null, feedback_id: null, last_updated_at: null });
    const like = await post(t, p!, `/rounds/${w.roundId}/feedback`, { feedback_type: 'like' });
    expect(like.statusCode).toBe(200);
    expectSchema(PromptFeedbackResponseSchema, like.json());
    expect(like.json()).toEqual({ success: true, feedback_type: 'like', message: 'Feedback submitted successfully' });
    const first = (await get(t, p!, `/rounds/${w.roundId}/feedback`)).json();
    expectSchema(GetPromptFeedbackResponseSchema, first);
    expect(first).toMatchObject({ feedback_type: 'like', last_updated_at: t.clock.now().toISOString() });
    t.clock.advanceSeconds(5);
    await post(t, p!, `/rounds/${w.roundId}/feedback`, { feedback_type: 'dislike' });
    const second = (await get(t, p!, `/rounds/${w.roundId}/feedback`)).json();
    expect(second).toEqual({ feedback_type: 'dislike', feedback_id: first.feedback_id, last_updated_at: t.clock.now().toISOString() });
    expectErr(await post(t, q!, `/rounds/${w.roundId}/feedback`, { feedback_type: 'like' }), 404, 'not_found');
    expectErr(await get(t, q!, `/rounds/${w.roundId}/feedback`), 404, 'not_found');
    expectErr(await post(t, p!, `/rounds/${w.roundId}/feedback`, { feedback_type: 'love' }), 400, 'validation_error', expect.stringContaining('feedback_type') as unknown as string);
  });

  it('400 invalid_round_type for copy rounds', async () => {
    const [w, c] = await players(t, 2, 'fbc');
    await writePrompt(t, w!);
    const r = await startCopy(t, c!);
    expectErr(await post(t, c!, `/rounds/${r.round_id}/feedback`, { feedback_type: 'like' }), 400, 'invalid_round_type');
    expectErr(await get(t, c!, `/rounds/${r.round_id}/feedback`), 400, 'invalid_round_type');
  });
});

describe('account deletion (SPEC §2.8)', () => {
  it('abandons the active round with refund minus penalty; an abandoned copy returns to the queue; prizes stay put', async () => {
    const [w, c] = await players(t, 2, 'del', 'full');
    const [other] = await players(t, 1, 'del-o');
    const p = await writePrompt(t, w!);
    await startCopy(t, c!);
    const res = await t.req({ method: 'DELETE', url: '/player/account', token: c!.token, payload: { password: c!.password } });
    expect(res.statusCode, res.body).toBe(204);
    expect(await bal(t, c!)).toBe(START - 5);
    const copies = await t.database.db.selectFrom('rounds').select(['status']).where('player_id', '=', c!.id).execute();
    expect(copies).toEqual([{ status: 'abandoned' }]);
    expect((await roundRow(t, p.roundId)).copies_claimed).toBe(0);
    expect((await startCopy(t, other!)).prompt_round_id).toBe(p.roundId);
  });
});
