import { ErrorSchema } from '@quipflip/api';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import type { TestPlayer } from '../helpers/players.ts';
import { expectSchema } from '../helpers/schema.ts';

/** Asserts an Appendix A error: status, `detail` (the code itself for the core API) and `code`. */
export function expectError(res: LightMyRequestResponse, status: number, code: string, detail: string = code): Record<string, unknown> {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json();
  expectSchema(ErrorSchema, body);
  expect(body).toMatchObject({ detail, code });
  return body;
}

/** A fresh session for a full account (after the clock moved past its access token's lifetime). */
export async function relogin(t: TestApp, p: TestPlayer): Promise<TestPlayer> {
  const res = await t.req({ method: 'POST', url: '/auth/login', payload: { email: p.email, password: p.password } });
  expect(res.statusCode, res.body).toBe(200);
  const b = res.json();
  return { ...p, token: b.access_token, refresh: b.refresh_token };
}

/** The cookie a response set, by name. */
export function cookieOf(res: LightMyRequestResponse, name: string) {
  return res.cookies.find((c) => c.name === name) as
    | { name: string; value: string; httpOnly?: boolean; sameSite?: string; path?: string; maxAge?: number; expires?: Date; secure?: boolean }
    | undefined;
}

export const ACCESS_COOKIE = 'quipflip_access_token';
export const REFRESH_COOKIE = 'quipflip_refresh_token';

let n = 0;
/** A unique address for this test run. */
export const uniqueEmail = (tag = 'user'): string => `${tag}.${++n}.${process.pid}@example.com`;
