import type { Timestamp } from './schema.ts';

export type AiOperation = 'prompt' | 'copy' | 'vote';
export type AiProviderName = 'local' | 'openai';
/** first_try: the first phrase was accepted; retried: a later candidate was; fallback: the guaranteed phrase; failed: none. */
export type AiValidation = 'first_try' | 'retried' | 'fallback' | 'failed';

/** One row per AI action (SPEC §10.4), migration 004_ai.sql. */
export interface AiMetricsTable {
  id: string;
  operation: AiOperation;
  provider: AiProviderName;
  provider_error: string | null;
  success: boolean;
  latency_ms: number;
  validation: AiValidation;
  attempts: number;
  vote_correct: boolean | null;
  player_id: string | null;
  round_id: string | null;
  phraseset_id: string | null;
  party_session_id: string | null;
  error: string | null;
  created_at: Timestamp;
}

export interface AiTables {
  ai_metrics: AiMetricsTable;
}
