import { isBlocked, isDictionaryWord } from './dictionary.ts';
import { normalizePhrase } from './normalize.ts';
import { accept, reject, type PhraseResult } from './result.ts';
import { significantWords } from './significant-words.ts';
import { wordsClash } from './similarity.ts';

/** Phrase shape limits (SPEC §4.1). */
export const PHRASE_MAX_WORDS = 5;
export const PHRASE_MAX_CHARS = 100;
export const WORD_MIN_LETTERS = 2;
export const WORD_MAX_LETTERS = 15;
/** The only words allowed below WORD_MIN_LETTERS. */
const ONE_LETTER_WORDS: ReadonlySet<string> = new Set(['A', 'I']);

/** Message for a copy that clashes with the other copy: it must not quote what someone else wrote (SPEC §4.5). */
export const OTHER_COPY_MESSAGE = 'too close to another phrase in this set';

/**
 * The rules every submitted phrase must pass (SPEC §4.1), checked in this order, first failure
 * answers: not empty, letters A-Z and spaces only, at most 100 characters, at most 5 words, then per
 * word: 2-15 letters (A and I excepted), not blocked, in the dictionary. Failures are
 * `invalid_phrase`; success carries the normalised phrase (upper-case, single spaces).
 */
export function validatePhraseFormat(raw: string): PhraseResult {
  const phrase = normalizePhrase(raw);
  if (phrase === '') return reject('invalid_phrase', 'Enter a phrase of 1 to 5 words');
  if (!/^[A-Z ]+$/.test(phrase)) return reject('invalid_phrase', 'Only letters A–Z and spaces are allowed');
  if (phrase.length > PHRASE_MAX_CHARS) return reject('invalid_phrase', `Use at most ${PHRASE_MAX_CHARS} characters`);
  const words = phrase.split(' ');
  if (words.length > PHRASE_MAX_WORDS) return reject('invalid_phrase', `Use at most ${PHRASE_MAX_WORDS} words`);
  for (const word of words) {
    if (word.length < WORD_MIN_LETTERS && !ONE_LETTER_WORDS.has(word)) {
      return reject('invalid_phrase', `Each word needs at least ${WORD_MIN_LETTERS} letters (except A and I)`);
    }
    if (word.length > WORD_MAX_LETTERS) {
      return reject('invalid_phrase', `Each word can have at most ${WORD_MAX_LETTERS} letters`);
    }
    // Blocked words are also absent from the dictionary; checking first gives the honest reason.
    if (isBlocked(word)) return reject('invalid_phrase', `'${word}' is not allowed`);
    if (!isDictionaryWord(word)) return reject('invalid_phrase', `'${word}' is not in the dictionary`);
  }
  return accept(phrase);
}

/** First pair (phrase word, other word) of significant words that clash, or null. */
function firstClash(phrase: string, other: string): { word: string; other: string } | null {
  const others = significantWords(other);
  for (const word of significantWords(phrase)) {
    for (const o of others) if (wordsClash(word, o)) return { word, other: o };
  }
  return null;
}

/**
 * A prompt round's answer (SPEC §4.2): the format rules, then no significant word may clash with a
 * significant word of the prompt text (equal, same stem, or Levenshtein similarity >= 0.8), so the
 * answer cannot just echo the prompt. Failures are `invalid_phrase`; the prompt's word is quoted,
 * since the writer is looking at the prompt.
 */
export function validatePromptPhrase(raw: string, promptText: string): PhraseResult {
  const format = validatePhraseFormat(raw);
  if (!format.ok) return format;
  const clash = firstClash(format.phrase, promptText);
  if (clash) {
    return reject(
      'invalid_phrase',
      clash.word === clash.other
        ? `Don't reuse '${clash.other}' from the prompt`
        : `'${clash.word}' is too close to '${clash.other}' from the prompt`,
    );
  }
  return format;
}

/**
 * A copy round's answer (SPEC §4.3, §4.5): the format rules, then it must differ from the original
 * and from the other copy (null while there is none) and share no clashing significant word with
 * either. Failures there are `duplicate_phrase`. Against the original, the message names the words
 * (the copier sees the original); against the other copy it is exactly OTHER_COPY_MESSAGE, which
 * quotes nothing, so validation never reveals another player's phrase. The prompt text is not
 * consulted: the copier never sees it.
 */
export function validateCopyPhrase(raw: string, original: string, otherCopy: string | null): PhraseResult {
  const format = validatePhraseFormat(raw);
  if (!format.ok) return format;
  const phrase = format.phrase;

  if (phrase === normalizePhrase(original)) {
    return reject('duplicate_phrase', 'Your phrase must be different from the original phrase');
  }
  const clash = firstClash(phrase, original);
  if (clash) {
    return reject(
      'duplicate_phrase',
      clash.word === clash.other
        ? `Don't reuse '${clash.other}' from the original phrase`
        : `'${clash.word}' is too close to '${clash.other}' in the original phrase`,
    );
  }

  if (otherCopy !== null && (phrase === normalizePhrase(otherCopy) || firstClash(phrase, otherCopy))) {
    return reject('duplicate_phrase', OTHER_COPY_MESSAGE);
  }
  return format;
}

/**
 * A vote (SPEC §4.6): the choice must be one of the phrases shown, compared after normalising both
 * sides (case and spacing do not matter). Returns the matching entry of `shownPhrases` exactly as
 * given, so callers can compare it with what they stored; anything else is `invalid_phrase`.
 */
export function validateVoteChoice(raw: string, shownPhrases: readonly string[]): PhraseResult {
  const choice = normalizePhrase(raw);
  const match = choice === '' ? undefined : shownPhrases.find((p) => normalizePhrase(p) === choice);
  return match === undefined ? reject('invalid_phrase', 'Choose one of the phrases shown') : accept(match);
}
