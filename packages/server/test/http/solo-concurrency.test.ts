import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { submissionCutoff } from '../../src/domain/rounds/index.ts';
import { advancePhraseset } from '../../src/services/phrasesets.ts';
import { createTestApp, expectLedgerBalanced, type TestApp } from '../helpers/app.ts';
import {
  bal,
  balances,
  copyPhraseFor,
  get,
  phraseset,
  playSet,
  players,
  post,
  promptPhraseFor,
  resetQueues,
  roundRow,
  startCopy,
  startPrompt,
  startVote,
  voteOn,
  writeCopy,
  writePrompt,
  QUIET_AI,
} from '../helpers/game.ts';

/**
 * Concurrency (DESIGN §5): the same request several times at once (Promise.all), and timers racing
 * requests. Exactly one effect each. Meaningful on PostgreSQL (real parallel transactions); on PGlite
 * the transactions interleave one at a time.
 */

let t: TestApp;
const START = 5000;

beforeAll(async () => {
  t = await createTestApp({ config: QUIET_AI });
});
afterAll(async () => t.close());
afterEach(async () => {
  await expectLedgerBalanced(t.database);
  await resetQueues(t);
});

const statuses = (rs: { statusCode: number }[]) => rs.map((r) => r.statusCode).sort();

describe('racing requests', () => {
  it('one player starting five rounds at once: one round, charged once, the rest already_in_round', async () => {
    const [p] = await players(t, 1, 'burst');
    const rs = await Promise.all(Array.from({ length: 5 }, () => post(t, p!, '/rounds/prompt')));
    expect(statuses(rs)).toEqual([200, 409, 409, 409, 409]);
    const winner = rs.find((r) => r.statusCode === 200)!.json().round_id;
    for (const r of rs.filter((x) => x.statusCode === 409)) expect(r.json()).toMatchObject({ code: 'already_in_round', detail: 'already_in_round', round_id: winner });
    expect(await bal(t, p!)).toBe(START - 100);
  });

  it('two copiers racing for the last copy slot: exactly one gets it and pays', async () => {
    const [w, first, a, b] = await players(t, 4, 'last');
    const p = await writePrompt(t, w!);
    await startCopy(t, first!);
    const rs = await Promise.all([post(t, a!, '/rounds/copy'), post(t, b!, '/rounds/copy')]);
    expect(statuses(rs)).toEqual([200, 400]);
    expect(rs.find((r) => r.statusCode === 400)!.json()).toMatchObject({ code: 'no_prompts_available' });
    expect(rs.find((r) => r.statusCode === 200)!.json().prompt_round_id).toBe(p.roundId);
    expect((await balances(t, [a!, b!])).sort()).toEqual([START - 50, START]);
    expect((await roundRow(t, p.roundId)).copies_claimed).toBe(2);
  });

  it('six copiers racing for one prompt: never more than two copies claimed, each paid for once', async () => {
    const [w] = await players(t, 1, 'six');
    const cs = await players(t, 6, 'six-c');
    const p = await writePrompt(t, w!);
    const rs = await Promise.all(cs.map((c) => post(t, c, '/rounds/copy')));
    const won = rs.filter((r) => r.statusCode === 200);
    expect(won.length).toBeGreaterThanOrEqual(1);
    expect(won.length).toBeLessThanOrEqual(2);
    for (const r of rs.filter((x) => x.statusCode !== 200)) expect(r.json()).toMatchObject({ code: 'no_prompts_available' });
    const prompt = await roundRow(t, p.roundId);
    expect(prompt.copies_claimed).toBe(won.length);
    const paid = (await balances(t, cs)).filter((b) => b === START - 50).length;
    expect(paid).toBe(won.length);
  });

  it('parallel submits of one round: one success, the rest round_not_active', async () => {
    const [p] = await players(t, 1, 'psub');
    const r = await startPrompt(t, p!);
    const phrase = promptPhraseFor(r.prompt_text);
    const rs = await Promise.all(Array.from({ length: 5 }, () => post(t, p!, `/rounds/${r.round_id}/submit`, { phrase })));
    expect(statuses(rs)).toEqual([200, 409, 409, 409, 409]);
    for (const x of rs.filter((y) => y.statusCode === 409)) expect(x.json()).toMatchObject({ code: 'round_not_active' });
    const log = await t.database.db.selectFrom('phraseset_activity').select('id').where('prompt_round_id', '=', r.round_id).execute();
    expect(log).toHaveLength(1);
  });

  it('the two copies of one prompt submitted at once are checked against each other; one phraseset', async () => {
    const [w, c1, c2] = await players(t, 3, 'pair');
    const p = await writePrompt(t, w!);
    const r1 = await startCopy(t, c1!);
    const r2 = await startCopy(t, c2!);
    const same = copyPhraseFor(p.phrase);
    const rs = await Promise.all([post(t, c1!, `/rounds/${r1.round_id}/submit`, { phrase: same }), post(t, c2!, `/rounds/${r2.round_id}/submit`, { phrase: same })]);
    expect(statuses(rs)).toEqual([200, 400]);
    expect(rs.find((r) => r.statusCode === 400)!.json()).toMatchObject({ code: 'duplicate_phrase' });
    expect(await t.database.db.selectFrom('phrasesets').select('id').where('prompt_round_id', '=', p.roundId).execute()).toHaveLength(0);
    const loser = rs[0]!.statusCode === 400 ? { p: c1!, r: r1 } : { p: c2!, r: r2 };
    await post(t, loser.p, `/rounds/${loser.r.round_id}/submit`, { phrase: copyPhraseFor(p.phrase, same, 3) });
    const sets = await t.database.db.selectFrom('phrasesets').select(['id', 'pool_amount']).where('prompt_round_id', '=', p.roundId).execute();
    expect(sets).toEqual([{ id: expect.any(String), pool_amount: 200 }]);
  });

  it('parallel votes by one voter: counted and paid once, the rest already_voted', async () => {
    const ws = await players(t, 3, 'pv');
    const set = await playSet(t, ws[0]!, ws[1]!, ws[2]!);
    const [v] = await players(t, 1, 'pv-v');
    await startVote(t, v!);
    const rs = await Promise.all(Array.from({ length: 5 }, () => post(t, v!, `/phrasesets/${set.phrasesetId}/vote`, { phrase: set.original })));
    expect(statuses(rs)).toEqual([200, 409, 409, 409, 409]);
    for (const x of rs.filter((y) => y.statusCode === 409)) expect(x.json()).toMatchObject({ code: 'already_voted', detail: 'already_voted' });
    expect(await bal(t, v!)).toBe(START - 10 + 20);
    expect(await phraseset(t, set.phrasesetId)).toMatchObject({ vote_count: 1, vote_slots_taken: 1, pool_amount: 190 });
  });

  it('parallel claims and result views by a writer: the prize moves exactly once', async () => {
    const ws = await players(t, 3, 'pc');
    const set = await playSet(t, ws[0]!, ws[1]!, ws[2]!);
    for (const v of await players(t, 3, 'pc-v')) await voteOn(t, v, set, 'copy1');
    t.clock.advanceSeconds(600);
    await t.scheduler.runDue();
    const before = await bal(t, ws[1]!);
    const rs = await Promise.all([
      ...Array.from({ length: 4 }, () => post(t, ws[1]!, `/phrasesets/${set.phrasesetId}/claim`)),
      ...Array.from({ length: 2 }, () => get(t, ws[1]!, `/phrasesets/${set.phrasesetId}/results`)),
    ]);
    expect(rs.every((r) => r.statusCode === 200)).toBe(true);
    const claims = rs.slice(0, 4).map((r) => r.json());
    const views = rs.slice(4).map((r) => r.json());
    const fresh = claims.filter((c) => !c.already_claimed).length + views.filter((v) => !v.already_collected).length;
    expect(fresh).toBe(1);
    const payout = 200 + 30; // 3 votes, all for copy 1: copy 1 takes the pool
    expect(await bal(t, ws[1]!)).toBe(before + payout);
    const payouts = await t.database.db.selectFrom('ledger_entries').select('amount').where('account_id', '=', ws[1]!.id).where('type', '=', 'prize_payout').execute();
    expect(payouts).toEqual([{ amount: payout }]);
  });

  it('two voters racing for the last vote slot: one gets it', async () => {
    const small = await createTestApp({ config: { ...QUIET_AI, VOTE_MAX_VOTES: 3 } });
    try {
      const ws = await players(small, 6, 'slot');
      const set = await playSet(small, ws[0]!, ws[1]!, ws[2]!);
      await startVote(small, ws[3]!);
      await startVote(small, ws[4]!);
      const [x, y] = await players(small, 2, 'slot-r');
      const rs = await Promise.all([post(small, x!, '/rounds/vote'), post(small, y!, '/rounds/vote')]);
      expect(statuses(rs)).toEqual([200, 400]);
      expect((await phraseset(small, set.phrasesetId)).vote_slots_taken).toBe(3);
      expect((await balances(small, [x!, y!])).sort()).toEqual([START - 10, START]);
      await expectLedgerBalanced(small.database);
    } finally {
      await small.close();
    }
  });
});

describe('timers racing requests', () => {
  it('a round expiring while its owner submits: either submitted or expired-and-refunded, never both', async () => {
    for (let i = 0; i < 3; i++) {
      const [p] = await players(t, 1, `race${i}`);
      const r = await startPrompt(t, p!);
      const cutoff = submissionCutoff(new Date(r.expires_at), t.config);
      t.clock.set(new Date(cutoff.getTime() - 1));
      const [res] = await Promise.all([post(t, p!, `/rounds/${r.round_id}/submit`, { phrase: promptPhraseFor(r.prompt_text) }), t.scheduler.runDue(cutoff)]);
      const row = await roundRow(t, r.round_id);
      if (res.statusCode === 200) {
        expect(row.status).toBe('submitted');
        expect(await bal(t, p!)).toBe(START - 100);
      } else {
        expect(res.json()).toMatchObject({ code: 'expired' });
        expect(row.status).toBe('expired');
        expect(await bal(t, p!)).toBe(START - 100 + 95);
      }
      await t.scheduler.runDue(new Date(cutoff.getTime() + 1000));
      expect((await roundRow(t, r.round_id)).status).toBe(row.status);
      const refunds = await t.database.db.selectFrom('ledger_entries').select('id').where('account_id', '=', p!.id).where('type', '=', 'refund').execute();
      expect(refunds.length).toBe(row.status === 'expired' ? 1 : 0);
    }
  });

  it('a vote racing finalization: counted in the results, or refused and refunded — exactly one', async () => {
    for (let i = 0; i < 3; i++) {
      const ws = await players(t, 3, `vr${i}`);
      const set = await playSet(t, ws[0]!, ws[1]!, ws[2]!);
      const voters = await players(t, 4, `vr${i}-v`);
      const t0 = t.clock.now();
      for (const v of voters.slice(0, 3)) await voteOn(t, v, set, 'copy2');
      t.clock.set(new Date(t0.getTime() + 590_000));
      const late = await startVote(t, voters[3]!);
      t.clock.set(new Date(t0.getTime() + 600_000));
      await t.scheduler.runDue();
      expect((await phraseset(t, set.phrasesetId)).status).toBe('closed');
      const cutoff = submissionCutoff(new Date(late.expires_at), t.config);
      t.clock.set(new Date(cutoff.getTime() - 1));
      const [res] = await Promise.all([post(t, voters[3]!, `/phrasesets/${set.phrasesetId}/vote`, { phrase: set.original }), t.scheduler.runDue(cutoff)]);
      await t.scheduler.runDue(cutoff);
      const ps = await phraseset(t, set.phrasesetId);
      expect(ps.status).toBe('finalized');
      const votes = await t.database.db.selectFrom('votes').select('player_id').where('phraseset_id', '=', set.phrasesetId).execute();
      if (res.statusCode === 200) {
        expect(votes).toHaveLength(4);
        expect(ps).toMatchObject({ vote_count: 4, total_pool: 200 + 40 - 20 });
        expect(await bal(t, voters[3]!)).toBe(START - 10 + 20);
      } else {
        expect(res.json()).toMatchObject({ code: 'expired' });
        expect(votes).toHaveLength(3);
        expect(ps).toMatchObject({ vote_count: 3, total_pool: 230 });
        expect(await bal(t, voters[3]!)).toBe(START - 5);
      }
      const stored = await t.database.db.selectFrom('phraseset_contributors').select('payout').where('phraseset_id', '=', set.phrasesetId).execute();
      expect(stored.reduce((s, c) => s + (c.payout ?? 0), 0)).toBeLessThanOrEqual(ps.total_pool!);
    }
  });

  it('finalization happens exactly once under concurrent reads, claims and the job', async () => {
    const ws = await players(t, 3, 'fin');
    const set = await playSet(t, ws[0]!, ws[1]!, ws[2]!);
    for (const v of await players(t, 3, 'fin-v')) await voteOn(t, v, set, 'original');
    t.clock.advanceSeconds(600);
    const rs = await Promise.all([
      advancePhraseset(t.deps, set.phrasesetId),
      advancePhraseset(t.deps, set.phrasesetId),
      t.scheduler.runDue(),
      get(t, ws[0]!, `/phrasesets/${set.phrasesetId}/results`),
      post(t, ws[1]!, `/phrasesets/${set.phrasesetId}/claim`),
    ]);
    expect((rs[3] as { statusCode: number }).statusCode).toBe(200);
    expect((rs[4] as { statusCode: number }).statusCode).toBe(200);
    const finals = await t.database.db.selectFrom('phraseset_activity').select('id').where('phraseset_id', '=', set.phrasesetId).where('activity_type', '=', 'finalized').execute();
    expect(finals).toHaveLength(1);
    expect(await phraseset(t, set.phrasesetId)).toMatchObject({ status: 'finalized', total_pool: 170 });
    expect(await bal(t, ws[0]!)).toBe(START - 100 + 170);
  });

  it('a copy expiring while its owner submits it: the prompt never ends up with a phantom copy', async () => {
    const [w, c, d] = await players(t, 3, 'cr');
    const p = await writePrompt(t, w!);
    const r = await startCopy(t, c!);
    const cutoff = submissionCutoff(new Date(r.expires_at), t.config);
    t.clock.set(new Date(cutoff.getTime() - 1));
    const [res] = await Promise.all([post(t, c!, `/rounds/${r.round_id}/submit`, { phrase: copyPhraseFor(p.phrase) }), t.scheduler.runDue(cutoff)]);
    const prompt = await roundRow(t, p.roundId);
    if (res.statusCode === 200) expect(prompt).toMatchObject({ copies_claimed: 1, copies_submitted: 1 });
    else expect(prompt).toMatchObject({ copies_claimed: 0, copies_submitted: 0 });
    // Either way the prompt can still be completed by others.
    t.clock.set(new Date(cutoff.getTime() + 1000));
    await writeCopy(t, d!, res.statusCode === 200 ? copyPhraseFor(p.phrase) : null);
  });
});
