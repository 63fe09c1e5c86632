/** Phrase rules (SPEC §4): normalisation, dictionary and blocklist, reuse checks, validators. */
export { normalizePhrase } from './normalize.ts';
export { BLOCKED_WORDS } from './blocklist.ts';
export { DICTIONARY_LISTS, isBlocked, isDictionaryWord, preloadDictionary } from './dictionary.ts';
export { STOP_WORDS, isSignificantWord, significantWords } from './significant-words.ts';
export { levenshteinSimilarity, wordsClash } from './similarity.ts';
export type { PhraseErrorCode, PhraseResult } from './result.ts';
export {
  OTHER_COPY_MESSAGE,
  PHRASE_MAX_CHARS,
  PHRASE_MAX_WORDS,
  WORD_MAX_LETTERS,
  WORD_MIN_LETTERS,
  validateCopyPhrase,
  validatePhraseFormat,
  validatePromptPhrase,
  validateVoteChoice,
} from './validate.ts';
