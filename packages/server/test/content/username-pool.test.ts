import { describe, expect, it } from 'vitest';
import {
  USERNAME_FIRST_WORDS,
  USERNAME_SECOND_WORDS,
  pickUsername,
  usernamePoolSize,
} from '../../src/domain/accounts/username-pool.ts';

/** mulberry32: a small seeded [0, 1) source, local to the test so it depends on nothing else. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = new Set(USERNAME_FIRST_WORDS);
const SECOND = new Set(USERNAME_SECOND_WORDS);
const PLAIN = /^([A-Z][a-z]+) ([A-Z][a-z]+)$/;
const NUMBERED = /^([A-Z][a-z]+) ([A-Z][a-z]+) ([1-9]\d+)$/;

function isPoolName(name: string): boolean {
  const m = PLAIN.exec(name) ?? NUMBERED.exec(name);
  return m !== null && FIRST.has(m[1]!) && SECOND.has(m[2]!);
}

describe('username pool', () => {
  it('holds at least 1,500 combinations from at least 45 x 40 words', () => {
    expect(USERNAME_FIRST_WORDS.length).toBeGreaterThanOrEqual(45);
    expect(USERNAME_SECOND_WORDS.length).toBeGreaterThanOrEqual(40);
    expect(usernamePoolSize()).toBe(USERNAME_FIRST_WORDS.length * USERNAME_SECOND_WORDS.length);
    expect(usernamePoolSize()).toBeGreaterThanOrEqual(1_800);
  });

  it('has capitalised letter-only words, no duplicates within or across the lists', () => {
    const all = [...USERNAME_FIRST_WORDS, ...USERNAME_SECOND_WORDS];
    for (const w of all) expect(w).toMatch(/^[A-Z][a-z]+$/);
    expect(FIRST.size).toBe(USERNAME_FIRST_WORDS.length);
    expect(SECOND.size).toBe(USERNAME_SECOND_WORDS.length);
    expect(new Set(all.map((w) => w.toLowerCase())).size).toBe(all.length);
  });

  it('picks a two-word pool name when names are free', () => {
    const name = pickUsername(seeded(1), () => false);
    expect(name).toMatch(PLAIN);
    expect(isPoolName(name)).toBe(true);
  });

  it('is deterministic for a given random source', () => {
    const run = (seed: number) => {
      const taken = new Set<string>();
      const random = seeded(seed);
      return Array.from({ length: 30 }, () => {
        const name = pickUsername(random, (n) => taken.has(n));
        taken.add(name);
        return name;
      });
    };
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
  });

  it('never returns a taken name and returns the first free candidate', () => {
    const taken = new Set<string>();
    const random = seeded(7);
    for (let i = 0; i < 500; i++) {
      const asked: string[] = [];
      const name = pickUsername(random, (n) => {
        asked.push(n);
        return taken.has(n);
      });
      expect(taken.has(name)).toBe(false);
      expect(asked.at(-1)).toBe(name);
      expect(asked.slice(0, -1).every((n) => taken.has(n))).toBe(true);
      taken.add(name);
    }
    expect(taken.size).toBe(500);
  });

  it('skips names that are taken, even when most of the pool is', () => {
    const free = 'Copy Cat';
    expect(FIRST.has('Copy') && SECOND.has('Cat')).toBe(true);
    // Only one plain name is free; with enough tries the pick finds it rather than numbering.
    const name = pickUsername(seeded(3), (n) => n !== free, 100_000);
    expect(name).toBe(free);
  });

  it('falls back to a numbered name after maxTries when the whole pool is taken', () => {
    let plainAsked = 0;
    const name = pickUsername(seeded(5), (n) => {
      if (PLAIN.test(n)) {
        plainAsked++;
        return true;
      }
      return false;
    }, 20);
    expect(plainAsked).toBe(20);
    expect(name).toMatch(NUMBERED);
    expect(isPoolName(name)).toBe(true);
    expect(Number(NUMBERED.exec(name)![3])).toBeGreaterThanOrEqual(10);
    expect(Number(NUMBERED.exec(name)![3])).toBeLessThan(100);
  });

  it('tries longer numbers when the shorter numbered names are taken too', () => {
    const name = pickUsername(seeded(9), (n) => {
      const m = NUMBERED.exec(n);
      return m === null || m[3]!.length < 4;
    });
    expect(name).toMatch(NUMBERED);
    expect(NUMBERED.exec(name)![3]).toHaveLength(4);
  });

  it('uses the default of 50 plain tries', () => {
    let plainAsked = 0;
    pickUsername(seeded(11), (n) => {
      if (PLAIN.test(n)) plainAsked++;
      return PLAIN.test(n);
    });
    expect(plainAsked).toBe(50);
  });

  it('copes with edge values from the random source', () => {
    expect(isPoolName(pickUsername(() => 0, () => false))).toBe(true);
    expect(isPoolName(pickUsername(() => 0.999999999, () => false))).toBe(true);
    expect(isPoolName(pickUsername(() => 1, () => false))).toBe(true);
    expect(pickUsername(() => 0, () => false)).toBe(`${USERNAME_FIRST_WORDS[0]} ${USERNAME_SECOND_WORDS[0]}`);
  });

  it('throws rather than looping forever when every name is taken', () => {
    expect(() => pickUsername(seeded(13), () => true, 3)).toThrow();
  });
});
