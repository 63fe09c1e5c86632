import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDirLock, LockHeldError } from '../../src/platform/lockfile.ts';
import { connectDatabase } from '../../src/db/connect.ts';

describe('PGlite data-folder lock', () => {
  it('refuses a second holder while the first is alive, and frees the folder on release', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qf-lock-'));
    // Another live process holds it (our parent process stands in for it).
    writeFileSync(join(dir, 'quipflip.lock'), JSON.stringify({ pid: process.ppid, host: undefined }));
    expect(() => acquireDirLock(dir)).toThrow(LockHeldError);
    expect(() => acquireDirLock(dir)).toThrow(/in use by another Quipflip process/);
  });

  it('takes over a stale lock whose process is gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qf-lock-'));
    // A pid that certainly exited: a child we waited for.
    const child = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => child.on('exit', r));
    writeFileSync(join(dir, 'quipflip.lock'), JSON.stringify({ pid: child.pid }));
    const lock = acquireDirLock(dir);
    expect(JSON.parse(readFileSync(join(dir, 'quipflip.lock'), 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(existsSync(join(dir, 'quipflip.lock'))).toBe(false);
  });

  it('a second database on the same folder is refused with a clear message; after close it opens', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qf-pglite-'));
    const first = await connectDatabase({ dataDir: dir });
    await expect(connectDatabase({ dataDir: dir })).rejects.toThrow(/already open in this process|in use by another/);
    await first.close();
    const second = await connectDatabase({ dataDir: dir });
    await second.ping();
    await second.close();
  }, 60_000);

  it('a second server process on the same folder exits with the message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qf-pglite-'));
    writeFileSync(join(dir, 'quipflip.lock'), JSON.stringify({ pid: process.pid }));
    const out = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const p = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts'], {
        env: { ...process.env, DATA_DIR: dir, PORT: '0', DATABASE_URL: '', LOG_LEVEL: 'silent' },
      });
      let stderr = '';
      p.stderr.on('data', (d) => (stderr += d));
      p.on('exit', (code) => resolve({ code, stderr }));
    });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`is in use by another Quipflip process (pid ${process.pid})`);
  }, 60_000);
});
