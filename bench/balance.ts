/**
 * Throughput of an authenticated read: GET /player/balance with a bearer token, through the real
 * server (child process, free port), on PGlite (fresh temp DATA_DIR) and, when BENCH_DATABASE_URL is
 * set, on PostgreSQL (a database of its own, created and dropped here). Rate limits are off
 * (RATE_LIMIT_ENABLED=false); logs at warn unless BENCH_LOG_LEVEL says otherwise.
 *
 * Usage:
 *   node --import tsx bench/balance.ts [--duration 10] [--connections 20] [--warmup 2]
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/balance.ts
 */
import autocannon, { type AutocannonResult } from 'autocannon';
import { withPostgresDatabase } from './lib/postgres.ts';
import { arg, startServer, tempDir } from './lib/server.ts';

const duration = arg('duration', 10);
const connections = arg('connections', 20);
const warmup = arg('warmup', 2);
const logLevel = process.env.BENCH_LOG_LEVEL ?? 'warn';

interface Row {
  database: string;
  result: AutocannonResult;
}

async function registerPlayer(url: string): Promise<string> {
  const res = await fetch(`${url}/player`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `bench.${Date.now()}@example.com`, password: 'Bench1234pass' }),
  });
  if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function run(database: string, env: Record<string, string>): Promise<Row> {
  const data = tempDir('bench-balance');
  const server = await startServer({ ...env, DATA_DIR: data.path, RATE_LIMIT_ENABLED: 'false', LOG_LEVEL: logLevel });
  try {
    const token = await registerPlayer(server.url);
    const target = { url: `${server.url}/player/balance`, connections, headers: { authorization: `Bearer ${token}` } };
    const check = await fetch(target.url, { headers: target.headers });
    if (check.status !== 200) throw new Error(`GET /player/balance: ${check.status} ${await check.text()}`);
    process.stdout.write(`${database}: warm-up ${warmup} s, then ${duration} s with ${connections} connections...\n`);
    await autocannon({ ...target, duration: warmup });
    const result = await autocannon({ ...target, duration });
    return { database, result };
  } finally {
    await server.stop();
    data.remove();
  }
}

const rows: Row[] = [];
rows.push(await run('PGlite', { DATABASE_URL: '' }));
const pgUrl = process.env.BENCH_DATABASE_URL;
if (pgUrl) rows.push(await withPostgresDatabase(pgUrl, (db) => run('PostgreSQL', { DATABASE_URL: db.url })));
else process.stdout.write('(set BENCH_DATABASE_URL=postgres://... to also run against PostgreSQL)\n');

const table = rows.map(({ database, result: r }) => ({
  database,
  'req/s': Math.round(r.requests.average),
  'p50 ms': r.latency.p50,
  'p99 ms': r.latency.p99,
  requests: r.requests.total,
  'non-2xx': r.non2xx,
  errors: r.errors + r.timeouts,
}));
process.stdout.write(`\nGET /player/balance, ${connections} connections, ${duration} s, Node ${process.version}, log level ${logLevel}\n`);
console.table(table);
if (rows.some((r) => r.result.non2xx > 0 || r.result.errors > 0)) {
  process.stdout.write('WARNING: some requests failed; the figures above are not valid.\n');
  process.exitCode = 1;
}
