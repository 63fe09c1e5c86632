import { Type, type Static } from 'typebox';
import { DateTime, Nullable, Uuid } from './common.ts';

/**
 * Solo round write endpoints (seed "Round Endpoints"; SPEC §5). Read views of rounds
 * (`/rounds/available`, `/rounds/{id}`, `/player/current-round`) live with the read models.
 */

export const RoundType = Type.Union([Type.Literal('prompt'), Type.Literal('copy'), Type.Literal('vote')]);
export type RoundType = Static<typeof RoundType>;

/** `POST /rounds/prompt` → seed body. */
export const StartPromptRoundResponseSchema = Type.Object({
  round_id: Uuid,
  prompt_text: Type.String(),
  expires_at: DateTime,
  cost: Type.Integer(),
});
export type StartPromptRoundResponse = Static<typeof StartPromptRoundResponseSchema>;

/** `POST /rounds/copy` body (optional): the price the player saw (SPEC §5.3); a different price → 409 `price_changed`. */
export const StartCopyRoundRequestSchema = Type.Object(
  { expected_cost: Type.Optional(Type.Integer({ minimum: 0 })) },
  { additionalProperties: false },
);
export type StartCopyRoundRequest = Static<typeof StartCopyRoundRequestSchema>;

export const StartCopyRoundResponseSchema = Type.Object({
  round_id: Uuid,
  original_phrase: Type.String(),
  prompt_round_id: Uuid,
  expires_at: DateTime,
  cost: Type.Integer(),
  discount_active: Type.Boolean(),
});
export type StartCopyRoundResponse = Static<typeof StartCopyRoundResponseSchema>;

/** `POST /rounds/vote` → seed body plus `cost` (SPEC §5.4). `phrases` keep the order fixed for the round. */
export const StartVoteRoundResponseSchema = Type.Object({
  round_id: Uuid,
  phraseset_id: Uuid,
  prompt_text: Type.String(),
  phrases: Type.Array(Type.String(), { minItems: 3, maxItems: 3 }),
  expires_at: DateTime,
  cost: Type.Integer(),
});
export type StartVoteRoundResponse = Static<typeof StartVoteRoundResponseSchema>;

/** `POST /rounds/{round_id}/submit`. */
export const SubmitPhraseRequestSchema = Type.Object({ phrase: Type.String({ maxLength: 200 }) }, { additionalProperties: false });
export type SubmitPhraseRequest = Static<typeof SubmitPhraseRequestSchema>;

export const SubmitPhraseResponseSchema = Type.Object({
  success: Type.Boolean(),
  phrase: Type.String(),
});
export type SubmitPhraseResponse = Static<typeof SubmitPhraseResponseSchema>;

/** `POST /rounds/{round_id}/abandon` (beyond the seed, SPEC §5.7). */
export const AbandonRoundResponseSchema = Type.Object({
  round_id: Uuid,
  round_type: RoundType,
  status: Type.Literal('abandoned'),
  refund_amount: Type.Integer(),
  penalty_kept: Type.Integer(),
  new_balance: Type.Integer(),
  message: Type.String(),
});
export type AbandonRoundResponse = Static<typeof AbandonRoundResponseSchema>;

export const FeedbackType = Type.Union([Type.Literal('like'), Type.Literal('dislike')]);
export type FeedbackType = Static<typeof FeedbackType>;

/** `POST /rounds/{round_id}/feedback` (prompt rounds only, upsert). */
export const PromptFeedbackRequestSchema = Type.Object({ feedback_type: FeedbackType }, { additionalProperties: false });
export type PromptFeedbackRequest = Static<typeof PromptFeedbackRequestSchema>;

export const PromptFeedbackResponseSchema = Type.Object({
  success: Type.Boolean(),
  feedback_type: FeedbackType,
  message: Type.String(),
});
export type PromptFeedbackResponse = Static<typeof PromptFeedbackResponseSchema>;

/** `GET /rounds/{round_id}/feedback`: all null when none was given. */
export const GetPromptFeedbackResponseSchema = Type.Object({
  feedback_type: Nullable(FeedbackType),
  feedback_id: Nullable(Uuid),
  last_updated_at: Nullable(DateTime),
});
export type GetPromptFeedbackResponse = Static<typeof GetPromptFeedbackResponseSchema>;
