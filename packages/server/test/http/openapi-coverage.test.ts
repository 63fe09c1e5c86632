import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PENDING_ENDPOINTS, type PendingEndpoint } from '../../src/http/pending-endpoints.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

// Every endpoint the seeds (the API contract) name is either served (it is in /openapi.json) or listed
// in src/http/pending-endpoints.ts; nothing listed there is served. Landing an endpoint therefore
// means deleting its line from pending-endpoints.ts, and the list only shrinks.

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const seedsDir = resolve(repoRoot, '../shared/seeds');
const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof HTTP_METHODS)[number];

interface SeedEndpoint {
  method: Method;
  path: string;
  seed: 'core' | 'party';
  line: number;
}

/** `/rounds/{round_id}/` and `/rounds/:id` compare equal: params become `{}`, no trailing slash or query. */
function normalisePath(path: string): string {
  const p = path
    .split('?')[0]!
    .replace(/\{[^}]*\}/g, '{}')
    .replace(/:[A-Za-z_][A-Za-z0-9_]*/g, '{}')
    .replace(/\/+$/, '');
  return p === '' ? '/' : p;
}
const keyOf = (e: { method: string; path: string }) => `${e.method.toUpperCase()} ${normalisePath(e.path)}`;

function seedFile(prefix: string): string {
  if (!existsSync(seedsDir)) throw new Error(`seeds folder not found: ${seedsDir} (expected ../shared/seeds next to the repo)`);
  const files = readdirSync(seedsDir).filter((f) => f.startsWith(prefix) && f.endsWith('.txt'));
  if (files.length !== 1) throw new Error(`expected one seed ${prefix}*.txt in ${seedsDir}, found ${JSON.stringify(files)}`);
  return join(seedsDir, files[0]!);
}

/**
 * The endpoints a seed declares:
 *   core:  "#### `POST /rounds/prompt`"
 *   party: "**HTTP**: `GET /party/list`" and "**WS**: `GET /party/{session_id}/ws` (WebSocket handshake)"
 * Repeated headings (the core seed lists /quests/active twice) count once.
 */
function parseSeed(text: string, seed: 'core' | 'party'): SeedEndpoint[] {
  const pattern = seed === 'core' ? /^#{2,6}\s+`([A-Z]+)\s+(\/[^`\s]*)`/ : /^\*\*(?:HTTP|WS)\*\*:\s*`([A-Z]+)\s+(\/[^`\s]*)`/;
  const found = new Map<string, SeedEndpoint>();
  text.split('\n').forEach((raw, i) => {
    const m = pattern.exec(raw.trim());
    if (!m) return;
    const method = m[1]! as Method;
    if (!HTTP_METHODS.includes(method)) throw new Error(`${seed} seed line ${i + 1}: unknown method ${method}`);
    const e = { method, path: m[2]!, seed, line: i + 1 };
    if (!found.has(keyOf(e))) found.set(keyOf(e), e);
  });
  return [...found.values()];
}

const fmt = (e: { method: string; path: string; seed?: string }) => `${e.method} ${e.path}${e.seed ? ` (${e.seed})` : ''}`;

/** Every `METHOD /path` in backticks anywhere in a seed (prose included): a cross-check on the parser. */
function mentionedEndpoints(text: string): string[] {
  return [...new Set([...text.matchAll(/`(GET|POST|PUT|PATCH|DELETE)\s+(\/[^`\s]*)`/g)].map((m) => keyOf({ method: m[1]!, path: m[2]! })))];
}

let t: TestApp;
let seedTexts: { core: string; party: string };
let seedEndpoints: SeedEndpoint[];
let served: Set<string>;

beforeAll(async () => {
  seedTexts = { core: readFileSync(seedFile('002_'), 'utf8'), party: readFileSync(seedFile('000_'), 'utf8') };
  seedEndpoints = [...parseSeed(seedTexts.core, 'core'), ...parseSeed(seedTexts.party, 'party')];
  t = await createTestApp();
  const res = await t.req({ method: 'GET', url: '/openapi.json' });
  expect(res.statusCode).toBe(200);
  const paths = res.json().paths as Record<string, Record<string, unknown>>;
  served = new Set(Object.entries(paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => keyOf({ method: m, path }))));
});
afterAll(async () => t?.close());

describe('the seed parser', () => {
  it('finds every endpoint heading of both seeds', () => {
    const core = seedEndpoints.filter((e) => e.seed === 'core');
    const party = seedEndpoints.filter((e) => e.seed === 'party');
    // A format change in a seed would silently shrink the check: keep a floor.
    expect(core.length).toBeGreaterThanOrEqual(39);
    expect(party.length).toBeGreaterThanOrEqual(17);
    expect(seedEndpoints.map(keyOf)).toEqual(expect.arrayContaining(['GET /', 'GET /health', 'POST /rounds/{}/submit', 'GET /party/list', 'GET /party/{}/ws', 'DELETE /player/account', 'PATCH /player/email']));
    // No endpoint counted twice.
    expect(new Set(seedEndpoints.map(keyOf)).size).toBe(seedEndpoints.length);
  });

  it('misses no endpoint the seeds mention anywhere (prose included)', () => {
    const parsed = new Set(seedEndpoints.map(keyOf));
    for (const seed of ['core', 'party'] as const) {
      const unparsed = mentionedEndpoints(seedTexts[seed]).filter((k) => !parsed.has(k));
      expect(unparsed, `${seed} seed mentions endpoints without a heading the parser knows`).toEqual([]);
    }
  });

  it('normalises paths', () => {
    expect(normalisePath('/rounds/{round_id}')).toBe('/rounds/{}');
    expect(normalisePath('/rounds/:id/')).toBe('/rounds/{}');
    expect(normalisePath('/party/{session_id}/rounds/{round_id}/submit?x=1')).toBe('/party/{}/rounds/{}/submit');
    expect(normalisePath('/')).toBe('/');
  });
});

describe('seed endpoints vs /openapi.json and pending-endpoints.ts', () => {
  it('pending-endpoints.ts is well formed', () => {
    const keys = PENDING_ENDPOINTS.map(keyOf);
    const dupes = keys.filter((k, i) => keys.indexOf(k) !== i);
    expect(dupes, 'listed twice in src/http/pending-endpoints.ts').toEqual([]);
    const bad = PENDING_ENDPOINTS.filter((e: PendingEndpoint) => e.reason.trim() === '' || !HTTP_METHODS.includes(e.method));
    expect(bad.map(fmt), 'every pending endpoint needs a method and a reason').toEqual([]);
  });

  it('every pending endpoint is a seed endpoint of the seed it names', () => {
    const bySeedKey = new Map(seedEndpoints.map((e) => [keyOf(e), e]));
    const stray = PENDING_ENDPOINTS.filter((e) => bySeedKey.get(keyOf(e))?.seed !== e.seed);
    expect(stray.map(fmt), 'src/http/pending-endpoints.ts lists endpoints the seeds do not have (typo, or wrong seed): fix or delete them').toEqual([]);
  });

  it('every seed endpoint is served or listed as pending', () => {
    const pending = new Set(PENDING_ENDPOINTS.map(keyOf));
    const missing = seedEndpoints.filter((e) => !served.has(keyOf(e)) && !pending.has(keyOf(e)));
    expect(
      missing.map((e) => `${fmt(e)} — seed line ${e.line}`),
      'These seed endpoints are neither in /openapi.json nor in src/http/pending-endpoints.ts. Implement them (with a schema, not hidden), ' +
        'or add them to pending-endpoints.ts with a reason',
    ).toEqual([]);
  });

  it('nothing listed as pending is served (delete landed endpoints from pending-endpoints.ts)', () => {
    const landed = PENDING_ENDPOINTS.filter((e) => served.has(keyOf(e)));
    expect(landed.map(fmt), 'These endpoints are served now: delete their lines from src/http/pending-endpoints.ts').toEqual([]);
  });
});
