/**
 * Who is signed in. The access token lives in memory and in localStorage (so a reload or a new tab
 * stays signed in); the refresh token is the server's HTTP-only cookie, plus an in-memory copy for
 * this page in case the cookie is not sent. Tabs follow each other through the `storage` event.
 */

export interface Session {
  accessToken: string;
  playerId: string;
  username: string;
  isGuest: boolean;
}

/** Why the last session ended, for the message on the landing/login screen. */
export type EndReason = 'expired' | 'logout' | 'deleted' | null;

const KEY = 'quipflip.session';
let session: Session | null = load();
let refreshToken: string | null = null;
let endReason: EndReason = null;
let endedAsGuest = false;
const listeners = new Set<() => void>();

function load(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Partial<Session>;
    if (typeof s.accessToken === 'string' && typeof s.playerId === 'string') {
      return { accessToken: s.accessToken, playerId: s.playerId, username: s.username ?? '', isGuest: !!s.isGuest };
    }
  } catch {
    /* storage unavailable or corrupt: start signed out */
  }
  return null;
}

function emit(): void {
  listeners.forEach((l) => l());
}

export const getSession = (): Session | null => session;
export const getRefreshToken = (): string | null => refreshToken;
export const getEndReason = (): EndReason => endReason;
/** Whether the session that ended was a guest's (a guest cannot log back in). */
export const endedGuestSession = (): boolean => endedAsGuest;

/** Signs in (or replaces the tokens of) a player. */
export function setSession(next: Session, refresh?: string): void {
  session = next;
  endReason = null;
  if (refresh) refreshToken = refresh;
  try {
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    /* private mode: memory only */
  }
  emit();
}

/** Updates the tokens after a refresh or password change, keeping the rest. */
export function updateTokens(accessToken: string, refresh?: string): void {
  if (!session) return;
  setSession({ ...session, accessToken }, refresh);
}

export function clearSession(reason: EndReason): void {
  endedAsGuest = !!session?.isGuest;
  session = null;
  refreshToken = null;
  endReason = reason;
  try {
    localStorage.removeItem(KEY);
    // Drafts and keys belong to the player who leaves.
    sessionStorage.clear();
  } catch {
    /* ignore */
  }
  emit();
}

export function subscribeSession(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key !== KEY) return;
    const next = load();
    if (!next && session) {
      session = null;
      endReason = 'logout';
    } else {
      session = next;
    }
    emit();
  });
}
