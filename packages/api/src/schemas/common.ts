import { Type, type Static } from 'typebox';

export const Uuid = Type.String({ format: 'uuid' });
export const DateTime = Type.String({ format: 'date-time', description: 'UTC ISO-8601 with Z' });
export const DateOnly = Type.String({ format: 'date', description: 'UTC calendar day YYYY-MM-DD' });
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** Every error body (SPEC §1.5): detail + code, optional message and context fields. */
export const ErrorSchema = Type.Object(
  {
    detail: Type.String(),
    code: Type.String(),
    message: Type.Optional(Type.String()),
  },
  { additionalProperties: true, $id: 'Error' },
);
export type ErrorBody = Static<typeof ErrorSchema>;

export const SessionIdParams = Type.Object({ session_id: Uuid });
export const RoundIdParams = Type.Object({ round_id: Uuid });
export const PhrasesetIdParams = Type.Object({ phraseset_id: Uuid });
export const QuestIdParams = Type.Object({ quest_id: Uuid });

export const SuccessMessageSchema = Type.Object({ success: Type.Boolean(), message: Type.String() });
