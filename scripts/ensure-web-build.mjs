// Builds the web client once, on the first `npm start` of a fresh clone (or when its build is missing).
// Rebuild by hand after changing it: `npm run build:web`.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const dist = new URL('../packages/web/dist/index.html', import.meta.url);
const hasSources = existsSync(new URL('../packages/web/index.html', import.meta.url));
if (hasSources && !existsSync(dist)) {
  const started = Date.now();
  console.log('Building the web client (first start only)...');
  const r = spawnSync('npm', ['run', 'build', '--workspace', 'packages/web'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  console.log(`Web client built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
