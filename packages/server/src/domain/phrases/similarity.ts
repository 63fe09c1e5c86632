import { distance } from 'fastest-levenshtein';
import { stemmer } from 'stemmer';

/**
 * Levenshtein similarity `1 - distance / max(length)` of two words, case-insensitive: 1 for equal
 * words (and for two empty strings), 0 for words with nothing in common.
 */
export function levenshteinSimilarity(a: string, b: string): number {
  const x = a.toUpperCase();
  const y = b.toUpperCase();
  const longest = Math.max(x.length, y.length);
  return longest === 0 ? 1 : 1 - distance(x, y) / longest;
}

/**
 * Whether two words count as the same word for the reuse rules (SPEC §4.4), case-insensitive:
 * equal, the same Porter stem (FRIEND/FRIENDS, DANCE/DANCING: both stem to "danc", so Porter needs
 * no extra trailing-E rule; RUN/RUNNING), or Levenshtein similarity >= 0.8 (HOUSE/HORSE).
 * The threshold is compared in integers (similarity >= 0.8 <=> 5 * distance <= longest), so a
 * case like 1 - 1/5 sits exactly on the line whatever floating-point rounding would do.
 */
export function wordsClash(a: string, b: string): boolean {
  const x = a.toUpperCase();
  const y = b.toUpperCase();
  if (x === y) return true;
  if (stemmer(x) === stemmer(y)) return true;
  const longest = Math.max(x.length, y.length);
  return 5 * distance(x, y) <= longest;
}
