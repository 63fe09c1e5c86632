import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inTx } from '../../src/db/tx.ts';
import { createRoundInTx } from '../../src/services/rounds.ts';
import { createTestApp, expectLedgerBalanced, type TestApp } from '../helpers/app.ts';
import { bal, balances, castVote, expectErr, get, phraseset, playSet, players, post, resetQueues, roundRow, startPrompt, startVote, voteOn, type PlayedSet, QUIET_AI } from '../helpers/game.ts';
import type { TestPlayer } from '../helpers/players.ts';

/** Votes, results and claims: every error of SPEC Appendix A "Voting" and "Phraseset reads", balances unchanged. */

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

async function freshSet(tag: string): Promise<{ set: PlayedSet; writers: TestPlayer[] }> {
  const writers = await players(t, 3, tag);
  return { set: await playSet(t, writers[0]!, writers[1]!, writers[2]!), writers };
}

describe('POST /phrasesets/{id}/vote errors (Appendix A order)', () => {
  it('404 phraseset_not_found', async () => {
    const [v] = await players(t, 1, 'v404');
    expectErr(await post(t, v!, `/phrasesets/${MISSING}/vote`, { phrase: 'X' }), 404, 'phraseset_not_found', 'Phraseset not found');
  });

  it('400 no_active_vote_round without a round, 400 not_in_vote_round during a prompt round', async () => {
    const { set } = await freshSet('nav');
    const [v] = await players(t, 1, 'nav-v');
    expectErr(await post(t, v!, `/phrasesets/${set.phrasesetId}/vote`, { phrase: set.original }), 400, 'no_active_vote_round', 'No active vote round');
    await startPrompt(t, v!);
    const b = await bal(t, v!);
    expectErr(await post(t, v!, `/phrasesets/${set.phrasesetId}/vote`, { phrase: set.original }), 400, 'not_in_vote_round', 'Not in a vote round');
    expect(await bal(t, v!)).toBe(b);
    expect((await phraseset(t, set.phrasesetId)).vote_count).toBe(0);
  });

  it('400 phraseset_mismatch when the active vote round is on another set', async () => {
    const a = await freshSet('mis-a');
    const b = await freshSet('mis-b');
    const [v] = await players(t, 1, 'mis-v');
    const r = await startVote(t, v!);
    const other = r.phraseset_id === a.set.phrasesetId ? b.set : a.set;
    expectErr(await post(t, v!, `/phrasesets/${other.phrasesetId}/vote`, { phrase: other.original }), 400, 'phraseset_mismatch', 'Phraseset does not match active round');
    expect(await bal(t, v!)).toBe(START - 10);
    expect((await roundRow(t, r.round_id)).status).toBe('active');
  });

  it('400 expired past the grace period: the round is refunded (minus penalty) once and the slot freed', async () => {
    const { set } = await freshSet('exp');
    const [v] = await players(t, 1, 'exp-v');
    const r = await startVote(t, v!);
    t.clock.advanceSeconds(64);
    // Still within grace: a wrong phrase is rejected as such.
    expectErr(await post(t, v!, `/phrasesets/${set.phrasesetId}/vote`, { phrase: 'NOT SHOWN' }), 400, 'invalid_phrase');
    t.clock.advanceSeconds(1);
    expectErr(await post(t, v!, `/phrasesets/${set.phrasesetId}/vote`, { phrase: set.original }), 400, 'expired');
    expectErr(await post(t, v!, `/phrasesets/${set.phrasesetId}/vote`, { phrase: set.original }), 400, 'expired');
    expect(await bal(t, v!)).toBe(START - 10 + 5);
    expect(await roundRow(t, r.round_id)).toMatchObject({ status: 'expired' });
    expect(await phraseset(t, set.phrasesetId)).toMatchObject({ vote_count: 0, vote_slots_taken: 0, pool_amount: 200 });
  });

  it('400 invalid_phrase for a phrase not shown; the round stays active and the retry counts', async () => {
    const { set } = await freshSet('inv');
    const [v] = await players(t, 1, 'inv-v');
    await startVote(t, v!);
    const body = expectErr(await post(t, v!, `/phrasesets/${set.phrasesetId}/vote`, { phrase: 'SOMETHING ELSE' }), 400, 'invalid_phrase');
    expect(body.message).toBeTruthy();
    expect(await phraseset(t, set.phrasesetId)).toMatchObject({ vote_count: 0, pool_amount: 200 });
    const ok = await castVote(t, v!, set.phrasesetId, `  ${set.copy1.toLowerCase()} `);
    expect(ok).toEqual({ correct: false, payout: 0, original_phrase: set.original, your_choice: set.copy1 });
  });

  it('409 already_voted for a second vote on the same set; nothing moves', async () => {
    const { set } = await freshSet('again');
    const [v] = await players(t, 1, 'again-v');
    await voteOn(t, v!, set, 'original');
    const b = await bal(t, v!);
    expectErr(await post(t, v!, `/phrasesets/${set.phrasesetId}/vote`, { phrase: set.original }), 409, 'already_voted');
    expect(await bal(t, v!)).toBe(b);
    expect(await phraseset(t, set.phrasesetId)).toMatchObject({ vote_count: 1, pool_amount: 200 + 10 - 20 });
  });

  it('403 own_phraseset: a writer holding a vote round on their own set (only reachable by a bug elsewhere) is refused', async () => {
    const { set, writers } = await freshSet('own');
    const c1 = writers[1]!;
    const round = await inTx(t.database.db, async (tx) =>
      (await createRoundInTx(tx, t.deps, { playerId: c1.id, type: 'vote', cost: 10, now: t.clock.now(), phrasesetId: set.phrasesetId, promptText: set.promptText, phraseOrder: [set.original, set.copy1, set.copy2] })).round,
    );
    const b = await bal(t, c1);
    expectErr(await post(t, c1, `/phrasesets/${set.phrasesetId}/vote`, { phrase: set.copy1 }), 403, 'own_phraseset', 'You cannot vote on a phraseset you contributed to');
    expect(await bal(t, c1)).toBe(b);
    expect((await roundRow(t, round.id)).status).toBe('active');
    expect((await phraseset(t, set.phrasesetId)).vote_count).toBe(0);
  });

  it('validation: a body without phrase is 400 validation_error', async () => {
    const { set } = await freshSet('val');
    const [v] = await players(t, 1, 'val-v');
    expectErr(await post(t, v!, `/phrasesets/${set.phrasesetId}/vote`, {}), 400, 'validation_error', 'body.phrase: is required');
  });

  it('an Idempotency-Key replays the vote answer and moves coins once', async () => {
    const { set } = await freshSet('idv');
    const [v] = await players(t, 1, 'idv-v');
    await startVote(t, v!);
    const h = { 'idempotency-key': 'vote-1' };
    const a = await post(t, v!, `/phrasesets/${set.phrasesetId}/vote`, { phrase: set.original }, h);
    const b = await post(t, v!, `/phrasesets/${set.phrasesetId}/vote`, { phrase: set.original }, h);
    expect(a.statusCode).toBe(200);
    expect(b.json()).toEqual(a.json());
    expect(await bal(t, v!)).toBe(START - 10 + 20);
    expect((await phraseset(t, set.phrasesetId)).vote_count).toBe(1);
  });
});

describe('results and claims (SPEC §3.5)', () => {
  it('404 phraseset_not_found, 403 not_contributor, 400 not_finalized — and nothing is paid', async () => {
    const { set, writers } = await freshSet('res');
    const [v] = await players(t, 1, 'res-v');
    for (const [method, url] of [['GET', 'results'], ['POST', 'claim']] as const) {
      const call = (p: TestPlayer, id: string) => t.req({ method, url: `/phrasesets/${id}/${url}`, token: p.token });
      expectErr(await call(writers[0]!, MISSING), 404, 'phraseset_not_found', 'Phraseset not found');
      expectErr(await call(v!, set.phrasesetId), 403, 'not_contributor', 'Not a contributor to this phraseset');
      expectErr(await call(writers[0]!, set.phrasesetId), 400, 'not_finalized', 'Phraseset not yet finalized');
    }
    expect(await balances(t, writers)).toEqual([START - 100, START - 50, START - 50]);
  });

  it('a voter is not a contributor even after finalization', async () => {
    const { set } = await freshSet('res2');
    const vs = await players(t, 3, 'res2-v');
    for (const v of vs) await voteOn(t, v, set, 'copy1');
    t.clock.advanceSeconds(600);
    expectErr(await get(t, vs[0]!, `/phrasesets/${set.phrasesetId}/results`), 403, 'not_contributor', 'Not a contributor to this phraseset');
    // The read advanced the lifecycle itself (lazily, without the scheduler).
    expect((await phraseset(t, set.phrasesetId)).status).toBe('finalized');
  });
});

describe('vote rate limit (SPEC §8.1)', () => {
  it('votes have their own bucket per player: RATE_LIMIT_VOTES per window, then 429 with Retry-After', async () => {
    const limited = await createTestApp({ config: { ...QUIET_AI, RATE_LIMIT_ENABLED: true, RATE_LIMIT_VOTES: 2 } });
    try {
      const [v, w] = await players(limited, 2, 'rl');
      const url = `/phrasesets/${MISSING}/vote`;
      expectErr(await post(limited, v!, url, { phrase: 'X' }), 404, 'phraseset_not_found', 'Phraseset not found');
      expectErr(await post(limited, v!, url, { phrase: 'X' }), 404, 'phraseset_not_found', 'Phraseset not found');
      const res = await post(limited, v!, url, { phrase: 'X' });
      expectErr(res, 429, 'rate_limited', 'Rate limit exceeded. Try again later.');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      // Another player has a bucket of their own; other routes are not affected.
      expectErr(await post(limited, w!, url, { phrase: 'X' }), 404, 'phraseset_not_found', 'Phraseset not found');
      expectErr(await post(limited, v!, '/rounds/copy'), 400, 'no_prompts_available');
    } finally {
      await limited.close();
    }
  });
});
