import { describe, expect, it } from 'vitest';
import {
  OTHER_COPY_MESSAGE,
  type PhraseResult,
  validateCopyPhrase,
  validatePhraseFormat,
  validatePromptPhrase,
  validateVoteChoice,
} from '../../../src/domain/phrases/index.ts';

const accepted = (phrase: string): PhraseResult => ({ ok: true, phrase });
const invalid = (message: string): PhraseResult => ({ ok: false, code: 'invalid_phrase', message });
const duplicate = (message: string): PhraseResult => ({ ok: false, code: 'duplicate_phrase', message });

describe('validatePhraseFormat (SPEC §4.1)', () => {
  it.each<[string, PhraseResult]>([
    ['best friends forever', accepted('BEST FRIENDS FOREVER')],
    ['  a   Dog ', accepted('A DOG')],
    ['I', accepted('I')],
    ['the big red dog ran', accepted('THE BIG RED DOG RAN')],
    ['extraordinarily', accepted('EXTRAORDINARILY')],
    ['my favourite grey colour', accepted('MY FAVOURITE GREY COLOUR')],
    ['', invalid('Enter a phrase of 1 to 5 words')],
    ['   ', invalid('Enter a phrase of 1 to 5 words')],
    ['hello, world', invalid('Only letters A–Z and spaces are allowed')],
    ['dog2', invalid('Only letters A–Z and spaces are allowed')],
    ['rock-n-roll', invalid('Only letters A–Z and spaces are allowed')],
    ['café', invalid('Only letters A–Z and spaces are allowed')],
    ['a'.repeat(101), invalid('Use at most 100 characters')],
    ['the big red dog ran away', invalid('Use at most 5 words')],
    ['b dog', invalid('Each word needs at least 2 letters (except A and I)')],
    ['dog x', invalid('Each word needs at least 2 letters (except A and I)')],
    ['incomprehensibly', invalid('Each word can have at most 15 letters')],
    ['qzxv', invalid("'QZXV' is not in the dictionary")],
    ['a big qzxv', invalid("'QZXV' is not in the dictionary")],
    ['what the fuck', invalid("'FUCK' is not allowed")],
    ['Bullshit', invalid("'BULLSHIT' is not allowed")],
  ])('%j', (raw, expected) => {
    expect(validatePhraseFormat(raw)).toEqual(expected);
  });
});

describe('validatePromptPhrase (SPEC §4.2)', () => {
  const prompt = 'My deepest desire is to be (a/an)';
  it.each<[string, string, PhraseResult]>([
    [prompt, 'a famous astronaut', accepted('A FAMOUS ASTRONAUT')],
    [prompt, 'to be my best', accepted('TO BE MY BEST')], // short words may repeat
    [prompt, 'deep sea diver', accepted('DEEP SEA DIVER')], // DEEP is not DEEPEST
    [prompt, 'desire', invalid("Don't reuse 'DESIRE' from the prompt")],
    [prompt, 'my secret desires', invalid("'DESIRES' is too close to 'DESIRE' from the prompt")],
    [prompt, 'Deepest', invalid("Don't reuse 'DEEPEST' from the prompt")],
    [prompt, 'desire!', invalid('Only letters A–Z and spaces are allowed')],
    ['What would you do with a million dollars?', 'what would you do', accepted('WHAT WOULD YOU DO')],
    ['What would you do with a million dollars?', 'spend the dollars', invalid("Don't reuse 'DOLLARS' from the prompt")],
    ['What would you do with a million dollars?', 'a billion', invalid("'BILLION' is too close to 'MILLION' from the prompt")],
    ['The worst thing to hear while dancing', 'dance party', invalid("'DANCE' is too close to 'DANCING' from the prompt")],
  ])('prompt %j, phrase %j', (promptText, raw, expected) => {
    expect(validatePromptPhrase(raw, promptText)).toEqual(expected);
  });
});

describe('validateCopyPhrase (SPEC §4.3, §4.5)', () => {
  const original = 'FRIEND ZONE';

  it.each<[string, string | null, PhraseResult]>([
    ['buddy system', null, accepted('BUDDY SYSTEM')],
    ['buddy system', 'SECRET CRUSH', accepted('BUDDY SYSTEM')],
    ['Friend   zone', null, duplicate('Your phrase must be different from the original phrase')],
    ['close friends', null, duplicate("'FRIENDS' is too close to 'FRIEND' in the original phrase")],
    ['zone of trust', null, duplicate("Don't reuse 'ZONE' from the original phrase")],
    ['friendly zones', 'SECRET CRUSH', duplicate("'ZONES' is too close to 'ZONE' in the original phrase")],
    ['a friend', 'A FRIEND', duplicate("Don't reuse 'FRIEND' from the original phrase")], // original is checked first
    ['qzxv', 'SECRET CRUSH', invalid("'QZXV' is not in the dictionary")],
    ['hello!', null, invalid('Only letters A–Z and spaces are allowed')],
  ])('copy %j against other copy %j', (raw, otherCopy, expected) => {
    expect(validateCopyPhrase(raw, original, otherCopy)).toEqual(expected);
  });

  it('does not count FRIENDLY as FRIEND (different stem, similarity 0.75)', () => {
    expect(validateCopyPhrase('friendly chat', original, null)).toEqual(accepted('FRIENDLY CHAT'));
  });

  const otherCopy = 'SECRET CRUSH';
  it.each([
    ['secret crush', 'identical'],
    ['  Secret   CRUSH ', 'identical after normalising'],
    ['a crush', 'reuses a word'],
    ['my secrets', 'shares a stem'],
    ['secret crash', 'reuses a word'],
    ['crushes', 'shares a stem'],
  ])('rejects %j (%s) against the other copy without quoting it', (raw) => {
    const result = validateCopyPhrase(raw, original, otherCopy);
    expect(result).toEqual(duplicate(OTHER_COPY_MESSAGE));
    if (result.ok) return;
    expect(result.message).toBe('too close to another phrase in this set');
    for (const word of ['SECRET', 'CRUSH']) expect(result.message.toUpperCase()).not.toContain(word);
    expect(result.message).not.toContain("'");
  });

  it('applies the Levenshtein rule to the other copy as well', () => {
    expect(validateCopyPhrase('horse race', 'BIRTHDAY CAKE', 'HOUSE PARTY')).toEqual(duplicate(OTHER_COPY_MESSAGE));
  });

  it('is not checked against the prompt: only the original and the other copy matter', () => {
    // A copier never sees the prompt; the signature has no prompt, and words absent from both phrases pass.
    expect(validateCopyPhrase('my deepest desire', 'ASTRONAUT', 'ROCK STAR')).toEqual(accepted('MY DEEPEST DESIRE'));
  });
});

describe('validateVoteChoice (SPEC §4.6)', () => {
  const shown = ['FRIEND ZONE', 'BUDDY SYSTEM', 'SECRET CRUSH'] as const;

  it.each([
    ['FRIEND ZONE', 'FRIEND ZONE'],
    ['friend zone', 'FRIEND ZONE'],
    ['  Buddy   system ', 'BUDDY SYSTEM'],
    ['secret\tcrush', 'SECRET CRUSH'],
  ])('%j chooses %j', (raw, expected) => {
    expect(validateVoteChoice(raw, shown)).toEqual(accepted(expected));
  });

  it.each(['', '   ', 'FRIEND', 'FRIEND ZONES', 'FRIEND ZONE BUDDY', 'SOMETHING ELSE'])('%j is not one of the phrases shown', (raw) => {
    expect(validateVoteChoice(raw, shown)).toEqual(invalid('Choose one of the phrases shown'));
  });

  it('returns the shown entry exactly as given', () => {
    expect(validateVoteChoice('BEST FRIEND', ['Best  Friend', 'OTHER', 'THIRD'])).toEqual(accepted('Best  Friend'));
  });
});
