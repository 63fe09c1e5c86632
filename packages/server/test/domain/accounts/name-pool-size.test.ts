import { describe, expect, it } from 'vitest';
import { USERNAME_FIRST_WORDS, USERNAME_SECOND_WORDS } from '../../../src/domain/accounts/username-pool.ts';

describe('username pool (SPEC §2.1)', () => {
  it('holds at least 1,500 distinct two-word names', () => {
    const names = new Set<string>();
    for (const a of USERNAME_FIRST_WORDS) for (const b of USERNAME_SECOND_WORDS) names.add(`${a} ${b}`.toLowerCase());
    expect(names.size).toBeGreaterThanOrEqual(1500);
  });

  it('has clean, unique words', () => {
    for (const list of [USERNAME_FIRST_WORDS, USERNAME_SECOND_WORDS]) {
      expect(new Set(list.map((w) => w.toLowerCase())).size).toBe(list.length);
      for (const w of list) expect(w).toMatch(/^[A-Z][A-Za-z]*$/);
    }
  });
});
