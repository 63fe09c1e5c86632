import { Type, type Static } from 'typebox';

/** `POST /phrases/validate` (SPEC §4.7, beyond the seed): a dry run of a round's phrase rules. */
export const ValidatePhraseRequestSchema = Type.Object(
  {
    phrase: Type.String({ maxLength: 200 }),
    round_id: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);
export const ValidatePhraseResponseSchema = Type.Object({
  valid: Type.Boolean(),
  phrase: Type.String(),
  detail: Type.Optional(Type.String()),
  message: Type.Optional(Type.String()),
});
export type ValidatePhraseResponse = Static<typeof ValidatePhraseResponseSchema>;
