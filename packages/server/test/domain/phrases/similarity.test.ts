import { describe, expect, it } from 'vitest';
import { levenshteinSimilarity, wordsClash } from '../../../src/domain/phrases/index.ts';

describe('levenshteinSimilarity', () => {
  it.each<[string, string, number]>([
    ['HOUSE', 'HOUSE', 1],
    ['house', 'HOUSE', 1],
    ['', '', 1],
    ['HOUSE', 'HORSE', 0.8],
    ['GARDEN', 'WARDEN', 1 - 1 / 6],
    ['BEAR', 'BEER', 0.75],
    ['CAT', 'DOG', 0],
    ['CAT', '', 0],
  ])('%s / %s = %d', (a, b, expected) => {
    expect(levenshteinSimilarity(a, b)).toBeCloseTo(expected, 10);
  });
});

describe('wordsClash (SPEC §4.4)', () => {
  it.each<[string, string, string]>([
    ['FRIEND', 'FRIEND', 'equal'],
    ['friend', 'FRIEND', 'equal ignoring case'],
    ['FRIEND', 'FRIENDS', 'Porter stem'],
    ['DANCE', 'DANCING', 'Porter stem (both "danc")'],
    ['DANCED', 'DANCE', 'Porter stem'],
    ['RUN', 'RUNNING', 'Porter stem'],
    ['DESIRE', 'DESIRES', 'Porter stem'],
    ['HOUSE', 'HORSE', 'similarity exactly 0.8 (on the line)'],
    ['ABCDEFGHIJ', 'ABCDEFGHXY', 'similarity exactly 0.8 with two edits'],
    ['GARDEN', 'WARDEN', 'similarity 0.83, just above'],
    ['MILLION', 'BILLION', 'similarity 0.86'],
  ])('%s / %s clash: %s', (a, b) => {
    expect(wordsClash(a, b)).toBe(true);
    expect(wordsClash(b, a)).toBe(true);
  });

  it.each<[string, string, string]>([
    ['BEAR', 'BEER', 'similarity 0.75, just below'],
    ['ABCDEFGHI', 'ABCDEFGXY', 'similarity 0.78, just below'],
    ['FRIEND', 'FRIENDLY', 'stems differ ("friend"/"friendli"), similarity 0.75'],
    ['CAT', 'DOG', 'nothing in common'],
    ['DEEP', 'DEEPEST', 'stems differ, similarity 0.57'],
  ])('%s / %s do not clash: %s', (a, b) => {
    expect(wordsClash(a, b)).toBe(false);
    expect(wordsClash(b, a)).toBe(false);
  });
});
