import { randomBytes, randomInt, randomUUID } from 'node:crypto';

/**
 * Randomness is injected so tests are deterministic. `secure*` methods are for secrets
 * (tokens, party codes) and always use the OS source, even in tests.
 */
export interface Random {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  uuid(): string;
  secureToken(bytes: number): string;
  secureInt(n: number): number;
}

const secure = {
  secureToken: (bytes: number) => randomBytes(bytes).toString('base64url'),
  secureInt: (n: number) => randomInt(n),
};

export const systemRandom: Random = {
  next: () => randomInt(2 ** 48) / 2 ** 48,
  int: (n) => randomInt(n),
  uuid: () => randomUUID(),
  ...secure,
};

/** mulberry32: small, fast, good enough for shuffles and game dealing under a seed. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const hex = (n: number) => Math.floor(next() * 16 ** n).toString(16).padStart(n, '0');
  return {
    next,
    int: (n) => Math.floor(next() * n),
    // v4-shaped so it passes UUID format checks.
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + Math.floor(next() * 4)).toString(16)}${hex(3)}-${hex(12)}`,
    ...secure,
  };
}

/** Fisher–Yates shuffle with an injected source. Returns a new array. */
export function shuffle<T>(items: readonly T[], random: Pick<Random, 'int'>): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** Row ids. Not seeded: no rule depends on their value. */
export const newId = (): string => randomUUID();
