import { API_BASE } from './base.ts';

/**
 * Whether the server is reachable, as learnt from requests (a failed fetch means offline; any HTTP
 * answer means online) and from the browser's online/offline events. The banner and the retry
 * loops read it; `onReconnect` listeners refetch what went stale.
 */

export type ConnectionState = 'online' | 'offline';

let state: ConnectionState = typeof navigator !== 'undefined' && navigator.onLine === false ? 'offline' : 'online';
const listeners = new Set<() => void>();
const reconnectListeners = new Set<() => void>();
let probe: ReturnType<typeof setTimeout> | undefined;

function set(next: ConnectionState): void {
  if (next === state) return;
  state = next;
  listeners.forEach((l) => l());
  if (next === 'online') {
    if (probe) clearTimeout(probe);
    probe = undefined;
    reconnectListeners.forEach((l) => l());
  } else {
    scheduleProbe(2000);
  }
}

/** While offline, ask /health now and then (public, not rate limited) to notice the way back. */
function scheduleProbe(delay: number): void {
  if (probe) clearTimeout(probe);
  probe = setTimeout(async () => {
    probe = undefined;
    if (state === 'online') return;
    try {
      const r = await fetch(`${API_BASE}/health`, { cache: 'no-store' });
      if (r.status < 500) return set('online');
    } catch {
      /* still offline */
    }
    scheduleProbe(Math.min(delay * 2, 15_000));
  }, delay);
}

export const reportNetworkFailure = (): void => set('offline');
export const reportResponse = (): void => set('online');
export const connectionState = (): ConnectionState => state;

export function subscribeConnection(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function onReconnect(l: () => void): () => void {
  reconnectListeners.add(l);
  return () => reconnectListeners.delete(l);
}

if (typeof window !== 'undefined') {
  window.addEventListener('offline', () => set('offline'));
  window.addEventListener('online', () => scheduleProbe(0));
}
