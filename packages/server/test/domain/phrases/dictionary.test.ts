import { describe, expect, it } from 'vitest';
import { BLOCKED_WORDS, isBlocked, isDictionaryWord, preloadDictionary } from '../../../src/domain/phrases/index.ts';

describe('dictionary (SPEC §4.1)', () => {
  it('holds the SCOWL english list plus its spelling variants, minus the blocklist', () => {
    const size = preloadDictionary();
    expect(size).toBeGreaterThan(105_000);
    expect(size).toBeLessThan(120_000);
  });

  it.each([
    'dog', 'DOG', 'Dog', 'friend', 'friends', 'dancing', 'a', 'i', 'qi', 'extraordinarily',
    // US and UK spellings both count: the spelling-neutral list alone has neither.
    'color', 'colour', 'favorite', 'favourite', 'gray', 'grey', 'center', 'centre',
    // Accented SCOWL entries are typeable without the accent.
    'cafe', 'cliche', 'fiance',
  ])('%s is a dictionary word', (word) => {
    expect(isDictionaryWord(word)).toBe(true);
  });

  it.each(['qzxv', 'asdfgh', 'rockstar', '', '   ', "g'day", 'CAFÉ', 'dog cat'])('%j is not a dictionary word', (word) => {
    expect(isDictionaryWord(word)).toBe(false);
  });

  it.each(['fuck', 'SHIT', 'Cunt', 'bitch', 'faggot', 'nigger', 'wetback', 'retard', 'motherfucker'])(
    '%s is blocked and therefore not a dictionary word',
    (word) => {
      expect(isBlocked(word)).toBe(true);
      expect(isDictionaryWord(word)).toBe(false);
    },
  );

  it.each(['cockpit', 'sauerkraut', 'pussycat', 'scunthorpe', 'assassin', 'damn', 'hell', 'hello', 'raccoon'])(
    '%s is not blocked (whole-word matching, mild words allowed)',
    (word) => {
      expect(isBlocked(word)).toBe(false);
    },
  );
});

describe('blocklist', () => {
  it('is a reasonably comprehensive list of distinct upper-case A-Z words', () => {
    expect(BLOCKED_WORDS.length).toBeGreaterThanOrEqual(80);
    expect(new Set(BLOCKED_WORDS).size).toBe(BLOCKED_WORDS.length);
    for (const word of BLOCKED_WORDS) expect(word).toMatch(/^[A-Z]+$/);
  });

  it('covers common inflections', () => {
    for (const word of ['FUCKING', 'FUCKED', 'SHITTY', 'BULLSHIT', 'BITCHES', 'WHORES', 'FAGGOTS', 'CUNTS']) {
      expect(isBlocked(word)).toBe(true);
    }
  });
});
