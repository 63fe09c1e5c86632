import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { acquireDirLock, type DirLock } from '../platform/lockfile.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { DB } from './schema.ts';

export interface Database {
  readonly db: Kysely<DB>;
  readonly kind: 'postgres' | 'pglite';
  /** The embedded instance, when kind is 'pglite' (tests dump it as a template). */
  readonly pglite?: PGlite;
  ping(): Promise<void>;
  close(): Promise<void>;
}

// int8 (counts, bigserial ids) and numeric (averages) as numbers; `date` as the plain 'YYYY-MM-DD' string
// (pg would otherwise build a local-midnight Date, which shifts the day in non-UTC zones).
const OID = { INT8: 20, NUMERIC: 1700, DATE: 1082 } as const;
const toNumber = (v: string) => Number(v);
const identity = (v: string) => v;

export interface ConnectOptions {
  databaseUrl?: string;
  dataDir?: string;
  poolSize?: number;
  /** Tests: start an in-memory PGlite from a dumped template instead of a folder. */
  loadDataDir?: Blob;
  /**
   * A dumped, migrated data folder made at install time: a new DATA_DIR starts from it instead of
   * running initdb (~1 s instead of ~4–5 s on the first start).
   */
  templateFile?: string;
}

export async function connectDatabase(opts: ConnectOptions): Promise<Database> {
  if (opts.databaseUrl) return connectPostgres(opts.databaseUrl, opts.poolSize ?? 10);
  return connectPGlite(opts);
}

function connectPostgres(url: string, max: number): Database {
  const parsers: Record<number, (v: string) => unknown> = {
    [OID.INT8]: toNumber,
    [OID.NUMERIC]: toNumber,
    [OID.DATE]: identity,
  };
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      parsers[oid] ?? pg.types.getTypeParser(oid, format ?? 'text'),
  };
  const pool = new pg.Pool({ connectionString: url, max, types: types as pg.CustomTypesConfig });
  // An idle client's error (server restart) must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}

async function connectPGlite(opts: ConnectOptions): Promise<Database> {
  let lock: DirLock | undefined;
  if (!opts.loadDataDir && opts.dataDir) lock = acquireDirLock(opts.dataDir);
  let pglite: PGlite;
  let load = opts.loadDataDir;
  if (!load && opts.dataDir && opts.templateFile && !existsSync(join(opts.dataDir, 'PG_VERSION')) && existsSync(opts.templateFile)) {
    load = new Blob([readFileSync(opts.templateFile)]);
  }
  try {
    pglite = await PGlite.create({
      ...(opts.dataDir && !opts.loadDataDir ? { dataDir: opts.dataDir } : {}),
      ...(load ? { loadDataDir: load } : {}),
      parsers: { [OID.INT8]: toNumber, [OID.NUMERIC]: toNumber, [OID.DATE]: identity },
      // The data folder is the only copy; keep the default (durable) flushing.
    });
  } catch (e) {
    lock?.release();
    throw e;
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  let closed = false;
  return {
    db,
    kind: 'pglite',
    pglite,
    ping: async () => {
      if (closed || pglite.closed) throw new Error('database is closed');
      await sql`select 1`.execute(db);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await db.destroy();
      lock?.release();
    },
  };
}
