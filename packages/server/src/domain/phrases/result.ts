/** Error codes a phrase can be rejected with (SPEC §4, Appendix A): both answer 400. */
export type PhraseErrorCode = 'invalid_phrase' | 'duplicate_phrase';

/**
 * Outcome of a phrase check. On success `phrase` is the canonical (normalised) phrase to store or
 * compare; on failure `message` tells the player, in plain English, which rule failed. Returned
 * rather than thrown so the dry-run endpoint (`POST /phrases/validate`) and submissions share it.
 */
export type PhraseResult =
  | { ok: true; phrase: string }
  | { ok: false; code: PhraseErrorCode; message: string };

export const accept = (phrase: string): PhraseResult => ({ ok: true, phrase });
export const reject = (code: PhraseErrorCode, message: string): PhraseResult => ({ ok: false, code, message });
