/**
 * How many SQL statements each game request runs (the round trips a request pays, most of them inside
 * its transaction while it holds row locks). Builds the real app in-process (same features as main.ts)
 * on in-memory PGlite, plays a few solo games through fastify inject and counts the statements each
 * request executes (BEGIN/COMMIT not included). Requests run one at a time and the scheduler does not
 * poll, so every statement belongs to the request in flight (fastify's inject does not keep the
 * caller's AsyncLocalStorage context: it dispatches from its ready callback).
 *
 *   node --import tsx bench/lib/query-count.ts            # counts per endpoint
 *   BENCH_SHOW_SQL='POST /phrasesets/:id/vote' node --import tsx bench/lib/query-count.ts   # and its statements
 */
import { testConfig } from '../../packages/server/src/config.ts';
import { connectDatabase, type Database } from '../../packages/server/src/db/connect.ts';
import { migrate } from '../../packages/server/src/db/migrate.ts';
import { installFeatures } from '../../packages/server/src/features.ts';
import { buildApp } from '../../packages/server/src/http/app.ts';
import { FakeClock } from '../../packages/server/src/platform/clock.ts';
import { createLogger } from '../../packages/server/src/platform/logger.ts';
import { seededRandom } from '../../packages/server/src/platform/random.ts';
import { MemoryHub } from '../../packages/server/src/realtime/hub.ts';
import { Scheduler } from '../../packages/server/src/scheduler/scheduler.ts';
import { buildDeps } from '../../packages/server/src/services/build-deps.ts';
import { loadPromptFile } from '../../packages/server/src/services/prompt-library.ts';

let current: { label: string; sql: string[] } | undefined;
const counts = new Map<string, { requests: number; statements: number; samples: string[][] }>();

async function main() {
  const base = await connectDatabase({});
  await migrate(base.db);
  // Every statement (builder or raw sql, in a transaction or not) goes through the executor class's
  // executeQuery: count it against the request in flight.
  const proto = Object.getPrototypeOf(base.db.getExecutor()) as { executeQuery: (...a: unknown[]) => Promise<unknown> };
  const orig = proto.executeQuery;
  proto.executeQuery = function (this: unknown, ...a: unknown[]) {
    const ctx = current;
    if (ctx) ctx.sql.push(String((a[0] as { sql?: string }).sql ?? '?').replace(/\s+/g, ' ').slice(0, 160));
    return orig.apply(this, a);
  };
  const database: Database = base;
  const config = testConfig({ VOTE_MINIMUM_WINDOW_SECONDS: 10, VOTE_CLOSING_WINDOW_SECONDS: 3 });
  const clock = new FakeClock('2026-01-05T12:00:00.000Z');
  const logger = createLogger('silent');
  const deps = buildDeps({ database, config, clock, random: seededRandom(7), hub: new MemoryHub(), logger, secret: config.SECRET_KEY });
  const scheduler = new Scheduler({ database, clock, handlers: [], logger, maxAttempts: 5, leaseSeconds: 60, batchSize: 20, pollMs: 1000 });
  const features = await installFeatures(deps, scheduler);
  const app = await buildApp(deps, { routes: features.routes });
  await app.ready();

  const call = async (label: string, method: 'GET' | 'POST', url: string, token?: string, payload?: Record<string, unknown>) => {
    const ctx = { label, sql: [] as string[] };
    current = ctx;
    const res = await app
      .inject({ method, url, ...(payload === undefined ? {} : { payload }), headers: token ? { authorization: `Bearer ${token}` } : {} })
      .finally(() => (current = undefined));
    if (res.statusCode >= 300) throw new Error(`${label}: ${res.statusCode} ${res.body}`);
    const c = counts.get(label) ?? { requests: 0, statements: 0, samples: [] };
    c.requests++;
    c.statements += ctx.sql.length;
    if (c.samples.length < 1) c.samples.push(ctx.sql);
    counts.set(label, c);
    return res.json();
  };

  const library = loadPromptFile();
  const answers = new Map(library.map((p) => [p.text, p.answers]));
  const guests: string[] = [];
  for (let i = 0; i < 12; i++) guests.push((await app.inject({ method: 'POST', url: '/auth/guest' }).then((r) => r.json())).access_token);
  // Four games: a prompt, two copies (phrases no prompt answer shares words with), then voters.
  const copies = ['PURPLE ELEPHANT', 'QUIET THUNDER', 'MOLDY CHEESE', 'BROKEN TUBA', 'SOGGY WAFFLE', 'RUSTY ANCHOR', 'TIRED GOOSE', 'FUZZY TOASTER'];
  for (let g = 0; g < 4; g++) {
    const writer = guests[g]!;
    await call('GET /rounds/available', 'GET', '/rounds/available', writer);
    const p = await call('POST /rounds/prompt', 'POST', '/rounds/prompt', writer);
    await call('POST /rounds/:id/submit (prompt)', 'POST', `/rounds/${p.round_id}/submit`, writer, { phrase: answers.get(p.prompt_text)![0] });
    for (const k of [1, 2]) {
      const copier = guests[4 + ((g + k) % 8)]!;
      const c = await call('POST /rounds/copy', 'POST', '/rounds/copy', copier, {});
      await call('POST /rounds/:id/submit (copy)', 'POST', `/rounds/${c.round_id}/submit`, copier, { phrase: copies[(2 * g + k) % copies.length] });
    }
  }
  for (const voter of guests) {
    for (;;) {
      const a = await call('GET /rounds/available', 'GET', '/rounds/available', voter);
      if (!a.can_vote) break;
      const v = await call('POST /rounds/vote', 'POST', '/rounds/vote', voter);
      await call('POST /phrasesets/:id/vote', 'POST', `/phrasesets/${v.phraseset_id}/vote`, voter, { phrase: v.phrases[0] });
    }
  }
  clock.advanceSeconds(30);
  await scheduler.runDue();
  for (const g of guests.slice(0, 4)) {
    const u = await call('GET /player/unclaimed-results', 'GET', '/player/unclaimed-results', g);
    for (const x of u.unclaimed) await call('POST /phrasesets/:id/claim', 'POST', `/phrasesets/${x.phraseset_id}/claim`, g);
  }

  const rows = Object.fromEntries(
    [...counts].map(([label, c]) => [label, { requests: c.requests, 'statements / request': Math.round((10 * c.statements) / c.requests) / 10 }]),
  );
  console.log('SQL statements per request (BEGIN/COMMIT not counted; the auth lookup is):');
  console.table(rows);
  const show = process.env.BENCH_SHOW_SQL;
  if (show) for (const s of counts.get(show)?.samples[0] ?? []) console.log(`  ${s}`);
  await app.close();
  await base.close();
}

await main();
