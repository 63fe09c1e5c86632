import { expect } from 'vitest';
import type { TestApp } from './app.ts';

export interface TestPlayer {
  id: string;
  username: string;
  token: string;
  refresh: string;
  email?: string;
  password?: string;
}

let counter = 0;
export const STRONG_PASSWORD = 'Sup3rSecret';

/** Registers a full account over HTTP. */
export async function registerPlayer(t: TestApp, email = `player${++counter}_${Date.now()}@example.com`, password = STRONG_PASSWORD): Promise<TestPlayer> {
  const res = await t.req({ method: 'POST', url: '/player', payload: { email, password } });
  expect(res.statusCode, res.body).toBe(201);
  const b = res.json();
  return { id: b.player_id, username: b.username, token: b.access_token, refresh: b.refresh_token, email, password };
}

/** Creates a guest over HTTP. */
export async function createGuest(t: TestApp): Promise<TestPlayer> {
  const res = await t.req({ method: 'POST', url: '/auth/guest' });
  expect(res.statusCode, res.body).toBe(201);
  const b = res.json();
  return { id: b.player_id, username: b.username, token: b.access_token, refresh: b.refresh_token };
}

export async function balanceOf(t: TestApp, p: TestPlayer): Promise<number> {
  const res = await t.req({ method: 'GET', url: '/player/balance', token: p.token });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().balance;
}
