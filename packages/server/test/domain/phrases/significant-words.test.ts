import { describe, expect, it } from 'vitest';
import { STOP_WORDS, isSignificantWord, significantWords } from '../../../src/domain/phrases/index.ts';

describe('significantWords (SPEC §4.4)', () => {
  it.each<[string, string[]]>([
    ['My deepest desire is to be (a/an)', ['DEEPEST', 'DESIRE']],
    ["What's the worst thing to say at a wedding?", ['WORST', 'THING', 'WEDDING']],
    ["Something you'd NEVER do with your friends!", ['FRIENDS']],
    ['dance, Dance, DANCE revolution', ['DANCE', 'REVOLUTION']],
    ["the café's best crème brûlée", ['CAFE', 'BEST', 'CREME', 'BRULEE']],
    ['my mother-in-law', ['MOTHER']],
    ['route66 to the highway', ['ROUTE', 'HIGHWAY']],
    ["They didn't know which way THEIR house was", ['KNOW', 'HOUSE']],
    ['a cat sat on the mat', []],
    ['', []],
  ])('%j -> %j', (text, expected) => {
    expect(significantWords(text)).toEqual(expected);
  });

  it('needs 4+ letters and no stop word', () => {
    expect(isSignificantWord('CAT')).toBe(false);
    expect(isSignificantWord('CATS')).toBe(true);
    expect(isSignificantWord('WITH')).toBe(false);
  });

  it('has the stop words SPEC names, all upper-case and 4+ letters', () => {
    for (const w of ['THIS', 'THAT', 'WITH', 'FROM', 'YOUR', 'THEIR', 'WHAT', 'WHEN', 'WHERE', 'WHICH']) {
      expect(STOP_WORDS.has(w)).toBe(true);
    }
    for (const w of STOP_WORDS) expect(w).toMatch(/^[A-Z]{4,}$/);
  });
});
