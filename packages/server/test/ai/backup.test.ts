import { afterEach, describe, expect, it } from 'vitest';
import { AiPlayer, type AiAnswer } from '../../src/ai/player.ts';
import { AI_MIN_ACCOUNTS } from '../../src/services/ai-accounts.ts';
import { runAiBackupCycle } from '../../src/services/ai-backup.ts';
import { summarizeAiMetrics } from '../../src/services/ai-metrics.ts';
import { AI_BACKUP_KIND } from '../../src/scheduler/jobs/ai-backup.ts';
import { createTestApp, expectLedgerBalanced, type TestApp } from '../helpers/app.ts';
import { copyPhraseFor, get, players, startCopy, submit, writePrompt } from '../helpers/game.ts';
import type { TestPlayer } from '../helpers/players.ts';
import { startLlmStub, type LlmStub } from './llm-stub.ts';

/**
 * SPEC §10.3: the solo backup AI. A lone player's prompt gets two AI copies once it has waited
 * AI_BACKUP_DELAY_MINUTES, the phraseset gets three AI votes once it has been quiet that long, and the
 * player sees a finalized result, with every coin accounted for.
 */

const MIN = 60;
let t: TestApp | undefined;
let stub: LlmStub | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
  await stub?.close();
  stub = undefined;
});

async function aiIds(app: TestApp): Promise<Set<string>> {
  const rows = await app.database.db.selectFrom('players').select('id').where('is_ai', '=', true).execute();
  return new Set(rows.map((r) => r.id));
}

async function advanceAndRun(app: TestApp, seconds: number) {
  app.clock.advanceSeconds(seconds);
  return app.scheduler.runDue();
}

/** Everything a lone player's game leaves behind, keyed so two runs can be compared. */
async function snapshot(app: TestApp) {
  const db = app.database.db;
  const sets = await db.selectFrom('phrasesets').select(['prompt_text', 'original_phrase', 'copy_phrase_1', 'copy_phrase_2', 'status', 'vote_count']).orderBy('prompt_text').execute();
  const votes = await db.selectFrom('votes').innerJoin('players', 'players.id', 'votes.player_id').select(['players.username', 'votes.voted_phrase', 'votes.correct']).orderBy('players.username').execute();
  const accounts = await db.selectFrom('players').select(['username', 'balance', 'is_ai']).orderBy('username').execute();
  return { sets, votes, accounts };
}

/** Keeps only one prompt enabled, so two runs deal the same prompt (row ids, which order the deal, are not seeded). */
async function onePrompt(app: TestApp, key = 'secret-happiness') {
  await app.database.db.updateTable('prompts').set({ enabled: false }).where('key', '<>', key).execute();
}

/**
 * A lone player writes one prompt; the clock moves one backup cycle (5 min) at a time, running due
 * jobs, until the phraseset is finalized. Returns the minutes each milestone took.
 */
async function lonePlayerGame(app: TestApp) {
  const [me] = (await players(app, 1, 'solo')) as [TestPlayer];
  const prompt = await writePrompt(app, me);
  const milestones: { copies?: number; votes?: number; finalized?: number } = {};
  for (let minutes = 5; minutes <= 120 && milestones.finalized === undefined; minutes += 5) {
    await advanceAndRun(app, 5 * MIN);
    const pr = await app.database.db.selectFrom('rounds').select('copies_submitted').where('id', '=', prompt.roundId).executeTakeFirstOrThrow();
    const ps = await app.database.db.selectFrom('phrasesets').select(['vote_count', 'status']).where('prompt_round_id', '=', prompt.roundId).executeTakeFirst();
    if (milestones.copies === undefined && pr.copies_submitted === 2) milestones.copies = minutes;
    if (milestones.votes === undefined && ps && ps.vote_count >= 3) milestones.votes = minutes;
    if (ps?.status === 'finalized') milestones.finalized = minutes;
  }
  return { me, prompt, milestones };
}

describe('the solo backup cycle (fake clock + scheduler.runDue)', () => {
  it('a lone player: two AI copies after the delay, three AI votes after the quiet delay, then a finalized result', async () => {
    t = await createTestApp({ seed: 7 });
    const app = t;
    const db = app.database.db;
    // Scheduled at start, recurring under one key.
    const job0 = await db.selectFrom('scheduled_jobs').selectAll().where('dedupe_key', '=', AI_BACKUP_KIND).executeTakeFirstOrThrow();
    expect(job0.due_at.getTime()).toBe(app.clock.now().getTime() + 300_000);

    const [me] = (await players(app, 1, 'solo')) as [TestPlayer];
    const prompt = await writePrompt(app, me);
    const start = app.clock.now();

    // 14 minutes: too early, nothing happens (cycles ran at 5 and 10 minutes and rescheduled themselves).
    await advanceAndRun(app, 5 * MIN);
    await advanceAndRun(app, 5 * MIN);
    await advanceAndRun(app, 4 * MIN);
    let pr = await db.selectFrom('rounds').selectAll().where('id', '=', prompt.roundId).executeTakeFirstOrThrow();
    expect(pr.copies_claimed).toBe(0);
    const job1 = await db.selectFrom('scheduled_jobs').selectAll().where('dedupe_key', '=', AI_BACKUP_KIND).executeTakeFirstOrThrow();
    expect(job1.due_at.getTime()).toBe(start.getTime() + 15 * MIN * 1000);
    expect(await db.selectFrom('players').select('id').where('is_ai', '=', true).execute()).toHaveLength(0);

    // 15 minutes (the next cycle after the prompt has waited the delay): two copies by two AI accounts.
    await advanceAndRun(app, 1 * MIN);
    pr = await db.selectFrom('rounds').selectAll().where('id', '=', prompt.roundId).executeTakeFirstOrThrow();
    expect(pr.copies_submitted).toBe(2);
    const ais = await aiIds(app);
    expect(ais.size).toBeGreaterThanOrEqual(AI_MIN_ACCOUNTS);
    const copies = await db.selectFrom('rounds').selectAll().where('prompt_round_id', '=', prompt.roundId).where('type', '=', 'copy').execute();
    expect(copies.map((c) => c.status)).toEqual(['submitted', 'submitted']);
    expect(new Set(copies.map((c) => c.player_id)).size).toBe(2);
    for (const c of copies) expect(ais.has(c.player_id)).toBe(true);
    const ps = await db.selectFrom('phrasesets').selectAll().where('prompt_round_id', '=', prompt.roundId).executeTakeFirstOrThrow();
    expect(ps.status).toBe('open');
    // AI accounts look like players: a pool name, no email, no password.
    const aiRows = await db.selectFrom('players').selectAll().where('is_ai', '=', true).execute();
    for (const a of aiRows) {
      expect(a.email).toBeNull();
      expect(a.password_hash).toBeNull();
      expect(a.username).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+( \d+)?$/);
    }

    // The set was just created at 15 minutes: no votes until it has been quiet for the delay (cycles at 20 and 25 minutes).
    await advanceAndRun(app, 5 * MIN);
    await advanceAndRun(app, 5 * MIN);
    expect((await db.selectFrom('phrasesets').select('vote_count').where('id', '=', ps.id).executeTakeFirstOrThrow()).vote_count).toBe(0);
    await advanceAndRun(app, 5 * MIN);
    const afterVotes = await db.selectFrom('phrasesets').selectAll().where('id', '=', ps.id).executeTakeFirstOrThrow();
    expect(afterVotes.vote_count).toBe(3);
    expect(afterVotes.status).toBe('closing');
    const votes = await db.selectFrom('votes').selectAll().where('phraseset_id', '=', ps.id).execute();
    expect(new Set(votes.map((v) => v.player_id)).size).toBe(3);
    for (const v of votes) {
      expect(ais.has(v.player_id)).toBe(true);
      expect(copies.map((c) => c.player_id)).not.toContain(v.player_id); // never a vote on a set it wrote in
    }

    // The closing window (600 s after the third vote) ends: finalized at 40 minutes; the player opens the result.
    await advanceAndRun(app, 5 * MIN);
    expect((await db.selectFrom('phrasesets').select('status').where('id', '=', ps.id).executeTakeFirstOrThrow()).status).toBe('closing');
    await advanceAndRun(app, 5 * MIN);
    expect((await db.selectFrom('phrasesets').select('status').where('id', '=', ps.id).executeTakeFirstOrThrow()).status).toBe('finalized');
    const res = await get(app, me, `/phrasesets/${ps.id}/results`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.status ?? 'finalized').toBe('finalized');
    expect(app.clock.now().getTime() - start.getTime()).toBe(40 * MIN * 1000);

    // Every AI action is recorded.
    const metrics = await db.selectFrom('ai_metrics').selectAll().orderBy('created_at').execute();
    expect(metrics.filter((m) => m.operation === 'copy')).toHaveLength(2);
    expect(metrics.filter((m) => m.operation === 'vote')).toHaveLength(3);
    for (const m of metrics) {
      expect(m).toMatchObject({ provider: 'local', success: true, provider_error: null });
      expect(['first_try', 'retried', 'fallback']).toContain(m.validation);
      expect(m.latency_ms).toBeGreaterThanOrEqual(0);
    }
    for (const m of metrics.filter((x) => x.operation === 'vote')) {
      expect(m.vote_correct).toBe(votes.find((v) => v.round_id === m.round_id)!.correct);
    }
    const summary = await summarizeAiMetrics(app.deps);
    expect(summary).toEqual([
      expect.objectContaining({ operation: 'copy', provider: 'local', actions: 2, successes: 2, votes: 0 }),
      expect.objectContaining({ operation: 'vote', provider: 'local', actions: 3, successes: 3, votes: 3, correctVotes: votes.filter((v) => v.correct).length }),
    ]);
    await expectLedgerBalanced(app.database);
  });

  it('coins: the AI pays fees and receives payouts like anyone; nothing is created or destroyed', async () => {
    t = await createTestApp({ seed: 11 });
    const app = t;
    const db = app.database.db;
    const [me] = (await players(app, 1, 'solo')) as [TestPlayer];
    const before = (await db.selectFrom('players').select('balance').where('id', '=', me.id).executeTakeFirstOrThrow()).balance;
    const prompt = await writePrompt(app, me);
    for (let i = 0; i < 8; i++) await advanceAndRun(app, 5 * MIN);
    const ps = await db.selectFrom('phrasesets').selectAll().where('prompt_round_id', '=', prompt.roundId).executeTakeFirstOrThrow();
    expect(ps.status).toBe('finalized');
    await get(app, me, `/phrasesets/${ps.id}/results`);
    const mine = await db.selectFrom('phraseset_contributors').selectAll().where('phraseset_id', '=', ps.id).where('role', '=', 'prompt').executeTakeFirstOrThrow();
    const after = (await db.selectFrom('players').select('balance').where('id', '=', me.id).executeTakeFirstOrThrow()).balance;
    expect(after).toBe(before - 100 + (mine.payout ?? 0));

    // AI entries: copy and vote fees to the house, vote payouts from the pool, starting balances from the house.
    const aiEntries = await db
      .selectFrom('ledger_entries')
      .innerJoin('players', 'players.id', 'ledger_entries.account_id')
      .select(['ledger_entries.type', 'ledger_entries.amount'])
      .where('ledger_entries.account_kind', '=', 'player')
      .where('players.is_ai', '=', true)
      .execute();
    const types = new Set(aiEntries.map((e) => e.type));
    expect(types).toContain('copy_entry');
    expect(types).toContain('vote_entry');
    expect(aiEntries.filter((e) => e.type === 'copy_entry').every((e) => e.amount === -50)).toBe(true);
    expect(aiEntries.filter((e) => e.type === 'vote_entry').every((e) => e.amount === -10)).toBe(true);
    // Copiers claim their prizes the way anyone does; until then the payouts stay in the pool.
    await expectLedgerBalanced(app.database);
  });

  it('an AI account below 1,000 coins is topped up by the house (starting_balance), through the ledger', async () => {
    t = await createTestApp({ seed: 3, config: { STARTING_BALANCE: 400 } });
    const app = t;
    const db = app.database.db;
    const [me] = (await players(app, 1, 'solo')) as [TestPlayer];
    await writePrompt(app, me);
    for (let i = 0; i < 3; i++) await advanceAndRun(app, 5 * MIN);
    const topUps = await db
      .selectFrom('ledger_entries')
      .innerJoin('players', 'players.id', 'ledger_entries.account_id')
      .select(['ledger_entries.amount', 'ledger_entries.type', 'players.id'])
      .where('players.is_ai', '=', true)
      .where('ledger_entries.type', '=', 'starting_balance')
      .execute();
    // Each account got 400 at creation; the two that played were topped up by 600 to 1,000 first.
    expect(topUps.filter((e) => e.amount === 400).length).toBeGreaterThanOrEqual(AI_MIN_ACCOUNTS);
    expect(topUps.filter((e) => e.amount === 600)).toHaveLength(2);
    const copiers = await db.selectFrom('rounds').innerJoin('players', 'players.id', 'rounds.player_id').select(['players.balance']).where('rounds.type', '=', 'copy').execute();
    for (const c of copiers) expect(c.balance).toBe(1000 - 50);
    // The human is never topped up.
    expect((await db.selectFrom('players').select('balance').where('id', '=', me.id).executeTakeFirstOrThrow()).balance).toBe(300);
    await expectLedgerBalanced(app.database);
  });

  it('a human copy and an AI copy: the AI never sees the human copy; a clash is rejected and the next candidate submitted', async () => {
    t = await createTestApp({ seed: 5 });
    const app = t;
    const db = app.database.db;
    const [me, other] = (await players(app, 2, 'solo')) as [TestPlayer, TestPlayer];
    const prompt = await writePrompt(app, me);
    const c = await startCopy(app, other);
    const human = copyPhraseFor(c.original_phrase);
    await submit(app, other, c.round_id, human);
    // An AI whose first idea is exactly the human's copy (a duplicate), then a fine one.
    class Echo extends AiPlayer {
      override async writeCopy(input: { original: string; otherCopy: string | null; persona: number }): Promise<AiAnswer<string[]>> {
        expect(input.otherCopy).toBeNull(); // the human's copy stays unseen
        return { value: [human, 'TOTALLY DIFFERENT', 'OH NO'], provider: 'local', latencyMs: 1, error: null, rejectedBeforeFirst: 0 };
      }
    }
    app.clock.advanceSeconds(15 * MIN);
    const report = await runAiBackupCycle(app.deps, new Echo(), app.clock.now());
    expect(report).toMatchObject({ copies: 1, failures: 0 });
    const ps = await db.selectFrom('phrasesets').selectAll().where('prompt_round_id', '=', prompt.roundId).executeTakeFirstOrThrow();
    expect([ps.copy_phrase_1, ps.copy_phrase_2]).toEqual([human, 'TOTALLY DIFFERENT']);
    const m = await db.selectFrom('ai_metrics').selectAll().executeTakeFirstOrThrow();
    expect(m).toMatchObject({ operation: 'copy', success: true, validation: 'retried', attempts: 2 });
    await expectLedgerBalanced(app.database);
  });

  it('batch size: at most AI_BACKUP_BATCH_SIZE prompts per cycle, each vote from a different AI, never on its own set', async () => {
    t = await createTestApp({ seed: 21, config: { AI_BACKUP_BATCH_SIZE: 2 } });
    const app = t;
    const db = app.database.db;
    const humans = await players(app, 3, 'solo');
    for (const h of humans) await writePrompt(app, h);
    app.clock.advanceSeconds(16 * MIN);
    const r1 = await runAiBackupCycle(app.deps, new AiPlayer(), app.clock.now());
    expect(r1.copies).toBe(4);
    expect(await db.selectFrom('phrasesets').select('id').execute()).toHaveLength(2);
    const r2 = await runAiBackupCycle(app.deps, new AiPlayer(), app.clock.now());
    expect(r2.copies).toBe(2);
    app.clock.advanceSeconds(16 * MIN);
    const r3 = await runAiBackupCycle(app.deps, new AiPlayer(), app.clock.now());
    expect(r3.votes).toBe(6);
    const r4 = await runAiBackupCycle(app.deps, new AiPlayer(), app.clock.now());
    expect(r4.votes).toBe(3);
    const sets = await db.selectFrom('phrasesets').selectAll().execute();
    expect(sets.map((s) => s.vote_count)).toEqual([3, 3, 3]);
    for (const s of sets) {
      const writers = (await db.selectFrom('phraseset_contributors').select('player_id').where('phraseset_id', '=', s.id).execute()).map((w) => w.player_id);
      const voters = (await db.selectFrom('votes').select('player_id').where('phraseset_id', '=', s.id).execute()).map((v) => v.player_id);
      expect(new Set(voters).size).toBe(3);
      for (const v of voters) expect(writers).not.toContain(v);
    }
    // Nothing more to do: another cycle is a no-op.
    const r5 = await runAiBackupCycle(app.deps, new AiPlayer(), app.clock.now());
    expect(r5).toEqual({ copies: 0, votes: 0, failures: 0, topUps: 0 });
    await expectLedgerBalanced(app.database);
  });

  it('deterministic: the same seed plays the same game; a lone player is finalized within delay + sleep + window', { timeout: 120_000 }, async () => {
    t = await createTestApp({ seed: 99 });
    await onePrompt(t);
    const first = await lonePlayerGame(t);
    expect(first.milestones).toEqual({ copies: 15, votes: 30, finalized: 40 });
    const a = await snapshot(t);
    await t.close();
    t = await createTestApp({ seed: 99 });
    await onePrompt(t);
    await lonePlayerGame(t);
    const b = await snapshot(t);
    expect(b).toEqual(a);
  });
});

describe('an LLM endpoint that fails or hangs changes nothing but latency', () => {
  it.each([
    ['error', 2],
    ['garbage', 2],
    ['hang', 1],
  ] as const)('%s: the same game as the local engine, each action recorded with the LLM error', async (mode, timeout) => {
    t = await createTestApp({ seed: 42 });
    await onePrompt(t);
    const local = await lonePlayerGame(t);
    const reference = await snapshot(t);
    await t.close();

    stub = await startLlmStub(mode);
    t = await createTestApp({ seed: 42, config: { AI_PROVIDER: 'openai', AI_BASE_URL: stub.url, AI_MODEL: 'stub', AI_API_KEY: 'k', AI_TIMEOUT_SECONDS: timeout } });
    await onePrompt(t);
    const llm = await lonePlayerGame(t);
    expect(llm.milestones).toEqual(local.milestones);
    const withLlm = await snapshot(t);
    expect(withLlm).toEqual(reference);
    expect(stub.requests.length).toBe(5); // 2 copies + 3 votes, one call each
    const metrics = await t.database.db.selectFrom('ai_metrics').selectAll().execute();
    expect(metrics).toHaveLength(5);
    for (const m of metrics) {
      expect(m).toMatchObject({ provider: 'local', success: true });
      expect(m.provider_error).toBeTruthy();
      if (mode === 'hang') expect(m.latency_ms).toBeGreaterThanOrEqual(900);
    }
    await expectLedgerBalanced(t.database);
  }, 120_000);

  it('a good LLM is used for copies and votes (still validated), and the game finishes the same way', async () => {
    stub = await startLlmStub('well', (user) => (user.includes('cannot see') ? 'MOONLIGHT SONATA\nRUBBER DUCK' : (user.match(/^1\. (.*)$/m)?.[1] ?? '')));
    t = await createTestApp({ seed: 42, config: { AI_PROVIDER: 'openai', AI_BASE_URL: stub.url, AI_MODEL: 'stub' } });
    await onePrompt(t);
    const { prompt } = await lonePlayerGame(t);
    const db = t.database.db;
    const ps = await db.selectFrom('phrasesets').selectAll().where('prompt_round_id', '=', prompt.roundId).executeTakeFirstOrThrow();
    expect(ps.status).toBe('finalized');
    expect([ps.copy_phrase_1, ps.copy_phrase_2].sort()).toEqual(['MOONLIGHT SONATA', 'RUBBER DUCK']);
    const metrics = await db.selectFrom('ai_metrics').selectAll().execute();
    expect(metrics.every((m) => m.provider === 'openai' && m.success)).toBe(true);
    await expectLedgerBalanced(t.database);
  });
});
