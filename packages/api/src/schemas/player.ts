import { Type, type Static } from 'typebox';
import { DateOnly, DateTime, Nullable } from './common.ts';

export const BalanceResponseSchema = Type.Object({
  username: Type.String(),
  email: Nullable(Type.String()),
  balance: Type.Integer(),
  starting_balance: Type.Integer(),
  daily_bonus_available: Type.Boolean(),
  daily_bonus_amount: Type.Integer(),
  last_login_date: Nullable(DateOnly),
  created_at: DateTime,
  outstanding_prompts: Type.Integer(),
  is_guest: Type.Boolean(),
  is_ai: Type.Boolean(),
});
export type BalanceResponse = Static<typeof BalanceResponseSchema>;

export const DailyBonusResponseSchema = Type.Object({
  success: Type.Boolean(),
  amount: Type.Integer(),
  new_balance: Type.Integer(),
});

export const TutorialProgress = Type.Union([
  Type.Literal('not_started'),
  Type.Literal('welcome'),
  Type.Literal('dashboard'),
  Type.Literal('prompt_round'),
  Type.Literal('copy_round'),
  Type.Literal('vote_round'),
  Type.Literal('completed'),
]);
export type TutorialProgress = Static<typeof TutorialProgress>;
export const TUTORIAL_PROGRESS_VALUES = ['not_started', 'welcome', 'dashboard', 'prompt_round', 'copy_round', 'vote_round', 'completed'] as const;

export const TutorialStatusSchema = Type.Object({
  tutorial_completed: Type.Boolean(),
  tutorial_progress: TutorialProgress,
  tutorial_started_at: Nullable(DateTime),
  tutorial_completed_at: Nullable(DateTime),
});
export type TutorialStatus = Static<typeof TutorialStatusSchema>;
// progress is a plain string here so an unknown value gets the seed's 400 invalid_progress, not a schema error.
export const TutorialProgressRequestSchema = Type.Object({ progress: Type.String({ maxLength: 64 }) }, { additionalProperties: false });
export const TutorialProgressResponseSchema = Type.Object({ success: Type.Boolean(), tutorial_status: TutorialStatusSchema });

export const TransactionItemSchema = Type.Object({
  transaction_id: Type.String(),
  type: Type.String(),
  amount: Type.Integer(),
  balance_after: Type.Integer(),
  reference_id: Nullable(Type.String()),
  created_at: DateTime,
});
export const TransactionsResponseSchema = Type.Object({
  transactions: Type.Array(TransactionItemSchema),
  total: Type.Integer(),
  has_more: Type.Boolean(),
});
export const PaginationQuerySchema = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
});
