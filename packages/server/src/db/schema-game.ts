import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './schema.ts';

type Json<T> = ColumnType<T, string, string>;

export type RoundType = 'prompt' | 'copy' | 'vote';
export type RoundStatus = 'active' | 'submitted' | 'expired' | 'abandoned' | 'cancelled';
export type PhrasesetStatus = 'open' | 'closing' | 'closed' | 'finalized';
export type ContributorRole = 'prompt' | 'copy1' | 'copy2';

export interface PromptsTable {
  id: string;
  key: string;
  text: string;
  category: string;
  family_friendly: boolean;
  answers: Json<string[]>;
  enabled: Generated<boolean>;
  created_at: Timestamp;
}

export interface RoundsTable {
  id: string;
  player_id: string;
  type: RoundType;
  status: RoundStatus;
  cost: number;
  created_at: Timestamp;
  expires_at: Timestamp;
  ended_at: Timestamp | null;
  submitted_phrase: string | null;
  party_session_id: string | null;
  prompt_id: string | null;
  prompt_text: string | null;
  copies_claimed: Generated<number>;
  copies_submitted: Generated<number>;
  prompt_round_id: string | null;
  original_phrase: string | null;
  discount_active: boolean | null;
  phraseset_id: string | null;
  phrase_order: Json<string[]> | null;
}

export interface PhrasesetsTable {
  id: string;
  prompt_round_id: string;
  prompt_text: string;
  original_phrase: string;
  copy_phrase_1: string;
  copy_phrase_2: string;
  status: PhrasesetStatus;
  vote_count: Generated<number>;
  vote_slots_taken: Generated<number>;
  third_vote_at: Timestamp | null;
  fifth_vote_at: Timestamp | null;
  closes_at: Timestamp | null;
  last_activity_at: Timestamp;
  pool_amount: Generated<number>;
  total_pool: number | null;
  created_at: Timestamp;
  finalized_at: Timestamp | null;
  party_session_id: string | null;
}

export interface PhrasesetContributorsTable {
  phraseset_id: string;
  role: ContributorRole;
  player_id: string;
  round_id: string;
  phrase: string;
  points: number | null;
  payout: number | null;
  claimed_at: Timestamp | null;
  result_viewed_at: Timestamp | null;
}

export interface VotesTable {
  id: string;
  phraseset_id: string;
  player_id: string;
  round_id: string;
  voted_phrase: string;
  correct: boolean;
  payout: number;
  created_at: Timestamp;
}

export interface PhrasesetActivityTable {
  id: string;
  prompt_round_id: string;
  phraseset_id: string | null;
  activity_type: string;
  player_id: string | null;
  metadata: Json<Record<string, unknown>>;
  created_at: Timestamp;
}

export interface PromptFeedbackTable {
  id: string;
  round_id: string;
  player_id: string;
  prompt_id: string;
  feedback_type: 'like' | 'dislike';
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface GameTables {
  prompts: PromptsTable;
  rounds: RoundsTable;
  phrasesets: PhrasesetsTable;
  phraseset_contributors: PhrasesetContributorsTable;
  votes: VotesTable;
  phraseset_activity: PhrasesetActivityTable;
  prompt_feedback: PromptFeedbackTable;
}
