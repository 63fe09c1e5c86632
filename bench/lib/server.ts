/**
 * Starts the real server (packages/server/src/main.ts, what `npm start` runs after the web build
 * check) as a child process on a free port and waits until /health answers 200.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const MAIN = resolve(repoRoot, 'packages/server/src/main.ts');

export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
}

export function tempDir(tag: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `quipflip-${tag}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => ok(port));
    });
  });
}

export interface RunningServer {
  url: string;
  /** The server process (node itself: tsx is loaded with --import, no wrapper process). */
  pid: number;
  /** From spawning the process until /health first answered 200. */
  readyMs: number;
  /** The server's own `startup_ms` from its "Quipflip is ready" log line, when logged. */
  serverStartupMs: number | undefined;
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

/**
 * Env for a bench server: its own data folder, no inherited DATABASE_URL/REDIS_URL unless given.
 * `nodeArgs` go before `--import tsx` (e.g. `--cpu-prof`).
 */
export async function startServer(env: Record<string, string>, timeoutMs = 120_000, nodeArgs: string[] = []): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', MAIN], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const tail: string[] = [];
  let serverStartupMs: number | undefined;
  let pending = '';
  const onData = (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      tail.push(line);
      if (tail.length > 50) tail.shift();
      if (line.includes('Quipflip is ready')) {
        try {
          serverStartupMs = (JSON.parse(line) as { startup_ms?: number }).startup_ms;
        } catch {
          /* not JSON */
        }
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  let exited: number | null | undefined;
  const exit = new Promise<void>((ok) =>
    child.once('exit', (code) => {
      exited = code;
      children.delete(child);
      ok();
    }),
  );

  const deadline = started + timeoutMs;
  for (;;) {
    if (exited !== undefined) throw new Error(`server exited (code ${exited}) before answering /health:\n${tail.join('\n')}`);
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not answer /health within ${timeoutMs} ms:\n${tail.join('\n')}`);
    }
    const ok = await fetch(`${url}/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const readyMs = performance.now() - started;
  // Give the "ready" log line a moment to arrive (it is written right after listen()).
  await Promise.race([exit, new Promise((r) => setTimeout(r, 100))]);

  return {
    url,
    pid: child.pid!,
    readyMs,
    get serverStartupMs() {
      return serverStartupMs;
    },
    stop: async () => {
      if (exited !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exit;
      clearTimeout(timer);
    },
  };
}
