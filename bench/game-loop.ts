/**
 * Load benchmark of the REAL solo game loop through HTTP (SPEC §3–§5): the server runs as a child
 * process (bench/lib/server.ts) on PGlite (a temp DATA_DIR) and, when BENCH_DATABASE_URL is set, on
 * PostgreSQL (a database of its own, created and dropped here).
 *
 * BENCH_PLAYERS guests (POST /auth/guest) are shared by BENCH_CONCURRENCY virtual players. Each virtual
 * player loops over turns with an idle guest (never two turns of one guest at once): GET
 * /rounds/available, then a prompt, copy or vote round (start + submit / vote), chosen among what is
 * available and weighted by the queue lengths so that prompts feed copies, copies make phrasesets and
 * votes finish them; now and then it lists its unclaimed results and claims them. Phrases are the
 * library's answers (content/prompts.json); a copy uses another prompt's answer sharing no significant
 * word with the original and tries another one on a 400.
 *
 * A "game action" is one request that starts / submits / votes / claims / abandons; reads (availability,
 * unclaimed results) are counted apart. Only requests started in the measured window count (after
 * BENCH_WARMUP seconds). At the end the server is stopped and the ledger audited (services/ledger.ts,
 * in a child process: bench/lib/audit.ts).
 *
 *   node --import tsx bench/game-loop.ts
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/game-loop.ts
 *
 * Env: BENCH_PLAYERS (200), BENCH_CONCURRENCY (50), BENCH_DURATION s (20), BENCH_WARMUP s (2),
 * BENCH_CLAIM_PROB (0.15, chance a turn starts with a look at unclaimed results),
 * BENCH_TARGETS (pglite | postgres | both; default both when BENCH_DATABASE_URL is set),
 * BENCH_CPU_PROF=1 (run the server under --cpu-prof and summarise where its CPU went),
 * BENCH_KEEP_DATABASE=1 (keep the PostgreSQL database for EXPLAIN), BENCH_LOG_LEVEL (warn).
 * Server settings (DB_POOL_SIZE, VOTE_MINIMUM_WINDOW_SECONDS, ...) pass through from the environment.
 */
import http from 'node:http';
import { mkdtempSync, readdirSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { significantWords } from '../packages/server/src/domain/phrases/significant-words.ts';
import { wordsClash } from '../packages/server/src/domain/phrases/similarity.ts';
import { loadPromptFile } from '../packages/server/src/services/prompt-library.ts';
import { auditInChild } from './lib/audit.ts';
import { summariseProfile } from './lib/cpuprofile.ts';
import { withPostgresDatabase, type BenchDatabase } from './lib/postgres.ts';
import { cpuSecondsOf, cpuTimesOf, loadAverage, mib, sampleMemory } from './lib/proc.ts';
import { startServer, tempDir, type RunningServer } from './lib/server.ts';

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  const v = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(v) || v < 0) throw new Error(`${name} must be a non-negative number`);
  return v;
}

const PLAYERS = Math.max(1, Math.floor(envNumber('BENCH_PLAYERS', 200)));
const CONCURRENCY = Math.max(1, Math.floor(envNumber('BENCH_CONCURRENCY', 50)));
const DURATION_S = envNumber('BENCH_DURATION', 20);
const WARMUP_S = envNumber('BENCH_WARMUP', 2);
const CLAIM_PROB = envNumber('BENCH_CLAIM_PROB', 0.15);
const CPU_PROF = process.env.BENCH_CPU_PROF === '1';
const KEEP_DB = process.env.BENCH_KEEP_DATABASE === '1';
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'warn';
if (PLAYERS < CONCURRENCY) throw new Error('BENCH_PLAYERS must be at least BENCH_CONCURRENCY (a guest plays one turn at a time)');

/** Server settings: the bench's defaults unless the environment sets them. */
function serverEnv(): Record<string, string> {
  const dflt = (name: string, value: string) => ({ [name]: process.env[name] ?? value });
  return {
    RATE_LIMIT_ENABLED: 'false',
    SCHEDULER_ENABLED: 'true',
    LOG_LEVEL,
    // Short voting windows, so phrasesets finalize (and prizes get claimed) within the run.
    ...dflt('VOTE_MINIMUM_WINDOW_SECONDS', '10'),
    ...dflt('VOTE_CLOSING_WINDOW_SECONDS', '3'),
    ...dflt('SCHEDULER_POLL_MS', '250'),
  };
}

// ---------------------------------------------------------------------------------------------
// Phrases

const library = loadPromptFile();
const answersByPrompt = new Map(library.map((p) => [p.text, p.answers]));
const allAnswers = [...new Set(library.flatMap((p) => p.answers))];
const sigWords = new Map(allAnswers.map((a) => [a, significantWords(a)]));

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
function shuffled<T>(xs: readonly T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** Up to `n` library answers that share no significant word with `original` (SPEC §4.3, §4.4). */
function copyCandidates(original: string, n: number): string[] {
  const theirs = significantWords(original);
  const out: string[] = [];
  for (let tries = 0; out.length < n && tries < 200; tries++) {
    const c = pick(allAnswers);
    if (c === original || out.includes(c)) continue;
    if ((sigWords.get(c) ?? []).some((w) => theirs.some((o) => wordsClash(w, o)))) continue;
    out.push(c);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// HTTP client (node:http, keep-alive) and the recorder

interface Res {
  status: number;
  json: any;
}

class Recorder {
  measuring = false;
  readonly actions: number[] = [];
  readonly reads: number[] = [];
  readonly byLabel = new Map<string, { kind: 'action' | 'read'; ms: number[] }>();
  readonly errors = new Map<string, number>();
  count4xx = 0;
  count5xx = 0;
  network = 0;
  idleTurns = 0;
  turns = 0;

  record(kind: 'action' | 'read', label: string, ms: number, res: Res | null, errKey?: string): void {
    if (!this.measuring) return;
    (kind === 'action' ? this.actions : this.reads).push(ms);
    let l = this.byLabel.get(label);
    if (!l) this.byLabel.set(label, (l = { kind, ms: [] }));
    l.ms.push(ms);
    if (res === null) {
      this.network++;
      this.bump(`network ${errKey ?? 'error'} (${label})`);
    } else if (res.status >= 500) {
      this.count5xx++;
      this.bump(`${res.status} ${res.json?.code ?? ''} (${label})`);
    } else if (res.status >= 400) {
      this.count4xx++;
      this.bump(`${res.status} ${res.json?.code ?? ''} (${label})`);
    }
  }

  private bump(key: string) {
    this.errors.set(key, (this.errors.get(key) ?? 0) + 1);
  }
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
const sortNum = (xs: number[]) => Float64Array.from(xs).sort();

class Client {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY + 8 });
  private readonly host: string;
  private readonly port: number;

  constructor(
    base: string,
    readonly rec: Recorder,
  ) {
    const u = new URL(base);
    this.host = u.hostname;
    this.port = Number(u.port);
  }

  raw(method: string, path: string, token?: string, body?: unknown): Promise<Res> {
    return new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const headers: Record<string, string | number> = {};
      if (token) headers.authorization = `Bearer ${token}`;
      if (payload !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(payload);
      }
      const req = http.request({ host: this.host, port: this.port, method, path, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = null;
          try {
            json = text ? JSON.parse(text) : null;
          } catch {
            json = { code: 'non_json_body' };
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** One timed request; network failures are recorded and answered as status 0. */
  async call(kind: 'action' | 'read', label: string, method: string, path: string, token: string, body?: unknown): Promise<Res> {
    const t0 = performance.now();
    const measured = this.rec.measuring;
    try {
      const res = await this.raw(method, path, token, body);
      if (measured) this.rec.record(kind, label, performance.now() - t0, res);
      return res;
    } catch (e) {
      if (measured) this.rec.record(kind, label, performance.now() - t0, null, (e as { code?: string }).code);
      return { status: 0, json: null };
    }
  }

  close(): void {
    this.agent.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// The virtual players

interface Guest {
  id: string;
  token: string;
}

interface Availability {
  can_prompt: boolean;
  can_copy: boolean;
  can_vote: boolean;
  prompts_waiting: number;
  phrasesets_waiting: number;
  copy_cost: number;
  current_round_id: string | null;
}

const PHRASE_REJECTIONS = new Set(['invalid_phrase', 'duplicate_phrase']);
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Submits candidates in turn until one is accepted; a round left with none accepted is abandoned. */
async function submitFirstAccepted(c: Client, g: Guest, roundId: string, label: string, candidates: string[]): Promise<void> {
  for (const phrase of candidates) {
    const r = await c.call('action', label, 'POST', `/rounds/${roundId}/submit`, g.token, { phrase });
    if (r.status === 200) return;
    if (r.status !== 400 || !PHRASE_REJECTIONS.has(r.json?.code)) break;
  }
  await c.call('action', 'POST /rounds/:id/abandon', 'POST', `/rounds/${roundId}/abandon`, g.token);
}

async function playPrompt(c: Client, g: Guest): Promise<void> {
  const r = await c.call('action', 'POST /rounds/prompt', 'POST', '/rounds/prompt', g.token);
  if (r.status !== 200) return;
  const own = shuffled(answersByPrompt.get(r.json.prompt_text) ?? []);
  await submitFirstAccepted(c, g, r.json.round_id, 'POST /rounds/:id/submit (prompt)', [...own.slice(0, 3), ...copyCandidates(r.json.prompt_text, 2)]);
}

async function playCopy(c: Client, g: Guest, expectedCost: number): Promise<void> {
  let r = await c.call('action', 'POST /rounds/copy', 'POST', '/rounds/copy', g.token, { expected_cost: expectedCost });
  // The price moved since the player looked (the discount follows the queue): accept the new one once.
  if (r.status === 409 && r.json?.code === 'price_changed') {
    r = await c.call('action', 'POST /rounds/copy', 'POST', '/rounds/copy', g.token, { expected_cost: r.json.copy_cost });
  }
  if (r.status !== 200) return;
  await submitFirstAccepted(c, g, r.json.round_id, 'POST /rounds/:id/submit (copy)', copyCandidates(r.json.original_phrase, 5));
}

async function playVote(c: Client, g: Guest): Promise<void> {
  const r = await c.call('action', 'POST /rounds/vote', 'POST', '/rounds/vote', g.token);
  if (r.status !== 200) return;
  await c.call('action', 'POST /phrasesets/:id/vote', 'POST', `/phrasesets/${r.json.phraseset_id}/vote`, g.token, { phrase: pick(r.json.phrases as string[]) });
}

async function collectPrizes(c: Client, g: Guest): Promise<void> {
  const r = await c.call('read', 'GET /player/unclaimed-results', 'GET', '/player/unclaimed-results', g.token);
  if (r.status !== 200) return;
  for (const u of (r.json.unclaimed as Array<{ phraseset_id: string }>).slice(0, 3)) {
    await c.call('action', 'POST /phrasesets/:id/claim', 'POST', `/phrasesets/${u.phraseset_id}/claim`, g.token);
  }
}

async function turn(c: Client, g: Guest): Promise<void> {
  if (c.rec.measuring) c.rec.turns++;
  if (Math.random() < CLAIM_PROB) await collectPrizes(c, g);
  const r = await c.call('read', 'GET /rounds/available', 'GET', '/rounds/available', g.token);
  if (r.status !== 200) return;
  const a = r.json as Availability;
  if (a.current_round_id) {
    // Left over from an earlier failure: free the guest.
    await c.call('action', 'POST /rounds/:id/abandon', 'POST', `/rounds/${a.current_round_id}/abandon`, g.token);
    return;
  }
  // Each prompt needs two copies, each phraseset 3–5 votes: lean on whichever queue is long.
  const w = {
    prompt: a.can_prompt ? 1 : 0,
    copy: a.can_copy ? 2 * clamp(a.prompts_waiting / 10, 0.5, 3) : 0,
    vote: a.can_vote ? 4 * clamp(a.phrasesets_waiting / 10, 0.5, 3) : 0,
  };
  const total = w.prompt + w.copy + w.vote;
  if (total === 0) {
    if (c.rec.measuring) c.rec.idleTurns++;
    return;
  }
  let x = Math.random() * total;
  if ((x -= w.prompt) < 0) return playPrompt(c, g);
  if ((x -= w.copy) < 0) return playCopy(c, g, a.copy_cost);
  return playVote(c, g);
}

async function createGuests(c: Client, n: number): Promise<Guest[]> {
  const guests: Guest[] = [];
  const worker = async () => {
    while (guests.length < n) {
      const r = await c.raw('POST', '/auth/guest');
      if (r.status !== 201) throw new Error(`POST /auth/guest: ${r.status} ${JSON.stringify(r.json)}`);
      guests.push({ id: r.json.player_id, token: r.json.access_token });
    }
  };
  await Promise.all(Array.from({ length: Math.min(10, n) }, worker));
  return guests.slice(0, n);
}

// ---------------------------------------------------------------------------------------------
// One run

interface RunResult {
  database: string;
  windowS: number;
  rec: Recorder;
  server: { peakRss: number; hwm: number; cpuS: number; sysS: number };
  bench: { peakRss: number; hwm: number; cpuS: number; loopP99Ms: number };
  pgBackendCpuS: number | null;
  /** How often each backend state was seen (pg_stat_activity samples), PostgreSQL only. */
  pgActivity: Map<string, number> | null;
  load: { before: string; after: string };
  audit: string[];
  flow: Record<string, string | number>;
  profile?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** On PostgreSQL pass `pg` (the database is audited through its URL); on PGlite the DATA_DIR is. */
async function run(database: string, dbEnv: Record<string, string>, pg?: BenchDatabase): Promise<RunResult> {
  const data = tempDir('bench-game-loop');
  const profDir = CPU_PROF ? mkdtempSync(join(tmpdir(), 'quipflip-cpuprof-')) : undefined;
  const nodeArgs = profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];
  let server: RunningServer | undefined = await startServer({ ...serverEnv(), ...dbEnv, DATA_DIR: data.path }, 120_000, nodeArgs);
  const rec = new Recorder();
  const client = new Client(server.url, rec);
  try {
    const t0 = performance.now();
    const guests = await createGuests(client, PLAYERS);
    process.stdout.write(`${database}: server ready in ${Math.round(server.readyMs)} ms, ${guests.length} guests in ${Math.round(performance.now() - t0)} ms; ` +
      `${CONCURRENCY} virtual players, warm-up ${WARMUP_S} s, measuring ${DURATION_S} s...\n`);

    const idle = [...guests];
    let stop = false;
    const vp = async () => {
      while (!stop) {
        const g = idle.shift();
        if (!g) {
          await sleep(1);
          continue;
        }
        try {
          await turn(client, g);
        } finally {
          idle.push(g);
        }
      }
    };
    const serverMem = sampleMemory(server.pid);
    const benchMem = sampleMemory('self');
    const loop = monitorEventLoopDelay({ resolution: 10 });
    const players = Array.from({ length: CONCURRENCY }, vp);
    await sleep(WARMUP_S * 1000);

    const loadBefore = loadAverage();
    const pgPids = pg ? await pg.backendPids() : [];
    const pgCpu0 = pgPids.reduce((s, p) => s + cpuSecondsOf(p), 0);
    const serverCpu0 = cpuTimesOf(server.pid);
    const benchCpu0 = process.cpuUsage();
    const activity = pg?.sampleActivity();
    loop.enable();
    const w0 = performance.now();
    rec.measuring = true;
    await sleep(DURATION_S * 1000);
    rec.measuring = false;
    const windowS = (performance.now() - w0) / 1000;
    loop.disable();
    const benchCpu = process.cpuUsage(benchCpu0);
    const serverCpu1 = cpuTimesOf(server.pid);
    const serverCpuS = serverCpu1.user + serverCpu1.sys - serverCpu0.user - serverCpu0.sys;
    const serverSysS = serverCpu1.sys - serverCpu0.sys;
    const pgCpuS = pg ? pgPids.reduce((s, p) => s + cpuSecondsOf(p), 0) - pgCpu0 : null;
    const loadAfter = loadAverage();
    const pgActivity = (await activity?.stop()) ?? null;
    stop = true;
    await Promise.all(players);
    const sm = serverMem.stop();
    const bm = benchMem.stop();
    client.close();

    // Stop the server first: PGlite's folder is locked while it runs; on PostgreSQL no request is in flight.
    await server.stop();
    server = undefined;
    const profile = profDir ? readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile')).sort().map((f) => join(profDir, f))[0] /* thread 0: the main thread */ : undefined;
    const { problems, flow } = await auditInChild(pg ? { url: pg.url } : { dataDir: data.path });
    return {
      database,
      windowS,
      rec,
      server: { ...sm, cpuS: serverCpuS, sysS: serverSysS },
      bench: { ...bm, cpuS: (benchCpu.user + benchCpu.system) / 1e6, loopP99Ms: loop.percentile(99) / 1e6 },
      pgBackendCpuS: pgCpuS,
      pgActivity,
      load: { before: loadBefore, after: loadAfter },
      audit: problems,
      flow,
      profile,
    };
  } finally {
    client.close();
    await server?.stop();
    data.remove();
  }
}

// ---------------------------------------------------------------------------------------------
// Report

const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '-');

function report(r: RunResult): void {
  const acts = sortNum(r.rec.actions) as unknown as number[];
  const reads = sortNum(r.rec.reads) as unknown as number[];
  process.stdout.write(`\n=== ${r.database}: ${r.windowS.toFixed(1)} s measured, ${CONCURRENCY} virtual players over ${PLAYERS} guests ===\n`);
  console.table({
    'game actions': {
      count: acts.length,
      'per s': Math.round(acts.length / r.windowS),
      'p50 ms': ms(percentile(acts, 0.5)),
      'p95 ms': ms(percentile(acts, 0.95)),
      'p99 ms': ms(percentile(acts, 0.99)),
      'max ms': ms(percentile(acts, 1)),
    },
    reads: {
      count: reads.length,
      'per s': Math.round(reads.length / r.windowS),
      'p50 ms': ms(percentile(reads, 0.5)),
      'p95 ms': ms(percentile(reads, 0.95)),
      'p99 ms': ms(percentile(reads, 0.99)),
      'max ms': ms(percentile(reads, 1)),
    },
  });
  const rows: Record<string, Record<string, string | number>> = {};
  for (const [label, { kind, ms: xs }] of [...r.rec.byLabel].sort((a, b) => b[1].ms.length - a[1].ms.length)) {
    const s = sortNum(xs) as unknown as number[];
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    rows[label] = { kind, count: s.length, 'per s': Math.round(s.length / r.windowS), 'mean ms': ms(mean), 'p50 ms': ms(percentile(s, 0.5)), 'p99 ms': ms(percentile(s, 0.99)) };
  }
  console.table(rows);
  process.stdout.write(`turns ${r.rec.turns} (nothing available: ${r.rec.idleTurns}); 4xx ${r.rec.count4xx}, 5xx ${r.rec.count5xx}, network errors ${r.rec.network}\n`);
  if (r.rec.errors.size > 0) {
    const errs = Object.fromEntries([...r.rec.errors].sort((a, b) => b[1] - a[1]).map(([k, n]) => [k, { count: n }]));
    console.table(errs);
  }
  const requests = acts.length + reads.length;
  const cpu = (s: number) => `${s.toFixed(1)} CPU s (${Math.round((100 * s) / r.windowS)} % of a core, ${((1000 * s) / requests).toFixed(2)} ms per request)`;
  process.stdout.write(
    `server: peak RSS ${mib(r.server.peakRss)} (sampled every 250 ms), VmHWM ${mib(r.server.hwm)}, ${cpu(r.server.cpuS)}, of which kernel ${Math.round((100 * r.server.sysS) / Math.max(r.server.cpuS, 1e-9))} %\n` +
      `bench:  peak RSS ${mib(r.bench.peakRss)}, VmHWM ${mib(r.bench.hwm)}, ${cpu(r.bench.cpuS)}, event-loop delay p99 ${ms(r.bench.loopP99Ms)} ms\n` +
      (r.pgBackendCpuS === null ? '' : `postgres backends of this database: ${cpu(r.pgBackendCpuS)}\n`) +
      `load average (1/5/15 min) at start ${r.load.before}, at end ${r.load.after} (${availableParallelism()} CPUs)\n`,
  );
  if (r.pgActivity && r.pgActivity.size > 0) {
    const total = [...r.pgActivity.values()].reduce((a, b) => a + b, 0);
    const parts = [...r.pgActivity].sort((a, b) => b[1] - a[1]).filter(([, n]) => n / total >= 0.005);
    process.stdout.write(`postgres backend states (pg_stat_activity every 50 ms, ${total} samples of ${r.pgActivity.size} kinds; >= 0.5 %):\n`);
    for (const [k, n] of parts) process.stdout.write(`  ${((100 * n) / total).toFixed(1).padStart(5)} %  ${k}\n`);
  }
  for (const [k, v] of Object.entries(r.flow)) process.stdout.write(`  ${k}: ${v}\n`);
  process.stdout.write(r.audit.length === 0 ? 'ledger audit: coins conserved (auditLedger found no problem)\n' : `ledger audit: PROBLEMS\n  ${r.audit.join('\n  ')}\n`);
  if (r.profile) {
    const s = summariseProfile(r.profile, 25);
    process.stdout.write(`\nserver CPU profile ${r.profile} (${Math.round(s.totalMs)} ms sampled, whole server life):\n`);
    console.table(s.byArea.slice(0, 20));
    console.table(s.top);
  }
}

// ---------------------------------------------------------------------------------------------

const pgUrl = process.env.BENCH_DATABASE_URL;
const targets = process.env.BENCH_TARGETS ?? (pgUrl ? 'both' : 'pglite');
if (!['pglite', 'postgres', 'both'].includes(targets)) throw new Error('BENCH_TARGETS must be pglite, postgres or both');
if (targets !== 'pglite' && !pgUrl) throw new Error('BENCH_TARGETS includes postgres: set BENCH_DATABASE_URL');

process.stdout.write(`Quipflip game loop, Node ${process.version}, log level ${LOG_LEVEL}, server env ${JSON.stringify(serverEnv())}\n`);
const results: RunResult[] = [];
if (targets !== 'postgres') {
  const r = await run('PGlite', { DATABASE_URL: '' });
  results.push(r);
  report(r);
}
if (targets !== 'pglite' && pgUrl) {
  const r = await withPostgresDatabase(pgUrl, (pg) => run('PostgreSQL', { DATABASE_URL: pg.url }, pg), KEEP_DB);
  results.push(r);
  report(r);
}
if (targets !== 'pglite' && !pgUrl) process.stdout.write('(set BENCH_DATABASE_URL=postgres://... to also run against PostgreSQL)\n');
if (results.some((r) => r.rec.count5xx > 0 || r.rec.network > 0 || r.audit.length > 0)) {
  process.stdout.write('FAILED: 5xx answers, network errors or ledger problems (see above).\n');
  process.exitCode = 1;
}
