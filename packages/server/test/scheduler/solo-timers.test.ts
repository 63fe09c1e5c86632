import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inTx } from '../../src/db/tx.ts';
import { endRoundInTx, lockPlayer } from '../../src/services/rounds.ts';
import { createTestApp, expectLedgerBalanced, type TestApp } from '../helpers/app.ts';
import {
  bal,
  castVote,
  expectErr,
  phraseset,
  playSet,
  players,
  post,
  relogin,
  resetQueues,
  roundRow,
  startCopy,
  startPrompt,
  startVote,
  voteOn,
  writePrompt,
  type PlayedSet,
  QUIET_AI,
} from '../helpers/game.ts';
import type { TestPlayer } from '../helpers/players.ts';

/** Time-driven behaviour with the fake clock and `scheduler.runDue()` (SPEC §5.8, §5.11). Never sleeps. */

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

const at = (base: Date, s: number) => new Date(base.getTime() + s * 1000);
const jobsFor = (subject: string) => t.database.db.selectFrom('scheduled_jobs').select(['kind', 'dedupe_key', 'due_at']).where('subject_id', '=', subject).orderBy('due_at').execute();

describe('round expiry (SPEC §5.8)', () => {
  it('a prompt round whose player never comes back is expired by its job at expires_at + grace, refunded 95 once', async () => {
    const [p] = await players(t, 1, 'gone');
    const t0 = t.clock.now();
    const r = await startPrompt(t, p!);
    t.clock.set(at(t0, 184));
    await t.scheduler.runDue();
    expect((await roundRow(t, r.round_id)).status).toBe('active');
    t.clock.set(at(t0, 185));
    expect((await t.scheduler.runDue()).ran).toBeGreaterThanOrEqual(1);
    expect(await roundRow(t, r.round_id)).toMatchObject({ status: 'expired', ended_at: at(t0, 185) });
    expect(await bal(t, p!)).toBe(START - 5);
    expect(await jobsFor(r.round_id)).toEqual([]);
    // Running again (or a lazy check) changes nothing.
    await t.scheduler.runDue();
    expectErr(await post(t, p!, `/rounds/${r.round_id}/submit`, { phrase: 'banana' }), 400, 'expired');
    expect(await bal(t, p!)).toBe(START - 5);
    const refunds = await t.database.db.selectFrom('ledger_entries').select('amount').where('account_id', '=', p!.id).where('type', '=', 'refund').execute();
    expect(refunds).toEqual([{ amount: 95 }]);
  });

  it('lazily: a start for a player whose round ran out expires it first (no scheduler needed); the job is then a no-op', async () => {
    const [p] = await players(t, 1, 'lazy');
    const r = await startPrompt(t, p!);
    t.clock.advanceSeconds(185);
    const next = await startPrompt(t, p!);
    expect(next.round_id).not.toBe(r.round_id);
    expect((await roundRow(t, r.round_id)).status).toBe('expired');
    expect(await bal(t, p!)).toBe(START - 5 - 100);
    await t.scheduler.runDue();
    expect(await bal(t, p!)).toBe(START - 5 - 100);
    expect((await roundRow(t, next.round_id)).status).toBe('active');
  });

  it('an expired copy returns its prompt to the queue (copies_claimed back) with the 24 h cooldown for that copier', async () => {
    const [w, c, other] = await players(t, 3, 'cexp');
    const p = await writePrompt(t, w!);
    const r = await startCopy(t, c!);
    expect((await roundRow(t, p.roundId)).copies_claimed).toBe(1);
    t.clock.advanceSeconds(185);
    await t.scheduler.runDue();
    expect(await roundRow(t, r.round_id)).toMatchObject({ status: 'expired' });
    expect((await roundRow(t, p.roundId)).copies_claimed).toBe(0);
    expect(await bal(t, c!)).toBe(START - 50 + 45);
    expectErr(await post(t, c!, '/rounds/copy'), 400, 'no_prompts_available');
    t.clock.advanceSeconds(24 * 3600 - 1);
    const c2 = await relogin(t, c!);
    expectErr(await post(t, c2, '/rounds/copy'), 400, 'no_prompts_available');
    t.clock.advanceSeconds(1);
    expect((await startCopy(t, c2)).prompt_round_id).toBe(p.roundId);
    expect((await startCopy(t, await relogin(t, other!))).prompt_round_id).toBe(p.roundId);
    expect((await roundRow(t, p.roundId)).copies_claimed).toBe(2);
  });

  it('an expired vote round frees its slot and refunds 5', async () => {
    const ws = await players(t, 3, 'vexp');
    const set = await playSet(t, ws[0]!, ws[1]!, ws[2]!);
    const [v] = await players(t, 1, 'vexp-v');
    const r = await startVote(t, v!);
    expect((await phraseset(t, set.phrasesetId)).vote_slots_taken).toBe(1);
    t.clock.advanceSeconds(65);
    await t.scheduler.runDue();
    expect((await roundRow(t, r.round_id)).status).toBe('expired');
    expect(await phraseset(t, set.phrasesetId)).toMatchObject({ vote_slots_taken: 0, vote_count: 0, status: 'open', pool_amount: 200 });
    expect(await bal(t, v!)).toBe(START - 5);
  });
});

describe('rounds cut short by the server (SPEC §3.6)', () => {
  it('are refunded in full, and a copy goes back to the queue', async () => {
    const [w, c] = await players(t, 2, 'cut');
    const p = await writePrompt(t, w!);
    const r = await startCopy(t, c!);
    const res = await inTx(t.database.db, async (tx) => {
      await lockPlayer(tx, c!.id);
      return endRoundInTx(tx, t.deps, r.round_id, 'cancelled', t.clock.now());
    });
    expect(res).toMatchObject({ status: 'cancelled', refund: 50, penaltyKept: 0, newBalance: START });
    expect(await bal(t, c!)).toBe(START);
    expect((await roundRow(t, p.roundId)).copies_claimed).toBe(0);
    // Ending it again does nothing.
    expect(await inTx(t.database.db, (tx) => endRoundInTx(tx, t.deps, r.round_id, 'cancelled', t.clock.now()))).toBeNull();
    expect(await bal(t, c!)).toBe(START);
  });
});

describe('phraseset lifecycle (SPEC §5.11)', () => {
  async function setWithVotes(tag: string, n: number): Promise<{ set: PlayedSet; voters: TestPlayer[] }> {
    const ws = await players(t, 3, tag);
    const set = await playSet(t, ws[0]!, ws[1]!, ws[2]!);
    const voters = await players(t, n, `${tag}-v`);
    return { set, voters };
  }

  it('open → closing at the 3rd vote (closes_at = third + 600 s) → closed and finalized at closes_at', async () => {
    const { set, voters } = await setWithVotes('life', 4);
    await voteOn(t, voters[0]!, set, 'original');
    t.clock.advanceSeconds(10);
    await voteOn(t, voters[1]!, set, 'copy1');
    expect(await phraseset(t, set.phrasesetId)).toMatchObject({ status: 'open', vote_count: 2, closes_at: null });
    t.clock.advanceSeconds(10);
    const third = t.clock.now();
    await voteOn(t, voters[2]!, set, 'copy2');
    expect(await phraseset(t, set.phrasesetId)).toMatchObject({ status: 'closing', vote_count: 3, third_vote_at: third, closes_at: at(third, 600) });
    expect((await jobsFor(set.phrasesetId)).map((j) => [j.kind, j.due_at])).toEqual([['phraseset-lifecycle', at(third, 600)]]);

    t.clock.set(at(third, 599));
    await t.scheduler.runDue();
    expect((await phraseset(t, set.phrasesetId)).status).toBe('closing');
    // Still open for new vote rounds just before closes_at.
    const r = await startVote(t, voters[3]!);
    expect(r.phraseset_id).toBe(set.phrasesetId);
    await castVote(t, voters[3]!, set.phrasesetId, set.copy1);

    t.clock.set(at(third, 600));
    await t.scheduler.runDue();
    const ps = await phraseset(t, set.phrasesetId);
    expect(ps).toMatchObject({ status: 'finalized', finalized_at: at(third, 600), vote_count: 4, total_pool: 200 + 40 - 20 });
    expect(await jobsFor(set.phrasesetId)).toEqual([]);
    const activity = await t.database.db.selectFrom('phraseset_activity').select('activity_type').where('phraseset_id', '=', set.phrasesetId).execute();
    expect(activity.map((a) => a.activity_type)).toEqual(expect.arrayContaining(['vote_recorded', 'phraseset_closing', 'finalized']));
  });

  it('the 5th vote shortens the window to fifth + 60 s', async () => {
    const { set, voters } = await setWithVotes('rapid', 5);
    const t0 = t.clock.now();
    for (const v of voters.slice(0, 3)) await voteOn(t, v, set, 'copy1');
    t.clock.set(at(t0, 100));
    await voteOn(t, voters[3]!, set, 'copy2');
    t.clock.set(at(t0, 200));
    await voteOn(t, voters[4]!, set, 'original');
    expect(await phraseset(t, set.phrasesetId)).toMatchObject({ status: 'closing', fifth_vote_at: at(t0, 200), closes_at: at(t0, 260) });
    t.clock.set(at(t0, 259));
    await t.scheduler.runDue();
    expect((await phraseset(t, set.phrasesetId)).status).toBe('closing');
    t.clock.set(at(t0, 260));
    await t.scheduler.runDue();
    expect((await phraseset(t, set.phrasesetId)).status).toBe('finalized');
  });

  it('closed with a vote round still in time: finalized only when that round runs out (and is refunded)', async () => {
    const { set, voters } = await setWithVotes('wait', 4);
    const t0 = t.clock.now();
    for (const v of voters.slice(0, 3)) await voteOn(t, v, set, 'original');
    t.clock.set(at(t0, 590));
    const late = await startVote(t, voters[3]!);
    t.clock.set(at(t0, 600));
    await t.scheduler.runDue();
    expect((await phraseset(t, set.phrasesetId)).status).toBe('closed');
    t.clock.set(at(t0, 654));
    await t.scheduler.runDue();
    expect((await phraseset(t, set.phrasesetId)).status).toBe('closed');
    t.clock.set(at(t0, 655));
    await t.scheduler.runDue();
    expect((await roundRow(t, late.round_id)).status).toBe('expired');
    expect(await bal(t, voters[3]!)).toBe(START - 5);
    expect(await phraseset(t, set.phrasesetId)).toMatchObject({ status: 'finalized', vote_count: 3, total_pool: 200 + 30 - 60 });
    expect(await t.database.db.selectFrom('scheduled_jobs').select('id').where('subject_id', 'in', [set.phrasesetId, late.round_id]).execute()).toEqual([]);
  });

  it('VOTE_MAX_VOTES closes the set at the last vote and finalizes it at once', async () => {
    const small = await createTestApp({ config: { ...QUIET_AI, VOTE_MAX_VOTES: 4 } });
    try {
      const ws = await players(small, 8, 'max');
      const set = await playSet(small, ws[0]!, ws[1]!, ws[2]!);
      for (const v of ws.slice(3, 6)) await voteOn(small, v, set, 'copy1');
      expect((await phraseset(small, set.phrasesetId)).status).toBe('closing');
      await voteOn(small, ws[6]!, set, 'copy2');
      expect(await phraseset(small, set.phrasesetId)).toMatchObject({ status: 'finalized', vote_count: 4, total_pool: 240 });
      expectErr(await post(small, ws[7]!, '/rounds/vote'), 400, 'no_phrasesets_available');
      await expectLedgerBalanced(small.database);
    } finally {
      await small.close();
    }
  });

  it('an open set with fewer than 3 votes never closes on its own', async () => {
    const { set, voters } = await setWithVotes('lonely', 2);
    for (const v of voters) await voteOn(t, v, set, 'original');
    expect(await jobsFor(set.phrasesetId)).toEqual([]); // no timer: only a third vote moves it
    t.clock.advanceSeconds(7 * 24 * 3600);
    await t.scheduler.runDue();
    expect(await phraseset(t, set.phrasesetId)).toMatchObject({ status: 'open', vote_count: 2 });
  });
});
