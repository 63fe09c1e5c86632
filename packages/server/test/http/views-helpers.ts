import { expect } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import type { TestPlayer } from '../helpers/players.ts';

/** Game actions over HTTP for the read-view tests (the write side's real routes). */

export const ok = (status: number) => expect([200, 201]).toContain(status);

export async function get(t: TestApp, p: TestPlayer, url: string) {
  return t.req({ method: 'GET', url, token: p.token });
}

/** GET that must answer 200; returns the body. */
export async function view<T = any>(t: TestApp, p: TestPlayer, url: string): Promise<T> {
  const res = await get(t, p, url);
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json() as T;
}

export async function startPrompt(t: TestApp, p: TestPlayer): Promise<{ round_id: string; prompt_text: string; expires_at: string; cost: number }> {
  const res = await t.req({ method: 'POST', url: '/rounds/prompt', token: p.token });
  ok(res.statusCode);
  return res.json();
}

export async function submit(t: TestApp, p: TestPlayer, roundId: string, phrase: string) {
  const res = await t.req({ method: 'POST', url: `/rounds/${roundId}/submit`, token: p.token, payload: { phrase } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Starts and submits a prompt round. */
export async function writePrompt(t: TestApp, p: TestPlayer, phrase: string) {
  const round = await startPrompt(t, p);
  await submit(t, p, round.round_id, phrase);
  return round;
}

export async function startCopy(t: TestApp, p: TestPlayer): Promise<{ round_id: string; original_phrase: string; prompt_round_id: string; cost: number; discount_active: boolean; expires_at: string }> {
  const res = await t.req({ method: 'POST', url: '/rounds/copy', token: p.token });
  ok(res.statusCode);
  return res.json();
}

/** Starts and submits a copy round (the oldest eligible prompt). */
export async function writeCopy(t: TestApp, p: TestPlayer, phrase: string) {
  const round = await startCopy(t, p);
  await submit(t, p, round.round_id, phrase);
  return round;
}

export async function startVote(t: TestApp, p: TestPlayer): Promise<{ round_id: string; phraseset_id: string; prompt_text: string; phrases: string[]; expires_at: string }> {
  const res = await t.req({ method: 'POST', url: '/rounds/vote', token: p.token });
  ok(res.statusCode);
  return res.json();
}

export async function castVote(t: TestApp, p: TestPlayer, phrasesetId: string, phrase: string) {
  const res = await t.req({ method: 'POST', url: `/phrasesets/${phrasesetId}/vote`, token: p.token, payload: { phrase } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Starts a vote round and votes for `phrase`; returns the phraseset voted on. */
export async function vote(t: TestApp, p: TestPlayer, phrase: string): Promise<string> {
  const round = await startVote(t, p);
  await castVote(t, p, round.phraseset_id, phrase);
  return round.phraseset_id;
}
