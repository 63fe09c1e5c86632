/**
 * The server's clock as seen from the browser. Every API response carries a `Date` header (whole
 * seconds); each one gives a bound on the offset between the two clocks. Countdowns use
 * `serverNow()`, so a phone whose clock is minutes off still shows the right time left.
 */

const MAX_SAMPLES = 9;
const samples: number[] = [];
let offsetMs = 0;
const listeners = new Set<() => void>();

/** Records one response's `Date` header. `sentAt` / `receivedAt` are local `Date.now()` values. */
export function recordServerDate(dateHeader: string | null, sentAt: number, receivedAt: number): void {
  if (!dateHeader) return;
  const server = Date.parse(dateHeader);
  if (Number.isNaN(server)) return;
  // The header is truncated to the second: the server's time was in [server, server + 1000) when it
  // answered, somewhere between sending and receiving. Take the middle of both intervals.
  const sample = server + 500 - (sentAt + receivedAt) / 2;
  // The median ignores one odd sample (a slow response), but two agreeing samples far from it mean
  // a clock really moved (the phone's clock was set, or came back from sleep): start over from them.
  const last = samples[samples.length - 1];
  if (last !== undefined && Math.abs(sample - offsetMs) > 3000 && Math.abs(sample - last) < 1500 && Math.abs(last - offsetMs) > 3000) {
    samples.length = 0;
    samples.push(last);
  }
  samples.push(sample);
  if (samples.length > MAX_SAMPLES) samples.shift();
  const sorted = [...samples].sort((a, b) => a - b);
  const next = sorted[Math.floor(sorted.length / 2)] ?? 0;
  if (Math.abs(next - offsetMs) > 250) {
    offsetMs = next;
    listeners.forEach((l) => l());
  } else {
    offsetMs = next;
  }
}

/** Milliseconds to add to the local clock to get the server's. */
export const clockOffsetMs = (): number => offsetMs;

/** The server's current time, in ms since the epoch. */
export const serverNow = (): number => Date.now() + offsetMs;

/** Milliseconds from the server's now until `iso` (negative once it passed). */
export const msUntil = (iso: string): number => Date.parse(iso) - serverNow();

export function onClockChange(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
