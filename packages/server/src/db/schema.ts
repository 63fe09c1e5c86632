import type { ColumnType, Generated } from 'kysely';
import type { AiTables } from './schema-ai.ts';
import type { GameTables } from './schema-game.ts';
import type { QuestTables } from './schema-quests.ts';

/** Timestamps are written as Date and read as Date (timestamptz). */
export type Timestamp = ColumnType<Date, Date, Date>;
/** `date` columns are read and written as 'YYYY-MM-DD' strings (parsers configured in connect.ts). */
export type DateString = string;

export interface PlayersTable {
  id: string;
  username: string;
  username_key: string;
  pseudonym: string;
  email: string | null;
  password_hash: string | null;
  is_guest: Generated<boolean>;
  is_ai: Generated<boolean>;
  balance: number;
  created_at: Timestamp;
  last_login_date: DateString | null;
  tutorial_progress: Generated<string>;
  tutorial_started_at: Timestamp | null;
  tutorial_completed_at: Timestamp | null;
  deleted_at: Timestamp | null;
}

export interface RefreshTokensTable {
  id: string;
  player_id: string;
  family_id: string;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  rotated_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export type AccountKind = 'player' | 'pool' | 'house';

export interface LedgerEntriesTable {
  id: Generated<number>;
  transfer_id: string;
  account_kind: AccountKind;
  account_id: string | null;
  type: string;
  amount: number;
  balance_after: number | null;
  reference_id: string | null;
  created_at: Timestamp;
}

export interface DailyBonusesTable {
  player_id: string;
  day: DateString;
  amount: number;
  created_at: Timestamp;
}

export interface ScheduledJobsTable {
  id: string;
  kind: string;
  subject_id: string | null;
  dedupe_key: string;
  due_at: Timestamp;
  payload: ColumnType<unknown, string, string>;
  attempts: Generated<number>;
  last_error: string | null;
  locked_until: Timestamp | null;
  parked_at: Timestamp | null;
  created_at: Timestamp;
}

export interface IdempotencyKeysTable {
  player_id: string;
  key: string;
  fingerprint: string;
  status: number | null;
  response: ColumnType<unknown, string | null, string | null>;
  created_at: Timestamp;
  expires_at: Timestamp;
}

/** Platform tables. Game tables are added in schema-game.ts and merged into DB. */
export interface PlatformTables {
  players: PlayersTable;
  refresh_tokens: RefreshTokensTable;
  ledger_entries: LedgerEntriesTable;
  daily_bonuses: DailyBonusesTable;
  scheduled_jobs: ScheduledJobsTable;
  idempotency_keys: IdempotencyKeysTable;
}

export type DB = PlatformTables & GameTables & QuestTables & AiTables;
