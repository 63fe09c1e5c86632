import type { ColumnType, Generated } from 'kysely';
import type { DateString, Timestamp } from './schema.ts';

type Json<T> = ColumnType<T, string, string>;

export type QuestStatusColumn = 'active' | 'completed' | 'claimed';

export interface QuestsTable {
  id: string;
  player_id: string;
  quest_type: string;
  status: QuestStatusColumn;
  progress: Generated<number>;
  target: number;
  reward_amount: number;
  detail: Json<Record<string, number | string | null>>;
  created_at: Timestamp;
  completed_at: Timestamp | null;
  claimed_at: Timestamp | null;
}

export interface QuestPlayerStateTable {
  player_id: string;
  vote_streak: Generated<number>;
  login_streak: Generated<number>;
  last_active_day: DateString | null;
  created_at: Timestamp;
}

export interface QuestActionsTable {
  player_id: string;
  kind: 'prompt' | 'copy' | 'vote' | 'feedback';
  ref_id: string;
  at: Timestamp;
}

/** Quest tables (migration 005), merged into DB in schema.ts. */
export interface QuestTables {
  quests: QuestsTable;
  quest_player_state: QuestPlayerStateTable;
  quest_actions: QuestActionsTable;
}
