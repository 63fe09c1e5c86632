import { Type, type Static } from 'typebox';
import { DateTime } from './common.ts';

/**
 * Phraseset write endpoints (seed "Phraseset Endpoints"; SPEC §3.5, §5.6). The contributor view
 * (`GET /phrasesets/{id}/details`) lives with the read models.
 */

/** `POST /phrasesets/{phraseset_id}/vote`. */
export const VoteRequestSchema = Type.Object({ phrase: Type.String({ maxLength: 200 }) }, { additionalProperties: false });
export type VoteRequest = Static<typeof VoteRequestSchema>;

export const VoteResponseSchema = Type.Object({
  correct: Type.Boolean(),
  payout: Type.Integer(),
  original_phrase: Type.String(),
  your_choice: Type.String(),
});
export type VoteResponse = Static<typeof VoteResponseSchema>;

export const ContributorRoleKind = Type.Union([Type.Literal('prompt'), Type.Literal('copy')]);

export const PhrasesetResultVoteSchema = Type.Object({
  phrase: Type.String(),
  vote_count: Type.Integer(),
  is_original: Type.Boolean(),
});

/**
 * `GET /phrasesets/{phraseset_id}/results` (collects the prize on first view, SPEC §3.5).
 * `already_collected` is true when the prize had been received before this request.
 */
export const PhrasesetResultsResponseSchema = Type.Object({
  prompt_text: Type.String(),
  votes: Type.Array(PhrasesetResultVoteSchema),
  your_phrase: Type.String(),
  your_role: ContributorRoleKind,
  your_points: Type.Integer(),
  total_points: Type.Integer(),
  your_payout: Type.Integer(),
  total_pool: Type.Integer(),
  total_votes: Type.Integer(),
  already_collected: Type.Boolean(),
  finalized_at: DateTime,
});
export type PhrasesetResultsResponse = Static<typeof PhrasesetResultsResponseSchema>;

/** `POST /phrasesets/{phraseset_id}/claim`: `amount` is what this request moved (0 when already claimed). */
export const ClaimPrizeResponseSchema = Type.Object({
  success: Type.Boolean(),
  amount: Type.Integer(),
  new_balance: Type.Integer(),
  already_claimed: Type.Boolean(),
});
export type ClaimPrizeResponse = Static<typeof ClaimPrizeResponseSchema>;
