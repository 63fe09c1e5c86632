import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connectDatabase, type Database } from '../../src/db/connect.ts';

export const usingPostgres = (): boolean => !!process.env.TEST_DATABASE_URL;

/**
 * A fresh, migrated database for one test file: a clone of the run's PostgreSQL template when
 * TEST_DATABASE_URL is set, else an in-memory PGlite loaded from the template dump. Closing drops it.
 */
export async function createTestDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const template = process.env.QF_PG_TEMPLATE;
    if (!template) throw new Error('QF_PG_TEMPLATE is not set: run through vitest (global setup)');
    const name = `qf_t_${template.slice('qf_tpl_'.length)}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    const database = await connectDatabase({ databaseUrl: u.toString(), poolSize: 10 });
    return {
      ...database,
      close: async () => {
        await database.close();
        const a = new pg.Client({ connectionString: url });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
      },
    };
  }
  const file = process.env.QF_PGLITE_TEMPLATE;
  if (!file) throw new Error('QF_PGLITE_TEMPLATE is not set: run through vitest (global setup)');
  return connectDatabase({ loadDataDir: new Blob([readFileSync(file)]) });
}
