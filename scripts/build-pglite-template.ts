// Install step: a migrated, empty PGlite data folder dumped to a tarball, so the first `npm start`
// on a new machine skips initdb (see connectDatabase's templateFile).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { connectDatabase } from '../packages/server/src/db/connect.ts';
import { migrate } from '../packages/server/src/db/migrate.ts';
import { PGLITE_TEMPLATE_PATH } from '../packages/server/src/db/template-path.ts';

const started = Date.now();
const db = await connectDatabase({});
await migrate(db.db);
const dump = await db.pglite!.dumpDataDir('none');
mkdirSync(dirname(PGLITE_TEMPLATE_PATH), { recursive: true });
writeFileSync(PGLITE_TEMPLATE_PATH, Buffer.from(await dump.arrayBuffer()));
await db.close();
console.log(`PGlite template ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
