/** A PostgreSQL database of the bench's own, created on the given server and dropped afterwards. */
import pg from 'pg';

export interface BenchDatabase {
  /** Connection URL of the new database. */
  url: string;
  name: string;
  /** Server process ids of the backends connected to this database (for CPU accounting). */
  backendPids(): Promise<number[]>;
  /**
   * Samples what this database's backends are doing every `everyMs` (pg_stat_activity): `stop()`
   * returns how often each state was seen, e.g. `active (CPU)`, `active Lock:transactionid`,
   * `idle in transaction` (waiting for the app), `active IO:WALSync`.
   */
  sampleActivity(everyMs?: number): { stop(): Promise<Map<string, number>> };
}

/**
 * Creates `qf_bench_<pid>_<time>` on the server of `baseUrl`, runs `fn`, then drops it (WITH FORCE),
 * unless `keep` is set (the name is printed so it can be inspected with EXPLAIN, then dropped by hand).
 */
export async function withPostgresDatabase<T>(baseUrl: string, fn: (db: BenchDatabase) => Promise<T>, keep = false): Promise<T> {
  const name = `qf_bench_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const u = new URL(baseUrl);
    u.pathname = `/${name}`;
    return await fn({
      url: u.toString(),
      name,
      backendPids: async () => {
        const r = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [name]);
        return r.rows.map((x) => x.pid);
      },
      sampleActivity: (everyMs = 50) => {
        const seen = new Map<string, number>();
        let stopped = false;
        const loop = (async () => {
          while (!stopped) {
            const r = await admin.query<{ state: string | null; wait_event_type: string | null; wait_event: string | null; query: string | null }>(
              'SELECT state, wait_event_type, wait_event, left(query, 90) AS query FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
              [name],
            );
            for (const a of r.rows) {
              let key = `${a.state ?? '?'} ${a.wait_event_type ? `${a.wait_event_type}:${a.wait_event}` : a.state === 'active' ? '(CPU)' : ''}`.trim();
              // For lock waits, which statement waits (the row it wants is the hot spot).
              if (a.wait_event_type === 'Lock' && a.query) key += ` <- ${a.query.replace(/\s+/g, ' ')}`;
              seen.set(key, (seen.get(key) ?? 0) + 1);
            }
            await new Promise((ok) => setTimeout(ok, everyMs));
          }
        })();
        return {
          stop: async () => {
            stopped = true;
            await loop;
            return seen;
          },
        };
      },
    });
  } finally {
    if (keep) process.stdout.write(`(kept database ${name}: DROP DATABASE ${name} WITH (FORCE) when done)\n`);
    else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
