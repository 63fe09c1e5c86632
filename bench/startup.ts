/**
 * Start-up time of the real server (node --import tsx packages/server/src/main.ts, what `npm start`
 * runs after its web-build check) on PGlite: a first start on an empty DATA_DIR (initdb, migrations,
 * prompt library load) and a second start on the same folder, each measured from spawning the
 * process until GET /health answers 200. The server's own `startup_ms` log field (config to listen,
 * without Node/tsx boot) is shown beside it.
 *
 * Usage: node --import tsx bench/startup.ts [--restarts 1]
 */
import { readdirSync } from 'node:fs';
import { arg, startServer, tempDir } from './lib/server.ts';

const restarts = arg('restarts', 1);
const data = tempDir('bench-startup');
const rows: Array<{ start: string; 'to /health 200 (ms)': number; 'server startup_ms': number | string }> = [];

try {
  for (let i = 0; i <= restarts; i++) {
    const label = i === 0 ? 'first (empty DATA_DIR)' : `again (same DATA_DIR) #${i}`;
    if (i === 0 && readdirSync(data.path).length !== 0) throw new Error('DATA_DIR is not empty');
    const server = await startServer({ DATA_DIR: data.path, LOG_LEVEL: 'info', RATE_LIMIT_ENABLED: 'true' });
    rows.push({ start: label, 'to /health 200 (ms)': Math.round(server.readyMs), 'server startup_ms': server.serverStartupMs ?? 'n/a' });
    await server.stop();
  }
} finally {
  data.remove();
}

process.stdout.write(`\nServer start-up on PGlite, Node ${process.version}\n`);
console.table(rows);
