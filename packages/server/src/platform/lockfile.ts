import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export class LockHeldError extends Error {}

export interface DirLock {
  release(): void;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM means it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Holds `<dir>/quipflip.lock` so two processes never open one PGlite folder (PGlite itself does not
 * guard against it, and two writers corrupt the data). A lock whose process is gone is stale and taken over.
 */
export function acquireDirLock(dir: string, pid = process.pid): DirLock {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'quipflip.lock');
  const body = JSON.stringify({ pid, host: hostname(), started_at: new Date().toISOString() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, body, { flag: 'wx' });
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          try {
            const held = JSON.parse(readFileSync(file, 'utf8')) as { pid: number };
            if (held.pid === pid) rmSync(file, { force: true });
          } catch {
            /* already gone */
          }
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let held: { pid?: number; host?: string } = {};
      try {
        held = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        /* unreadable lock: treat as stale */
      }
      const sameHost = held.host === undefined || held.host === hostname();
      if (held.pid !== undefined && sameHost && held.pid !== pid && processAlive(held.pid)) {
        throw new LockHeldError(
          `The data folder ${dir} is in use by another Quipflip process (pid ${held.pid}). ` +
            'Stop it first, or start this one with another DATA_DIR (or DATABASE_URL for PostgreSQL).',
        );
      }
      if (held.pid === pid) throw new LockHeldError(`The data folder ${dir} is already open in this process.`);
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new LockHeldError(`Could not lock ${dir}`);
}
