import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { validateCopyPhrase, validatePromptPhrase } from '../../src/domain/phrases/index.ts';
import { inTx } from '../../src/db/tx.ts';
import { EntryType, HOUSE, player, transfer } from '../../src/services/ledger.ts';
import type { TestApp } from './app.ts';
import { createGuest, registerPlayer, type TestPlayer } from './players.ts';

/** Solo game actions over HTTP for the write-side tests (rounds, votes, results). */

/**
 * Config for the write-side tests: the backup AI (SPEC §10.3) never steps in, so the only copies and
 * votes are the ones a test makes (the fake clock moves by hours and days here).
 */
export const QUIET_AI = { AI_BACKUP_DELAY_MINUTES: 100_000_000 } as const;

/** Dictionary words far apart from each other: prompt answers and copies are picked from these. */
export const WORDS = [
  'BANANA', 'GUITAR', 'PENGUIN', 'VOLCANO', 'PICKLE', 'TROMBONE', 'CACTUS', 'WALRUS', 'BISCUIT', 'LANTERN',
  'MEADOW', 'ORCHID', 'PUDDLE', 'RADISH', 'TURNIP', 'VELVET', 'WIZARD', 'YOGURT', 'HAMMOCK', 'KETTLE',
  'NOODLE', 'OYSTER', 'PARROT', 'SADDLE', 'TULIP', 'UMBRELLA', 'JIGSAW', 'GALAXY', 'DOLPHIN', 'CRAYON',
];

/** A valid original answer for this prompt (first word of WORDS that passes the prompt rules). */
export function promptPhraseFor(promptText: string, skip = 0): string {
  const ok = WORDS.filter((w) => validatePromptPhrase(w, promptText).ok);
  const w = ok[skip % ok.length];
  if (!w) throw new Error(`no valid word for prompt "${promptText}"`);
  return w;
}

/** A valid copy of `original` that does not clash with `other`. */
export function copyPhraseFor(original: string, other: string | null = null, skip = 0): string {
  const ok = WORDS.filter((w) => validateCopyPhrase(w, original, other).ok);
  const w = ok[(skip + 7) % ok.length];
  if (!w) throw new Error(`no valid copy for "${original}"`);
  return w;
}

export async function post(t: TestApp, p: TestPlayer, url: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse> {
  return t.req({ method: 'POST', url, token: p.token, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}), ...(headers ? { headers } : {}) });
}

export async function get(t: TestApp, p: TestPlayer, url: string): Promise<LightMyRequestResponse> {
  return t.req({ method: 'GET', url, token: p.token });
}

export function body200<T = any>(res: LightMyRequestResponse): T {
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
}

export const startPrompt = async (t: TestApp, p: TestPlayer) =>
  body200<{ round_id: string; prompt_text: string; expires_at: string; cost: number }>(await post(t, p, '/rounds/prompt'));
export const startCopy = async (t: TestApp, p: TestPlayer, payload?: { expected_cost?: number }) =>
  body200<{ round_id: string; original_phrase: string; prompt_round_id: string; expires_at: string; cost: number; discount_active: boolean }>(
    await post(t, p, '/rounds/copy', payload),
  );
export const startVote = async (t: TestApp, p: TestPlayer) =>
  body200<{ round_id: string; phraseset_id: string; prompt_text: string; phrases: string[]; expires_at: string; cost: number }>(await post(t, p, '/rounds/vote'));
export const submit = async (t: TestApp, p: TestPlayer, roundId: string, phrase: string) =>
  body200<{ success: boolean; phrase: string }>(await post(t, p, `/rounds/${roundId}/submit`, { phrase }));
export const castVote = async (t: TestApp, p: TestPlayer, phrasesetId: string, phrase: string) =>
  body200<{ correct: boolean; payout: number; original_phrase: string; your_choice: string }>(await post(t, p, `/phrasesets/${phrasesetId}/vote`, { phrase }));

/** Starts and submits a prompt round; returns its round id, prompt and phrase. */
export async function writePrompt(t: TestApp, p: TestPlayer, skip = 0) {
  const r = await startPrompt(t, p);
  const phrase = promptPhraseFor(r.prompt_text, skip);
  await submit(t, p, r.round_id, phrase);
  return { roundId: r.round_id, promptText: r.prompt_text, phrase, cost: r.cost };
}

/** Starts a copy round and submits a valid copy (checked against `other` when given). */
export async function writeCopy(t: TestApp, p: TestPlayer, other: string | null = null) {
  const r = await startCopy(t, p);
  const phrase = copyPhraseFor(r.original_phrase, other);
  await submit(t, p, r.round_id, phrase);
  return { roundId: r.round_id, promptRoundId: r.prompt_round_id, original: r.original_phrase, phrase, cost: r.cost };
}

export interface PlayedSet {
  phrasesetId: string;
  promptRoundId: string;
  promptText: string;
  original: string;
  copy1: string;
  copy2: string;
}

/** One prompt and its two copies: the phraseset exists afterwards. Its copy queue must be empty before. */
export async function playSet(t: TestApp, writer: TestPlayer, copier1: TestPlayer, copier2: TestPlayer): Promise<PlayedSet> {
  const p = await writePrompt(t, writer);
  const c1 = await writeCopy(t, copier1);
  expect(c1.promptRoundId).toBe(p.roundId);
  const c2 = await writeCopy(t, copier2, c1.phrase);
  expect(c2.promptRoundId).toBe(p.roundId);
  const ps = await t.database.db.selectFrom('phrasesets').select('id').where('prompt_round_id', '=', p.roundId).executeTakeFirstOrThrow();
  return { phrasesetId: ps.id, promptRoundId: p.roundId, promptText: p.promptText, original: p.phrase, copy1: c1.phrase, copy2: c2.phrase };
}

/** Starts a vote round (it must land on `set`) and votes for the given role's phrase. */
export async function voteOn(t: TestApp, voter: TestPlayer, set: PlayedSet, choice: 'original' | 'copy1' | 'copy2') {
  const r = await startVote(t, voter);
  expect(r.phraseset_id).toBe(set.phrasesetId);
  expect([...r.phrases].sort()).toEqual([set.original, set.copy1, set.copy2].sort());
  return castVote(t, voter, set.phrasesetId, set[choice]);
}

let seq = 0;
/**
 * `n` players. Guests by default (no password hashing: fast; they play everything, with at most 3
 * outstanding prompts); `full` registers accounts with email and password.
 */
export async function players(t: TestApp, n: number, tag = 'p', kind: 'guest' | 'full' = 'guest'): Promise<TestPlayer[]> {
  const out: TestPlayer[] = [];
  for (let i = 0; i < n; i++) out.push(kind === 'full' ? await registerPlayer(t, `${tag}.${++seq}.${process.pid}@example.com`) : await createGuest(t));
  return out;
}

/** A fresh access token (after the fake clock passed the token's lifetime), through the refresh token. */
export async function relogin(t: TestApp, p: TestPlayer): Promise<TestPlayer> {
  const res = await t.req({ method: 'POST', url: '/auth/refresh', payload: { refresh_token: p.refresh } });
  expect(res.statusCode, res.body).toBe(200);
  return { ...p, token: res.json().access_token, refresh: res.json().refresh_token };
}

/** Stored balance of a player (straight from the row; the audit checks it equals the ledger). */
export async function bal(t: TestApp, p: TestPlayer | string): Promise<number> {
  const id = typeof p === 'string' ? p : p.id;
  const r = await t.database.db.selectFrom('players').select('balance').where('id', '=', id).executeTakeFirstOrThrow();
  return r.balance;
}

export async function balances(t: TestApp, ps: TestPlayer[]): Promise<number[]> {
  return Promise.all(ps.map((p) => bal(t, p)));
}

/** Net coins the house holds (derived from its entries). */
export async function houseNet(t: TestApp): Promise<number> {
  const r = await t.database.db
    .selectFrom('ledger_entries')
    .select((eb) => eb.fn.sum<number>('amount').as('s'))
    .where('account_kind', '=', 'house')
    .executeTakeFirstOrThrow();
  return Number(r.s ?? 0);
}

export async function phraseset(t: TestApp, id: string) {
  return t.database.db.selectFrom('phrasesets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function roundRow(t: TestApp, id: string) {
  return t.database.db.selectFrom('rounds').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/**
 * Test isolation inside one app: ends every active round (no coins move), takes waiting prompts out of the
 * copy queue and fills the vote queue's slots, so the next test starts from empty queues.
 */
export async function resetQueues(t: TestApp): Promise<void> {
  await t.database.db.updateTable('rounds').set({ status: 'cancelled', ended_at: t.clock.now() }).where('status', '=', 'active').execute();
  await drainCopyQueue(t);
  await drainVoteQueue(t);
}

/** Asserts an Appendix A error (status, detail, code) and returns the body. */
export function expectErr(res: LightMyRequestResponse, status: number, code: string, detail: string = code): Record<string, any> {
  expect(res.statusCode, res.body).toBe(status);
  const b = res.json();
  expect(b).toMatchObject({ detail, code });
  expect(typeof b.detail).toBe('string');
  return b;
}

/** Moves coins from a player to the house through the ledger (to set up a poor player). */
export async function spend(t: TestApp, p: TestPlayer, amount: number): Promise<void> {
  await inTx(t.database.db, (tx) => transfer(tx, { from: player(p.id), to: HOUSE, amount, type: EntryType.vote_entry, now: t.clock.now() }));
}

/** Takes every waiting solo prompt out of the copy queue so the next test starts from an empty queue. */
export async function drainCopyQueue(t: TestApp): Promise<void> {
  await t.database.db
    .updateTable('rounds')
    .set({ copies_claimed: 2 })
    .where('type', '=', 'prompt')
    .where('status', '=', 'submitted')
    .where('party_session_id', 'is', null)
    .execute();
}

/** Closes every votable solo phraseset to new vote rounds (marks all slots taken) so the next test starts clean. */
export async function drainVoteQueue(t: TestApp, maxVotes = 20): Promise<void> {
  await t.database.db.updateTable('phrasesets').set({ vote_slots_taken: maxVotes }).where('status', 'in', ['open', 'closing']).where('party_session_id', 'is', null).execute();
}
