import { Type, type Static } from 'typebox';
import { DateTime, Nullable, Uuid } from './common.ts';

/** Quest statuses (seed): active → completed → claimed. */
export const QuestStatusSchema = Type.Union([Type.Literal('active'), Type.Literal('completed'), Type.Literal('claimed')]);
export const QuestCategorySchema = Type.Union([Type.Literal('streak'), Type.Literal('quality'), Type.Literal('activity'), Type.Literal('milestone')]);

/** One quest (seed `GET /quests/{quest_id}`); `progress` is the type's own object, e.g. `{current_streak, target}`. */
export const QuestSchema = Type.Object({
  quest_id: Uuid,
  quest_type: Type.String(),
  name: Type.String(),
  description: Type.String(),
  status: QuestStatusSchema,
  progress: Type.Record(Type.String(), Type.Union([Type.Number(), Type.String(), Type.Null()])),
  reward_amount: Type.Integer(),
  category: QuestCategorySchema,
  created_at: DateTime,
  completed_at: Nullable(DateTime),
  claimed_at: Nullable(DateTime),
  progress_percentage: Type.Number({ minimum: 0, maximum: 100 }),
  progress_current: Type.Integer(),
  progress_target: Type.Integer(),
});
export type Quest = Static<typeof QuestSchema>;

export const QuestListResponseSchema = Type.Object({
  quests: Type.Array(QuestSchema),
  total_count: Type.Integer(),
  active_count: Type.Integer(),
  completed_count: Type.Integer(),
  claimed_count: Type.Integer(),
  claimable_count: Type.Integer(),
});
export type QuestListResponse = Static<typeof QuestListResponseSchema>;

/** `GET /quests/active` and `/quests/claimable` answer bare arrays. */
export const QuestArraySchema = Type.Array(QuestSchema);

export const ClaimQuestResponseSchema = Type.Object({
  success: Type.Boolean(),
  quest_id: Uuid,
  quest_type: Type.String(),
  reward_amount: Type.Integer(),
  new_balance: Type.Integer(),
  message: Type.String(),
});
export type ClaimQuestResponse = Static<typeof ClaimQuestResponseSchema>;
