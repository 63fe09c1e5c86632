-- AI players (SPEC §10): one row per AI action (a prompt answer, a copy, a vote), whatever its outcome.
-- AI accounts themselves are ordinary players with is_ai = true (001_platform.sql).

CREATE TABLE ai_metrics (
  id uuid PRIMARY KEY,
  operation text NOT NULL CHECK (operation IN ('prompt', 'copy', 'vote')),
  provider text NOT NULL CHECK (provider IN ('local', 'openai')),   -- who produced the phrase used
  provider_error text,                                              -- why the configured LLM was not used, if it was not
  success boolean NOT NULL,                                         -- the action was accepted by the game
  latency_ms integer NOT NULL CHECK (latency_ms >= 0),              -- time to decide (LLM call included)
  validation text NOT NULL CHECK (validation IN ('first_try', 'retried', 'fallback', 'failed')),
  attempts integer NOT NULL DEFAULT 1,                              -- submissions made (retries after a rejection)
  vote_correct boolean,                                             -- votes only
  player_id uuid,                                                   -- the AI account (no FK: metrics never block account changes)
  round_id uuid,
  phraseset_id uuid,
  party_session_id uuid,
  error text,                                                       -- why the action failed, when it did
  created_at timestamptz NOT NULL
);
CREATE INDEX ai_metrics_created ON ai_metrics (created_at);
CREATE INDEX ai_metrics_operation ON ai_metrics (operation, created_at);
