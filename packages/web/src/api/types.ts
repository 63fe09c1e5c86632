/**
 * The API's types, straight from packages/api (type-only: nothing of the schemas reaches the bundle).
 * Where the contract exports a schema but no type, `Static` derives it here.
 */
import type { Static } from 'typebox';
import type {
  ValidatePhraseResponseSchema,
  ChangeEmailResponseSchema,
  LeaderboardBoardSchema,
  WriterRoleStatsSchema,
  VoterStatsSchema,
  ChangePasswordResponseSchema,
  DailyBonusResponseSchema,
  PhrasesetResultVoteSchema,
  TransactionItemSchema,
  TransactionsResponseSchema,
  TutorialProgressResponseSchema,
} from '@quipflip/api';

export type {
  AbandonRoundResponse,
  ClaimQuestResponse,
  LeaderboardEntry,
  LeaderboardResponse,
  PlayerStatistics,
  Quest,
  QuestListResponse,
  BalanceResponse,
  ClaimPrizeResponse,
  CurrentRoundResponse,
  DashboardResponse,
  ErrorBody,
  ErrorCode,
  GetPromptFeedbackResponse,
  LoginResponse,
  PendingResultsResponse,
  PhrasesetDetails,
  PhrasesetListItem,
  PhrasesetListQuery,
  PhrasesetListResponse,
  PhrasesetResultsResponse,
  PhrasesetSummary,
  PhrasesetViewStatus,
  PromptFeedbackResponse,
  RegisterResponse,
  RoundAvailability,
  RoundDetails,
  StartCopyRoundResponse,
  StartPromptRoundResponse,
  StartVoteRoundResponse,
  SubmitPhraseResponse,
  TutorialProgress,
  TutorialStatus,
  UnclaimedResultsResponse,
  VoteResponse,
} from '@quipflip/api';

export type DailyBonusResponse = Static<typeof DailyBonusResponseSchema>;
export type ChangePasswordResponse = Static<typeof ChangePasswordResponseSchema>;
export type ChangeEmailResponse = Static<typeof ChangeEmailResponseSchema>;
export type TutorialProgressResponse = Static<typeof TutorialProgressResponseSchema>;
export type TransactionItem = Static<typeof TransactionItemSchema>;
export type TransactionsResponse = Static<typeof TransactionsResponseSchema>;
export type ResultVote = Static<typeof PhrasesetResultVoteSchema>;

export type RoundType = 'prompt' | 'copy' | 'vote';

/** `POST /phrases/validate` (SPEC §4.7). */
export type PhraseCheck = Static<typeof ValidatePhraseResponseSchema>;

export type LeaderboardBoard = Static<typeof LeaderboardBoardSchema>;
export type RoleStats = Static<typeof WriterRoleStatsSchema> | Static<typeof VoterStatsSchema>;
