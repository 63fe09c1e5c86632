import type { ErrorBody, LoginResponse } from '@quipflip/api';
import { API_BASE } from './base.ts';
import { recordServerDate, serverNow } from './clock.ts';
import { reportNetworkFailure, reportResponse } from './connection.ts';
import { clearSession, getRefreshToken, getSession, updateTokens } from './session.ts';

/** An HTTP answer with an error body (SPEC §1.5). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly body: ErrorBody & Record<string, unknown>,
    /** Seconds, from `Retry-After` on a 429. */
    readonly retryAfter: number | null = null,
  ) {
    super(body.message ?? detail);
    this.name = 'ApiError';
  }
}

/** No HTTP answer at all (offline, DNS, reset, timeout): the request may or may not have run. */
export class NetworkError extends Error {
  constructor(readonly timedOut = false) {
    super(timedOut ? 'timeout' : 'network');
    this.name = 'NetworkError';
  }
}

/** A route this server does not have yet (the generic 404 of unknown paths), e.g. quests before they ship. */
export const isMissingEndpoint = (e: unknown): boolean => e instanceof ApiError && e.status === 404 && e.detail === 'Not Found';

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Send the access token (default true). */
  auth?: boolean;
  idempotencyKey?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

// Codes after which a fresh access token may help. Wrong passwords (invalid_credentials, ...) never refresh.
const REFRESHABLE = new Set(['token_expired', 'invalid_token', 'missing_credentials']);

let refreshing: Promise<boolean> | null = null;

/**
 * Gets a new access token with the refresh cookie (or the in-memory refresh token). One refresh at
 * a time: concurrent 401s wait for the same one. A failed refresh signs the player out.
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const s = getSession();
    try {
      const token = getRefreshToken();
      const r = await send<LoginResponse>('/auth/refresh', { method: 'POST', body: token ? { refresh_token: token } : {}, auth: false });
      updateTokens(r.access_token, r.refresh_token);
      return true;
    } catch (e) {
      if (e instanceof ApiError && s && getSession()?.accessToken === s.accessToken) clearSession('expired');
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

async function send<T>(path: string, o: RequestOptions, token?: string): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  if (o.idempotencyKey) headers['idempotency-key'] = o.idempotencyKey;

  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), o.timeoutMs ?? 15_000);
  const onAbort = () => timeout.abort();
  o.signal?.addEventListener('abort', onAbort);
  const sentAt = Date.now();
  let res: Response;
  try {
    res = await fetch(`${API_BASE}${path}`, {
      method: o.method ?? 'GET',
      headers,
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
      credentials: 'include',
      cache: 'no-store',
      signal: timeout.signal,
    });
  } catch (e) {
    if (o.signal?.aborted) throw e; // the caller gave up: not a connection problem
    const timedOut = timeout.signal.aborted;
    if (!timedOut) reportNetworkFailure();
    throw new NetworkError(timedOut);
  } finally {
    clearTimeout(timer);
    o.signal?.removeEventListener('abort', onAbort);
  }
  reportResponse();
  recordServerDate(res.headers.get('date'), sentAt, Date.now());

  if (res.status === 204) return undefined as T;
  let data: unknown = null;
  const text = await res.text();
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (res.ok) return data as T;
  const body = (data && typeof data === 'object' ? data : {}) as ErrorBody & Record<string, unknown>;
  const code = typeof body.code === 'string' ? body.code : res.status >= 500 ? 'internal_error' : 'unknown';
  const retryAfterRaw = res.headers.get('retry-after');
  const retryAfter = retryAfterRaw && /^\d+$/.test(retryAfterRaw) ? Number(retryAfterRaw) : null;
  throw new ApiError(res.status, code, typeof body.detail === 'string' ? body.detail : res.statusText, { ...body, code, detail: body.detail ?? '' }, retryAfter);
}

/** Calls the API. On an expired access token, refreshes once and retries; if that fails, the player is signed out. */
export async function request<T>(path: string, o: RequestOptions = {}): Promise<T> {
  const auth = o.auth ?? true;
  const token = auth ? getSession()?.accessToken : undefined;
  try {
    return await send<T>(path, o, token);
  } catch (e) {
    if (!(auth && e instanceof ApiError && e.status === 401 && REFRESHABLE.has(e.code))) throw e;
    if (!getSession()) throw e;
    // Another request may already have refreshed while this one was in flight.
    const current = getSession()?.accessToken;
    if (!(current && current !== token) && !(await refreshSession())) throw e;
    return send<T>(path, o, getSession()?.accessToken);
  }
}

// ---------------------------------------------------------------------------------------------
// Paid actions and Idempotency-Key (SPEC §1.7)

function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // crypto.randomUUID needs a secure context; plain-http LAN testing does not have one.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

interface HeldKey {
  key: string;
  /** Server-clock ms after which the key must not be replayed. */
  until: number;
}
const held = new Map<string, HeldKey>();

export interface PaidActionOptions {
  /**
   * Server-clock ms after which retrying is pointless or wrong (a round's `expires_at` + grace).
   * Without it a key is kept for 30 s: a later press is a new intent, never a replay of an old one.
   */
  deadline?: number;
  /** Automatic retries after a network failure: default until the deadline if there is one, else 4 (backoff 1, 2, 4, 5, 5… s). */
  retries?: number;
  /** Called before each automatic retry (to show "retrying…"). */
  onRetry?: (attempt: number) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs a paid or state-changing action with an `Idempotency-Key`. The key is made per `intent`
 * (e.g. `submit:<round>:<phrase>`) and kept only while the outcome is unknown (no HTTP answer): a
 * retry after a network failure reuses it, so the server answers with the stored result instead of
 * acting twice. Any HTTP answer ends the intent. A key is never replayed after its deadline (the
 * round ran out), so an old action can never come back to life.
 */
export async function paidAction<T>(intent: string, run: (key: string) => Promise<T>, o: PaidActionOptions = {}): Promise<T> {
  const now = serverNow();
  let h = held.get(intent);
  if (!h || h.until < now) {
    h = { key: uuid(), until: o.deadline ?? now + 30_000 };
    held.set(intent, h);
  }
  const retries = o.retries ?? (o.deadline !== undefined ? Number.POSITIVE_INFINITY : 4);
  for (let attempt = 0; ; attempt++) {
    try {
      const r = await run(h.key);
      held.delete(intent);
      return r;
    } catch (e) {
      const unknownOutcome = e instanceof NetworkError || (e instanceof ApiError && e.code === 'request_in_progress');
      if (!unknownOutcome) {
        held.delete(intent);
        throw e;
      }
      if (attempt >= retries || serverNow() + 1000 > h.until) {
        if (serverNow() > h.until) held.delete(intent);
        throw e;
      }
      o.onRetry?.(attempt + 1);
      await sleep(Math.min(1000 * 2 ** attempt, 5000));
    }
  }
}
