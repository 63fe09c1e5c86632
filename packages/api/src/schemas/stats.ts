import { Type, type Static } from 'typebox';
import { DateTime, Nullable, Uuid } from './common.ts';

/** Writer roles (prompt, copy) in `GET /player/statistics`. */
export const WriterRoleStatsSchema = Type.Object({
  role: Type.Union([Type.Literal('prompt'), Type.Literal('copy')]),
  /** Rounds of this role submitted. */
  total_rounds: Type.Integer(),
  /** Prize payouts received for this role (ledger). */
  total_earnings: Type.Integer(),
  /** total_earnings / total_rounds, 1 decimal. */
  average_earnings: Type.Number(),
  /** Percent (1 decimal) of this role's finalized phrasesets whose payout exceeded the round's cost. */
  win_rate: Type.Number(),
  /** Finalized phrasesets written in this role. */
  total_phrasesets: Type.Integer(),
  /** Votes for the player's phrase per finalized phraseset, 1 decimal. */
  average_votes_received: Type.Number(),
});

export const VoterStatsSchema = Type.Object({
  role: Type.Literal('voter'),
  total_rounds: Type.Integer(),
  total_earnings: Type.Integer(),
  average_earnings: Type.Number(),
  win_rate: Type.Number(),
  correct_votes: Type.Integer(),
  vote_accuracy: Type.Number(),
});

export const EarningsBreakdownSchema = Type.Object({
  prompt_earnings: Type.Integer(),
  copy_earnings: Type.Integer(),
  vote_earnings: Type.Integer(),
  daily_bonuses: Type.Integer(),
  /** Beyond the seed: quest rewards received (included in total_earnings). */
  quest_rewards: Type.Integer(),
  total_earnings: Type.Integer(),
  /** Entry fees net of refunds, per role. */
  prompt_spending: Type.Integer(),
  copy_spending: Type.Integer(),
  vote_spending: Type.Integer(),
  total_spending: Type.Integer(),
});

export const PlayerStatisticsSchema = Type.Object({
  player_id: Uuid,
  username: Type.String(),
  email: Nullable(Type.String()),
  overall_balance: Type.Integer(),
  prompt_stats: WriterRoleStatsSchema,
  copy_stats: WriterRoleStatsSchema,
  voter_stats: VoterStatsSchema,
  earnings: EarningsBreakdownSchema,
  frequency: Type.Object({
    total_rounds_played: Type.Integer(),
    days_active: Type.Integer(),
    rounds_per_day: Type.Number(),
    last_active: DateTime,
    member_since: DateTime,
  }),
  favorite_prompts: Type.Array(Type.String()),
  best_performing_phrases: Type.Array(Type.Object({ phrase: Type.String(), votes: Type.Integer(), earnings: Type.Integer() })),
});
export type PlayerStatistics = Static<typeof PlayerStatisticsSchema>;

// ---------------------------------------------------------------------------------------------
// Leaderboard (beyond the seed, SPEC §6)

export const LeaderboardEntrySchema = Type.Object({
  /** Competition rank: players with equal net earnings share a rank. */
  rank: Type.Integer({ minimum: 1 }),
  player_id: Uuid,
  username: Type.String(),
  /** Coins won minus coins spent in the period (every ledger entry except the starting balance). */
  net_earnings: Type.Integer(),
  is_you: Type.Boolean(),
});
export type LeaderboardEntry = Static<typeof LeaderboardEntrySchema>;

export const LeaderboardBoardSchema = Type.Object({
  period: Type.Union([Type.Literal('weekly'), Type.Literal('all_time')]),
  /** Start of the period (weekly: Monday 00:00 UTC), null for all time. */
  starts_at: Nullable(DateTime),
  /** End of the period (the next Monday 00:00 UTC), null for all time. */
  ends_at: Nullable(DateTime),
  /** Ranked players (human, not deleted). */
  total_players: Type.Integer(),
  entries: Type.Array(LeaderboardEntrySchema),
  /** The caller's own row, always present (also when outside `entries`). */
  you: LeaderboardEntrySchema,
});

export const LeaderboardResponseSchema = Type.Object({
  generated_at: DateTime,
  weekly: LeaderboardBoardSchema,
  all_time: LeaderboardBoardSchema,
});
export type LeaderboardResponse = Static<typeof LeaderboardResponseSchema>;

export const LeaderboardQuerySchema = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
});
