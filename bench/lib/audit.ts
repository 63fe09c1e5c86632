/**
 * End-of-run checks of a bench database: `auditLedger` (coins conserved) and what the run left
 * (rounds, phrasesets, votes, claims). Run as its own process so the bench's memory figures never
 * include PGlite (whose data folder can only be opened once the server has stopped):
 *
 *   node --import tsx bench/lib/audit.ts --data-dir DIR | --url postgres://...
 * prints `{"problems": [...], "flow": {...}}`.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { connectDatabase, type Database } from '../../packages/server/src/db/connect.ts';
import { auditLedger } from '../../packages/server/src/services/ledger.ts';
import { repoRoot } from './server.ts';

export interface AuditResult {
  problems: string[];
  flow: Record<string, string | number>;
}

/** What the run left in the database: rounds by type and status, phrasesets by status, votes, claims. */
async function flowCounts(database: Database): Promise<Record<string, string | number>> {
  const db = database.db;
  const rounds = await sql<{ type: string; status: string; n: number }>`SELECT type, status, count(*)::int8 AS n FROM rounds GROUP BY 1, 2 ORDER BY 1, 2`.execute(db);
  const sets = await sql<{ status: string; n: number }>`SELECT status, count(*)::int8 AS n FROM phrasesets GROUP BY 1 ORDER BY 1`.execute(db);
  const other = await sql<{ votes: number; claimed: number; ledger: number; jobs: number }>`
    SELECT (SELECT count(*) FROM votes)::int8 AS votes,
           (SELECT count(*) FROM phraseset_contributors WHERE claimed_at IS NOT NULL)::int8 AS claimed,
           (SELECT count(*) FROM ledger_entries)::int8 AS ledger,
           (SELECT count(*) FROM scheduled_jobs)::int8 AS jobs`.execute(db);
  const fmt = (rows: Array<{ n: number } & Record<string, unknown>>, keys: string[]) => rows.map((r) => `${keys.map((k) => r[k]).join('/')} ${r.n}`).join(', ');
  const o = other.rows[0]!;
  return {
    rounds: fmt(rounds.rows, ['type', 'status']),
    phrasesets: fmt(sets.rows, ['status']),
    votes: o.votes,
    'prizes claimed': o.claimed,
    'ledger entries': o.ledger,
    'scheduled jobs left': o.jobs,
  };
}

export async function auditDatabase(target: { dataDir: string } | { url: string }): Promise<AuditResult> {
  const database = await connectDatabase('url' in target ? { databaseUrl: target.url, poolSize: 2 } : { dataDir: target.dataDir });
  try {
    return { problems: await auditLedger(database), flow: await flowCounts(database) };
  } finally {
    await database.close();
  }
}

/** Runs the audit in a child process (see above). */
export async function auditInChild(target: { dataDir: string } | { url: string }): Promise<AuditResult> {
  const args = 'url' in target ? ['--url', target.url] : ['--data-dir', target.dataDir];
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/lib/audit.ts', ...args], { cwd: repoRoot, maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as AuditResult;
}

const flag = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
if (process.argv[1]?.endsWith('audit.ts')) {
  const url = flag('--url');
  const dataDir = flag('--data-dir');
  if (!url && !dataDir) throw new Error('usage: audit.ts --data-dir DIR | --url postgres://...');
  process.stdout.write(JSON.stringify(await auditDatabase(url ? { url } : { dataDir: dataDir! })));
}
