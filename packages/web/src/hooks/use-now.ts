import { useSyncExternalStore } from 'react';
import { onClockChange, serverNow } from '../api/clock.ts';

/** One ticker for every countdown on screen: the server's now, updated 4 times a second. */
const listeners = new Set<() => void>();
let current = serverNow();
let timer: ReturnType<typeof setInterval> | undefined;

function tick() {
  current = serverNow();
  listeners.forEach((l) => l());
}

function subscribe(l: () => void) {
  listeners.add(l);
  if (!timer) {
    current = serverNow();
    timer = setInterval(tick, 250);
  }
  const off = onClockChange(tick);
  return () => {
    listeners.delete(l);
    off();
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The server's current time (ms), re-rendering the caller as it moves. */
export function useServerNow(): number {
  return useSyncExternalStore(subscribe, () => current);
}
