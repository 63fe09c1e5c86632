import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { validateCopyPhrase, validatePromptPhrase } from '../../src/domain/phrases/index.ts';
import type { TestApp } from '../helpers/app.ts';
import { registerPlayer, type TestPlayer } from '../helpers/players.ts';

/**
 * Real game actions over HTTP for the quest and statistics tests (kept here, not shared, so these
 * tests only depend on the API). Nothing is written to game tables directly.
 */

/** Dictionary words far apart from each other: answers and copies are picked from these. */
const WORDS = [
  'BANANA', 'GUITAR', 'PENGUIN', 'VOLCANO', 'PICKLE', 'TROMBONE', 'CACTUS', 'WALRUS', 'BISCUIT', 'LANTERN',
  'MEADOW', 'ORCHID', 'PUDDLE', 'RADISH', 'TURNIP', 'VELVET', 'WIZARD', 'YOGURT', 'HAMMOCK', 'KETTLE',
  'NOODLE', 'OYSTER', 'PARROT', 'SADDLE', 'TULIP', 'UMBRELLA', 'JIGSAW', 'GALAXY', 'DOLPHIN', 'CRAYON',
];

export function promptPhraseFor(promptText: string): string {
  const w = WORDS.find((x) => validatePromptPhrase(x, promptText).ok);
  if (!w) throw new Error(`no valid word for prompt "${promptText}"`);
  return w;
}

export function copyPhraseFor(original: string, other: string | null): string {
  const ok = WORDS.filter((w) => validateCopyPhrase(w, original, other).ok);
  const w = ok[7 % ok.length];
  if (!w) throw new Error(`no valid copy for "${original}"`);
  return w;
}

export const post = (t: TestApp, p: TestPlayer, url: string, payload?: object, headers?: Record<string, string>) =>
  t.req({ method: 'POST', url, token: p.token, ...(payload ? { payload } : {}), ...(headers ? { headers } : {}) });
export const get = (t: TestApp, p: TestPlayer, url: string) => t.req({ method: 'GET', url, token: p.token });

export function ok<T = any>(res: LightMyRequestResponse): T {
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
}

let seq = 0;
/** Full accounts (they can log in again after the clock moves past their token's lifetime). */
export async function register(t: TestApp, n: number, tag: string): Promise<TestPlayer[]> {
  const out: TestPlayer[] = [];
  for (let i = 0; i < n; i++) out.push(await registerPlayer(t, `${tag}.${++seq}.${process.pid}@example.com`));
  return out;
}

/** A fresh access token (after the clock moved on). */
export async function relogin(t: TestApp, p: TestPlayer): Promise<TestPlayer> {
  const b = ok(await t.req({ method: 'POST', url: '/auth/login', payload: { email: p.email, password: p.password } }));
  return { ...p, token: b.access_token, refresh: b.refresh_token };
}

export async function writePrompt(t: TestApp, p: TestPlayer) {
  const r = ok<{ round_id: string; prompt_text: string }>(await post(t, p, '/rounds/prompt'));
  const phrase = promptPhraseFor(r.prompt_text);
  ok(await post(t, p, `/rounds/${r.round_id}/submit`, { phrase }));
  return { roundId: r.round_id, promptText: r.prompt_text, phrase };
}

/** Starts a copy round and submits a copy that clashes neither with the original nor the other copy. */
export async function writeCopy(t: TestApp, p: TestPlayer) {
  const r = ok<{ round_id: string; original_phrase: string; prompt_round_id: string }>(await post(t, p, '/rounds/copy'));
  const other = await t.database.db
    .selectFrom('rounds')
    .select('submitted_phrase')
    .where('prompt_round_id', '=', r.prompt_round_id)
    .where('type', '=', 'copy')
    .where('status', '=', 'submitted')
    .executeTakeFirst();
  const phrase = copyPhraseFor(r.original_phrase, other?.submitted_phrase ?? null);
  ok(await post(t, p, `/rounds/${r.round_id}/submit`, { phrase }));
  return { roundId: r.round_id, promptRoundId: r.prompt_round_id, phrase };
}

export interface PlayedSet {
  phrasesetId: string;
  promptText: string;
  original: string;
  copy1: string;
  copy2: string;
}

export async function setOf(t: TestApp, phrasesetId: string): Promise<PlayedSet> {
  const ps = await t.database.db.selectFrom('phrasesets').selectAll().where('id', '=', phrasesetId).executeTakeFirstOrThrow();
  return { phrasesetId: ps.id, promptText: ps.prompt_text, original: ps.original_phrase, copy1: ps.copy_phrase_1, copy2: ps.copy_phrase_2 };
}

/** One prompt and two copies (the copy queue must hold nothing older). */
export async function playSet(t: TestApp, writer: TestPlayer, copier1: TestPlayer, copier2: TestPlayer): Promise<PlayedSet> {
  const p = await writePrompt(t, writer);
  expect((await writeCopy(t, copier1)).promptRoundId).toBe(p.roundId);
  expect((await writeCopy(t, copier2)).promptRoundId).toBe(p.roundId);
  const ps = await t.database.db.selectFrom('phrasesets').select('id').where('prompt_round_id', '=', p.roundId).executeTakeFirstOrThrow();
  return setOf(t, ps.id);
}

export type Choice = 'original' | 'copy1' | 'copy2';

/** Starts a vote round and votes; `expect` pins the phraseset the round must land on. */
export async function vote(t: TestApp, voter: TestPlayer, choice: Choice, expectSet?: string) {
  const r = ok<{ phraseset_id: string }>(await post(t, voter, '/rounds/vote'));
  if (expectSet) expect(r.phraseset_id).toBe(expectSet);
  const set = await setOf(t, r.phraseset_id);
  const res = ok<{ correct: boolean; payout: number }>(await post(t, voter, `/phrasesets/${r.phraseset_id}/vote`, { phrase: set[choice] }));
  return { ...res, phrasesetId: r.phraseset_id };
}

/** Stored balance (the ledger audit checks it equals the entries). */
export async function bal(t: TestApp, p: TestPlayer | string): Promise<number> {
  const r = await t.database.db.selectFrom('players').select('balance').where('id', '=', typeof p === 'string' ? p : p.id).executeTakeFirstOrThrow();
  return r.balance;
}

/** Moves time past the closing window of sets with 5+ votes and runs the due jobs (finalization). */
export async function finalizeDue(t: TestApp, seconds = 61): Promise<void> {
  t.clock.advanceSeconds(seconds);
  await t.scheduler.runDue();
}
