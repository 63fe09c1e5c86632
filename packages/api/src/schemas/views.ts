import { Type, type Static } from 'typebox';
import { DateTime, Nullable, Uuid } from './common.ts';
import { BalanceResponseSchema } from './player.ts';

/**
 * Read views of the solo game (SPEC §5.10, §5.11, §6): what a player sees of their rounds and
 * phrasesets. Field names are the core seed's. Objects that a projection decides are closed
 * (`additionalProperties: false`) so the response serializer whitelists them a second time.
 */

const closed = { additionalProperties: false } as const;

export const RoundTypeSchema = Type.Union([Type.Literal('prompt'), Type.Literal('copy'), Type.Literal('vote')]);
export const RoundStatusSchema = Type.Union([
  Type.Literal('active'),
  Type.Literal('submitted'),
  Type.Literal('expired'),
  Type.Literal('abandoned'),
  Type.Literal('cancelled'),
]);
/** Role of a writer as the player views use it (the two copies are both `copy`). */
export const WriterRoleSchema = Type.Union([Type.Literal('prompt'), Type.Literal('copy')]);

/**
 * Status of a contribution as players see it (SPEC §5.11): before the phraseset exists
 * `waiting_copies` (no copy in) / `waiting_copy1` (one copy in); then `voting` (open), `closing`
 * (closing, or closed but not yet finalized) and `finalized`.
 */
export const PHRASESET_VIEW_STATUSES = ['waiting_copies', 'waiting_copy1', 'voting', 'closing', 'finalized'] as const;
const viewStatusLiterals = [
  Type.Literal('waiting_copies'),
  Type.Literal('waiting_copy1'),
  Type.Literal('voting'),
  Type.Literal('closing'),
  Type.Literal('finalized'),
] as const;
export const PhrasesetViewStatusSchema = Type.Union([...viewStatusLiterals]);
export type PhrasesetViewStatus = (typeof PHRASESET_VIEW_STATUSES)[number];

// ---------------------------------------------------------------------------------------------
// GET /player/current-round

const roundStateBase = {
  round_id: Uuid,
  status: Type.Union([Type.Literal('active'), Type.Literal('submitted')]),
  expires_at: DateTime,
};
export const PromptRoundStateSchema = Type.Object({ ...roundStateBase, cost: Type.Integer(), prompt_text: Type.String() }, closed);
/** A copy round never shows the prompt: the copier writes blind. */
export const CopyRoundStateSchema = Type.Object(
  { ...roundStateBase, cost: Type.Integer(), original_phrase: Type.String(), discount_active: Type.Boolean() },
  closed,
);
export const VoteRoundStateSchema = Type.Object(
  { ...roundStateBase, cost: Type.Integer(), phraseset_id: Uuid, prompt_text: Type.String(), phrases: Type.Array(Type.String()) },
  closed,
);
export const RoundStateSchema = Type.Union([VoteRoundStateSchema, CopyRoundStateSchema, PromptRoundStateSchema]);

/** The caller's active round; every field null when there is none. */
export const CurrentRoundResponseSchema = Type.Object({
  round_id: Nullable(Uuid),
  round_type: Nullable(RoundTypeSchema),
  state: Nullable(RoundStateSchema),
  expires_at: Nullable(DateTime),
});
export type CurrentRoundResponse = Static<typeof CurrentRoundResponseSchema>;

// ---------------------------------------------------------------------------------------------
// GET /rounds/available, GET /rounds/{round_id}

export const RoundAvailabilitySchema = Type.Object({
  can_prompt: Type.Boolean(),
  can_copy: Type.Boolean(),
  can_vote: Type.Boolean(),
  /** Prompts this player could copy now. */
  prompts_waiting: Type.Integer(),
  /** Phrasesets this player could vote on now. */
  phrasesets_waiting: Type.Integer(),
  copy_discount_active: Type.Boolean(),
  copy_cost: Type.Integer(),
  current_round_id: Nullable(Uuid),
  prompt_cost: Type.Integer(),
  vote_cost: Type.Integer(),
  vote_payout_correct: Type.Integer(),
  abandoned_penalty: Type.Integer(),
});
export type RoundAvailability = Static<typeof RoundAvailabilitySchema>;

/** One of the caller's own rounds. `prompt_text` is null for copy rounds (never shown to a copier). */
export const RoundDetailsSchema = Type.Object({
  round_id: Uuid,
  type: RoundTypeSchema,
  status: RoundStatusSchema,
  expires_at: DateTime,
  prompt_text: Nullable(Type.String()),
  original_phrase: Nullable(Type.String()),
  submitted_phrase: Nullable(Type.String()),
  cost: Type.Integer(),
});
export type RoundDetails = Static<typeof RoundDetailsSchema>;

// ---------------------------------------------------------------------------------------------
// GET /player/pending-results, /player/unclaimed-results

export const PendingResultSchema = Type.Object({
  phraseset_id: Uuid,
  prompt_text: Type.String(),
  /** When the phraseset was finalized. */
  completed_at: DateTime,
  role: WriterRoleSchema,
  result_viewed: Type.Boolean(),
});
export const PendingResultsResponseSchema = Type.Object({ pending: Type.Array(PendingResultSchema) });
export type PendingResultsResponse = Static<typeof PendingResultsResponseSchema>;

export const UnclaimedResultSchema = Type.Object({
  phraseset_id: Uuid,
  prompt_text: Type.String(),
  your_role: WriterRoleSchema,
  your_phrase: Type.String(),
  finalized_at: DateTime,
  your_payout: Type.Integer(),
});
export const UnclaimedResultsResponseSchema = Type.Object({
  unclaimed: Type.Array(UnclaimedResultSchema),
  total_unclaimed_amount: Type.Integer(),
});
export type UnclaimedResultsResponse = Static<typeof UnclaimedResultsResponseSchema>;

// ---------------------------------------------------------------------------------------------
// GET /player/phrasesets, /player/phrasesets/summary

export const PhrasesetListQuerySchema = Type.Object(
  {
    role: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('prompt'), Type.Literal('copy')], { default: 'all' })),
    status: Type.Optional(Type.Union([Type.Literal('all'), ...viewStatusLiterals], { default: 'all' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
);
export type PhrasesetListQuery = Static<typeof PhrasesetListQuerySchema>;

/**
 * One of the player's prompt or copy contributions. `phraseset_id` is null until both copies are in;
 * `prompt_text` is null for a copy contribution until then (the prompt stays hidden while copies are written).
 */
export const PhrasesetListItemSchema = Type.Object({
  phraseset_id: Nullable(Uuid),
  prompt_round_id: Uuid,
  prompt_text: Nullable(Type.String()),
  your_role: WriterRoleSchema,
  status: PhrasesetViewStatusSchema,
  created_at: DateTime,
  vote_count: Type.Integer(),
  has_copy1: Type.Boolean(),
  has_copy2: Type.Boolean(),
  your_payout: Nullable(Type.Integer()),
  result_viewed: Type.Boolean(),
  new_activity_count: Type.Integer(),
});
export type PhrasesetListItem = Static<typeof PhrasesetListItemSchema>;

export const PhrasesetListResponseSchema = Type.Object({
  phrasesets: Type.Array(PhrasesetListItemSchema),
  total: Type.Integer(),
  has_more: Type.Boolean(),
});
export type PhrasesetListResponse = Static<typeof PhrasesetListResponseSchema>;

export const PhrasesetCountsSchema = Type.Object({
  prompts: Type.Integer(),
  copies: Type.Integer(),
  unclaimed_prompts: Type.Integer(),
  unclaimed_copies: Type.Integer(),
});
export const PhrasesetSummarySchema = Type.Object({
  in_progress: PhrasesetCountsSchema,
  finalized: PhrasesetCountsSchema,
  total_unclaimed_amount: Type.Integer(),
});
export type PhrasesetSummary = Static<typeof PhrasesetSummarySchema>;

// ---------------------------------------------------------------------------------------------
// GET /player/dashboard

export const DashboardResponseSchema = Type.Object({
  /** The same body as GET /player/balance (includes is_guest). */
  player: BalanceResponseSchema,
  current_round: CurrentRoundResponseSchema,
  pending_results: Type.Array(PendingResultSchema),
  phraseset_summary: PhrasesetSummarySchema,
  unclaimed_results: Type.Array(UnclaimedResultSchema),
  round_availability: RoundAvailabilitySchema,
});
export type DashboardResponse = Static<typeof DashboardResponseSchema>;

// ---------------------------------------------------------------------------------------------
// GET /phrasesets/{phraseset_id}/details

export const PhrasesetContributorSchema = Type.Object(
  { player_id: Uuid, username: Type.String(), pseudonym: Type.String(), is_you: Type.Boolean(), phrase: Type.String() },
  closed,
);
export const PhrasesetVoteSchema = Type.Object(
  {
    vote_id: Uuid,
    voter_id: Uuid,
    voter_username: Type.String(),
    voter_pseudonym: Type.String(),
    voted_phrase: Type.String(),
    correct: Type.Boolean(),
    voted_at: DateTime,
  },
  closed,
);
export const PhrasesetActivitySchema = Type.Object(
  {
    activity_id: Uuid,
    activity_type: Type.String(),
    created_at: DateTime,
    player_id: Nullable(Uuid),
    player_username: Nullable(Type.String()),
    metadata: Type.Record(Type.String(), Type.Unknown()),
  },
  closed,
);
export const PayoutEntrySchema = Type.Object({ player_id: Uuid, payout: Type.Integer(), points: Type.Integer() }, closed);
export const PhrasesetResultsSummarySchema = Type.Object(
  {
    vote_counts: Type.Record(Type.String(), Type.Integer()),
    payouts: Type.Object({ prompt: PayoutEntrySchema, copy1: PayoutEntrySchema, copy2: PayoutEntrySchema }, closed),
    total_pool: Type.Integer(),
  },
  closed,
);

export const PhrasesetDetailsSchema = Type.Object(
  {
    phraseset_id: Uuid,
    prompt_round_id: Uuid,
    prompt_text: Type.String(),
    status: PhrasesetViewStatusSchema,
    original_phrase: Type.String(),
    copy_phrase_1: Type.String(),
    copy_phrase_2: Type.String(),
    contributors: Type.Array(PhrasesetContributorSchema),
    vote_count: Type.Integer(),
    third_vote_at: Nullable(DateTime),
    fifth_vote_at: Nullable(DateTime),
    closes_at: Nullable(DateTime),
    votes: Type.Array(PhrasesetVoteSchema),
    /** The pool now; at finalization, the pool before payouts. */
    total_pool: Type.Integer(),
    /** Only once the phraseset is finalized. */
    results: Nullable(PhrasesetResultsSummarySchema),
    your_role: WriterRoleSchema,
    your_phrase: Type.String(),
    your_payout: Nullable(Type.Integer()),
    result_viewed: Type.Boolean(),
    activity: Type.Array(PhrasesetActivitySchema),
    created_at: DateTime,
    finalized_at: Nullable(DateTime),
  },
  closed,
);
export type PhrasesetDetails = Static<typeof PhrasesetDetailsSchema>;
