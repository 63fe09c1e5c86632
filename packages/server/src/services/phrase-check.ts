import { DomainError } from '../domain/errors.ts';
import {
  normalizePhrase,
  validateCopyPhrase,
  validatePhraseFormat,
  validatePromptPhrase,
  validateVoteChoice,
  type PhraseResult,
} from '../domain/phrases/index.ts';
import type { Deps } from './deps.ts';

/** Answer of `POST /phrases/validate` (SPEC §4.7). */
export interface PhraseCheck {
  valid: boolean;
  /** The phrase as it would be stored (upper-case, single spaces). */
  phrase: string;
  /** On failure: the code a submission would answer with (`invalid_phrase`, `duplicate_phrase`, `expired`, `round_not_active`). */
  detail?: string;
  /** On failure: which rule failed, in plain English. */
  message?: string;
}

const asList = (v: unknown): string[] => {
  const parsed = typeof v === 'string' ? (JSON.parse(v) as unknown) : v;
  return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
};

function answer(raw: string, r: PhraseResult): PhraseCheck {
  return r.ok ? { valid: true, phrase: r.phrase } : { valid: false, phrase: normalizePhrase(raw), detail: r.code, message: r.message };
}

/**
 * Dry run of a submission (SPEC §4.7): the same phrase rules a submit of that round would apply,
 * without charging, locking or changing anything. Without a round only the format and dictionary
 * rules apply. A round that is missing or someone else's is `not_found` (404), as for a submit, so
 * the endpoint never confirms that a round exists. A round that can no longer take a phrase answers
 * `valid: false` with the code a submit would give, so a client can tell the player at once.
 *
 * The other copy of a copy round is read here without a lock: the submit re-checks under the prompt
 * row lock (SPEC §4.5), so a copy written a moment later is still caught there.
 */
export async function checkPhrase(deps: Pick<Deps, 'db' | 'clock' | 'config'>, playerId: string, raw: string, roundId?: string): Promise<PhraseCheck> {
  if (roundId === undefined) return answer(raw, validatePhraseFormat(raw));

  const round = await deps.db
    .selectFrom('rounds')
    .select(['id', 'player_id', 'type', 'status', 'expires_at', 'prompt_text', 'prompt_round_id', 'original_phrase', 'phrase_order'])
    .where('id', '=', roundId)
    .executeTakeFirst();
  if (!round || round.player_id !== playerId) throw new DomainError('not_found');

  const phrase = normalizePhrase(raw);
  if (round.status !== 'active') {
    return { valid: false, phrase, detail: 'round_not_active', message: 'This round is over: it no longer takes a phrase' };
  }
  const deadline = round.expires_at.getTime() + deps.config.GRACE_PERIOD_SECONDS * 1000;
  if (deps.clock.now().getTime() > deadline) {
    return { valid: false, phrase, detail: 'expired', message: 'Time is up for this round' };
  }

  switch (round.type) {
    case 'prompt':
      return answer(raw, validatePromptPhrase(raw, round.prompt_text ?? ''));
    case 'copy': {
      const other = round.prompt_round_id
        ? await deps.db
            .selectFrom('rounds')
            .select('submitted_phrase')
            .where('prompt_round_id', '=', round.prompt_round_id)
            .where('type', '=', 'copy')
            .where('status', '=', 'submitted')
            .where('id', '<>', round.id)
            .executeTakeFirst()
        : undefined;
      return answer(raw, validateCopyPhrase(raw, round.original_phrase ?? '', other?.submitted_phrase ?? null));
    }
    case 'vote':
      return answer(raw, validateVoteChoice(raw, asList(round.phrase_order)));
  }
}
