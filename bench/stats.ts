/**
 * Statistics and leaderboard latency (SPEC §6) on a large database.
 *
 * Seeds BENCH_PLAYERS (10,000) players and BENCH_ROUNDS (200,000) rounds with bulk SQL
 * (generate_series; no per-row round trips): 1/8 prompt rounds, 2/8 copy rounds, 5/8 vote rounds, so
 * every prompt has two copies and a finalized phraseset with 5 votes, the whole ledger that goes with
 * it (~1M entries, conserving coins), 80 % of prizes claimed, 5 % AI accounts, spread over 60 days.
 * Then times GET /player/statistics and GET /leaderboard through the real app (fastify inject: auth,
 * handler, response serialisation) for BENCH_SAMPLES different players.
 *
 *   node --import tsx bench/stats.ts                                  # PGlite (in memory)
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/stats.ts
 *       # PostgreSQL too: creates its own database qf_bench_<random> and drops it at the end
 *   BENCH_TARGETS=postgres|pglite|both (default: both when BENCH_DATABASE_URL is set, else pglite)
 *   BENCH_KEEP_DATABASE=1 keeps the PostgreSQL database for EXPLAIN (it prints its name)
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { testConfig } from '../packages/server/src/config.ts';
import { connectDatabase, type Database } from '../packages/server/src/db/connect.ts';
import { migrate } from '../packages/server/src/db/migrate.ts';
import type { DB } from '../packages/server/src/db/schema.ts';
import { installFeatures } from '../packages/server/src/features.ts';
import { buildApp } from '../packages/server/src/http/app.ts';
import { FakeClock } from '../packages/server/src/platform/clock.ts';
import { createLogger } from '../packages/server/src/platform/logger.ts';
import { seededRandom } from '../packages/server/src/platform/random.ts';
import { MemoryHub } from '../packages/server/src/realtime/hub.ts';
import { Scheduler } from '../packages/server/src/scheduler/scheduler.ts';
import { buildDeps } from '../packages/server/src/services/build-deps.ts';
import { auditLedger } from '../packages/server/src/services/ledger.ts';

const N = Number(process.env.BENCH_PLAYERS ?? 10_000);
const R = Number(process.env.BENCH_ROUNDS ?? 200_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 50);
const P = Math.floor(R / 8); // prompt rounds = phrasesets
const NOW = '2026-03-05T12:00:00.000Z'; // a Thursday: the week so far holds 3.5 of the 60 days
const TODAY = NOW.slice(0, 10);

const ms = (a: number) => `${a.toFixed(1)} ms`;

function summary(times: number[]) {
  const s = [...times].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return `min ${ms(s[0]!)}  p50 ${ms(at(0.5))}  p95 ${ms(at(0.95))}  max ${ms(s[s.length - 1]!)}  mean ${ms(s.reduce((a, b) => a + b, 0) / s.length)}  (n=${s.length})`;
}

async function step(label: string, db: Kysely<DB>, q: string): Promise<void> {
  const t0 = performance.now();
  await sql.raw(q).execute(db);
  console.log(`  seed: ${label.padEnd(28)} ${ms(performance.now() - t0)}`);
}

const player = (expr: string) => `md5('player' || (${expr}))::uuid`;

/** Bulk seed in SQL. Ids are md5-derived, so every row is reproducible. */
async function seed(db: Kysely<DB>): Promise<void> {
  const base = `'${NOW}'::timestamptz`;
  await step('players', db, `
    INSERT INTO players (id, username, username_key, pseudonym, email, is_guest, is_ai, balance, created_at, last_login_date)
    SELECT ${player('i')}, 'Bench Player ' || i, 'bench player ' || i, 'Bench Pseudonym ' || i,
      CASE WHEN i % 20 = 0 THEN NULL ELSE 'bench' || i || '@example.com' END, false, i % 20 = 0, 0,
      ${base} - interval '70 days' + (i % 1000) * interval '1 minute', '${TODAY}'
    FROM generate_series(0, ${N - 1}) i`);
  await step('starting balances', db, `
    INSERT INTO ledger_entries (transfer_id, account_kind, account_id, type, amount, balance_after, reference_id, created_at)
    SELECT md5('sb' || i)::uuid, x.kind, CASE WHEN x.kind = 'player' THEN ${player('i')} END, 'starting_balance', x.amount,
      CASE WHEN x.kind = 'player' THEN 5000 END, ${player('i')}, ${base} - interval '70 days' + (i % 1000) * interval '1 minute'
    FROM generate_series(0, ${N - 1}) i CROSS JOIN LATERAL (VALUES ('house', -5000), ('player', 5000)) x(kind, amount)`);
  // One row per phraseset: writers, voters' offsets, vote split, pool and payouts (SPEC §3.4 formula).
  await step('sets (scratch table)', db, `
    CREATE TABLE bench_sets AS
    WITH pr AS (SELECT array_agg(id ORDER BY key) AS ids, array_agg(text ORDER BY key) AS texts, count(*)::int AS n FROM prompts),
    s AS (
      SELECT j, ${player(`j % ${N}`)} AS w, ${player(`(j + 1 + j % 97) % ${N}`)} AS c1, ${player(`(j + 99 + j % 89) % ${N}`)} AS c2,
        ${base} - (j::float8 / ${P}) * interval '60 days' - interval '1 hour' AS t0,
        pr.ids[1 + j % pr.n] AS prompt_id, pr.texts[1 + j % pr.n] AS prompt_text,
        2 + j % 2 AS o, 2 - j % 2 AS a, 1 AS b
      FROM generate_series(0, ${P - 1}) j CROSS JOIN pr
    ), p AS (SELECT *, 200 + 50 - 20 * o AS pool, o + 2 * a + 2 * b AS tot FROM s)
    SELECT *, o * pool / tot AS pay_o, 2 * a * pool / tot AS pay_a, 2 * b * pool / tot AS pay_b, j % 5 <> 0 AS claimed FROM p`);
  await step('prompt rounds', db, `
    INSERT INTO rounds (id, player_id, type, status, cost, created_at, expires_at, ended_at, submitted_phrase, prompt_id, prompt_text, copies_claimed, copies_submitted)
    SELECT md5('pr' || j)::uuid, w, 'prompt', 'submitted', 100, t0, t0 + interval '3 minutes', t0 + interval '1 minute', 'ORIGINAL ' || j, prompt_id, prompt_text, 2, 2
    FROM bench_sets`);
  await step('copy rounds', db, `
    INSERT INTO rounds (id, player_id, type, status, cost, created_at, expires_at, ended_at, submitted_phrase, prompt_round_id, original_phrase, discount_active)
    SELECT md5('cr' || k || '_' || j)::uuid, CASE k WHEN 1 THEN c1 ELSE c2 END, 'copy', 'submitted', 50, t0 + k * interval '1 minute',
      t0 + k * interval '1 minute' + interval '3 minutes', t0 + (k + 1) * interval '1 minute', CASE k WHEN 1 THEN 'COPYA ' ELSE 'COPYB ' END || j,
      md5('pr' || j)::uuid, 'ORIGINAL ' || j, false
    FROM bench_sets CROSS JOIN generate_series(1, 2) k`);
  await step('phrasesets', db, `
    INSERT INTO phrasesets (id, prompt_round_id, prompt_text, original_phrase, copy_phrase_1, copy_phrase_2, status, vote_count, vote_slots_taken,
      third_vote_at, fifth_vote_at, closes_at, last_activity_at, pool_amount, total_pool, created_at, finalized_at)
    SELECT md5('ps' || j)::uuid, md5('pr' || j)::uuid, prompt_text, 'ORIGINAL ' || j, 'COPYA ' || j, 'COPYB ' || j, 'finalized', 5, 5,
      t0 + interval '7 minutes', t0 + interval '9 minutes', t0 + interval '10 minutes', t0 + interval '9 minutes', 0, pool, t0 + interval '3 minutes', t0 + interval '20 minutes'
    FROM bench_sets`);
  await step('contributors', db, `
    INSERT INTO phraseset_contributors (phraseset_id, role, player_id, round_id, phrase, points, payout, claimed_at)
    SELECT md5('ps' || j)::uuid, x.role, x.pid, x.rid, x.phrase, x.points, x.payout, CASE WHEN claimed THEN t0 + interval '30 minutes' END
    FROM bench_sets CROSS JOIN LATERAL (VALUES
      ('prompt', w, md5('pr' || j)::uuid, 'ORIGINAL ' || j, o, pay_o),
      ('copy1', c1, md5('cr1_' || j)::uuid, 'COPYA ' || j, 2 * a, pay_a),
      ('copy2', c2, md5('cr2_' || j)::uuid, 'COPYB ' || j, 2 * b, pay_b)) x(role, pid, rid, phrase, points, payout)`);
  // Votes k = 0..4: original, original, copy 1, copy 2, then original (odd j) or copy 1 (even j).
  await step('vote choices (scratch)', db, `
    CREATE TABLE bench_votes AS
    SELECT j, k, t0 + (5 + k) * interval '1 minute' AS at, ${player(`(j + 200 + k * 37 + j % 31) % ${N}`)} AS voter,
      CASE WHEN k < 2 OR (k = 4 AND j % 2 = 1) THEN 'ORIGINAL ' WHEN k = 3 THEN 'COPYB ' ELSE 'COPYA ' END || j AS phrase,
      (k < 2 OR (k = 4 AND j % 2 = 1)) AS correct
    FROM bench_sets CROSS JOIN generate_series(0, 4) k`);
  await step('vote rounds', db, `
    INSERT INTO rounds (id, player_id, type, status, cost, created_at, expires_at, ended_at, submitted_phrase, phraseset_id, phrase_order)
    SELECT md5('vr' || j || '_' || k)::uuid, voter, 'vote', 'submitted', 10, at - interval '30 seconds', at + interval '30 seconds', at, phrase, md5('ps' || j)::uuid, '[]'::jsonb
    FROM bench_votes`);
  await step('votes', db, `
    INSERT INTO votes (id, phraseset_id, player_id, round_id, voted_phrase, correct, payout, created_at)
    SELECT md5('v' || j || '_' || k)::uuid, md5('ps' || j)::uuid, voter, md5('vr' || j || '_' || k)::uuid, phrase, correct, CASE WHEN correct THEN 20 ELSE 0 END, at
    FROM bench_votes`);
  // Every transfer of the game, then its two entries (from −amount, to +amount).
  await step('ledger (game transfers)', db, `
    WITH t(tid, fk, fid, tk, toid, type, amount, ref, at) AS (
      SELECT md5('t_pe' || j), 'player', w, 'house', NULL::uuid, 'prompt_entry', 100, md5('pr' || j)::uuid, t0 FROM bench_sets
      UNION ALL SELECT md5('t_ce1' || j), 'player', c1, 'house', NULL, 'copy_entry', 50, md5('cr1_' || j)::uuid, t0 + interval '1 minute' FROM bench_sets
      UNION ALL SELECT md5('t_ce2' || j), 'player', c2, 'house', NULL, 'copy_entry', 50, md5('cr2_' || j)::uuid, t0 + interval '2 minutes' FROM bench_sets
      UNION ALL SELECT md5('t_pf' || j), 'house', NULL, 'pool', md5('ps' || j)::uuid, 'pool_funding', 200, md5('ps' || j)::uuid, t0 + interval '3 minutes' FROM bench_sets
      UNION ALL SELECT md5('t_ve' || j || '_' || k), 'player', voter, 'house', NULL, 'vote_entry', 10, md5('vr' || j || '_' || k)::uuid, at - interval '30 seconds' FROM bench_votes
      UNION ALL SELECT md5('t_vp' || j || '_' || k), 'house', NULL, 'pool', md5('ps' || j)::uuid, 'vote_to_pool', 10, md5('v' || j || '_' || k)::uuid, at FROM bench_votes
      UNION ALL SELECT md5('t_vo' || j || '_' || k), 'pool', md5('ps' || j)::uuid, 'player', voter, 'vote_payout', 20, md5('v' || j || '_' || k)::uuid, at FROM bench_votes WHERE correct
      UNION ALL SELECT md5('t_lo' || j), 'pool', md5('ps' || j)::uuid, 'house', NULL, 'pool_leftover', pool - pay_o - pay_a - pay_b, md5('ps' || j)::uuid, t0 + interval '20 minutes'
        FROM bench_sets WHERE pool - pay_o - pay_a - pay_b > 0
      UNION ALL SELECT md5('t_pp' || x.role || j), 'pool', md5('ps' || j)::uuid, 'player', x.pid, 'prize_payout', x.payout, md5('ps' || j)::uuid, t0 + interval '30 minutes'
        FROM bench_sets CROSS JOIN LATERAL (VALUES ('p', w, pay_o), ('a', c1, pay_a), ('b', c2, pay_b)) x(role, pid, payout) WHERE claimed AND x.payout > 0
    )
    INSERT INTO ledger_entries (transfer_id, account_kind, account_id, type, amount, balance_after, reference_id, created_at)
    SELECT tid::uuid, e.kind, e.id, type, e.amount, NULL, ref, at
    FROM t CROSS JOIN LATERAL (VALUES (fk, fid, -amount), (tk, toid, amount)) e(kind, id, amount)`);
  await step('stored balances', db, `
    UPDATE players p SET balance = s.total FROM (
      SELECT account_id, sum(amount)::int AS total FROM ledger_entries WHERE account_kind = 'player' GROUP BY account_id) s
    WHERE p.id = s.account_id`);
  await step('pool amounts', db, `
    UPDATE phrasesets ps SET pool_amount = s.total FROM (
      SELECT account_id, sum(amount)::int AS total FROM ledger_entries WHERE account_kind = 'pool' GROUP BY account_id) s
    WHERE ps.id = s.account_id`);
  await step('drop scratch tables', db, 'DROP TABLE bench_sets; DROP TABLE bench_votes');
  await step('vacuum analyze', db, 'VACUUM ANALYZE');
}

async function run(label: string, database: Database): Promise<void> {
  console.log(`\n== ${label}: ${N} players, ${8 * P} rounds (${P} prompt, ${2 * P} copy, ${5 * P} vote), ${P} finalized phrasesets`);
  const t0 = performance.now();
  await migrate(database.db);
  const config = testConfig({ LOG_LEVEL: 'silent' });
  const clock = new FakeClock(NOW);
  const logger = createLogger('silent');
  const deps = buildDeps({ database, config, clock, random: seededRandom(1), hub: new MemoryHub(), logger, secret: config.SECRET_KEY });
  const scheduler = new Scheduler({ database, clock, handlers: [], logger, maxAttempts: 1, leaseSeconds: 60, batchSize: 1, pollMs: 1000 });
  const features = await installFeatures(deps, scheduler); // loads the prompt library the rounds refer to
  await seed(database.db);
  const counts = await sql<{ players: number; rounds: number; entries: number }>`
    SELECT (SELECT count(*) FROM players)::int8 AS players, (SELECT count(*) FROM rounds)::int8 AS rounds, (SELECT count(*) FROM ledger_entries)::int8 AS entries`.execute(database.db);
  const audit = await auditLedger(database);
  console.log(`  seeded in ${ms(performance.now() - t0)}: ${JSON.stringify(counts.rows[0])}; ledger audit: ${audit.length === 0 ? 'balanced' : audit.join('; ')}`);
  // This machine may be shared: the load average says how far the figures below are from an idle one.
  console.log(`  load average: ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} CPUs`);

  const app = await buildApp(deps, { routes: features.routes });
  await app.ready();
  try {
    const humans = await database.db.selectFrom('players').select(['id', 'username']).where('is_ai', '=', false).orderBy('id').execute();
    const step = Math.max(1, Math.floor(humans.length / SAMPLES));
    const sample = humans.filter((_, i) => i % step === 0).slice(0, SAMPLES);
    const tokens = await Promise.all(sample.map((p) => deps.tokens.sign({ sub: p.id, username: p.username }, 'access', clock.now(), 7200)));
    const time = async (url: string) => {
      const out: number[] = [];
      for (const token of tokens) {
        const s = performance.now();
        const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
        const e = performance.now() - s;
        if (res.statusCode !== 200) throw new Error(`${url} → ${res.statusCode} ${res.body}`);
        out.push(e);
      }
      return out;
    };
    await time('/player/statistics'); // warm-up (JIT, plans, caches)
    await time('/leaderboard');
    const stats = await time('/player/statistics');
    const board = await time('/leaderboard');
    console.log(`  GET /player/statistics  ${summary(stats)}`);
    console.log(`  GET /leaderboard        ${summary(board)}`);
    const one = await app.inject({ method: 'GET', url: '/player/statistics', headers: { authorization: `Bearer ${tokens[0]}` } });
    const s = one.json();
    console.log(`  sample statistics: rounds ${s.frequency.total_rounds_played}, prompt win rate ${s.prompt_stats.win_rate}, vote accuracy ${s.voter_stats.vote_accuracy}, earnings ${s.earnings.total_earnings}, spending ${s.earnings.total_spending}`);
  } finally {
    await app.close();
    await features.beforeClose?.();
  }
}

async function main(): Promise<void> {
  const url = process.env.BENCH_DATABASE_URL;
  const targets = (process.env.BENCH_TARGETS ?? (url ? 'both' : 'pglite')).toLowerCase();
  if ((targets === 'postgres' || targets === 'both') && !url) throw new Error('BENCH_DATABASE_URL is required for PostgreSQL');

  if (targets === 'postgres' || targets === 'both') {
    const name = `qf_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(url!);
    u.pathname = `/${name}`;
    const database = await connectDatabase({ databaseUrl: u.toString(), poolSize: 10 });
    try {
      await run(`PostgreSQL (${name})`, database);
    } finally {
      await database.close();
      if (process.env.BENCH_KEEP_DATABASE) {
        console.log(`  kept ${name} (BENCH_KEEP_DATABASE): drop it with DROP DATABASE ${name}`);
      } else {
        const a = new pg.Client({ connectionString: url });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
        console.log(`  dropped ${name}`);
      }
    }
  }
  if (targets === 'pglite' || targets === 'both') {
    const database = await connectDatabase({});
    try {
      await run('PGlite (in memory)', database);
    } finally {
      await database.close();
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
