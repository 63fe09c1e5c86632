-- Platform tables: players, auth, ledger, scheduler, idempotency.
-- Runs unchanged on PostgreSQL 15+ and PGlite. Business time is always passed in ($now), never now().

CREATE TABLE players (
  id uuid PRIMARY KEY,
  username text NOT NULL,
  username_key text NOT NULL UNIQUE,           -- lower-case, frees the name when a player is deleted
  pseudonym text NOT NULL,
  email text UNIQUE,                           -- null for guests, AI and deleted players
  password_hash text,
  is_guest boolean NOT NULL DEFAULT false,
  is_ai boolean NOT NULL DEFAULT false,
  balance integer NOT NULL CHECK (balance >= 0),
  created_at timestamptz NOT NULL,
  last_login_date date,
  tutorial_progress text NOT NULL DEFAULT 'not_started',
  tutorial_started_at timestamptz,
  tutorial_completed_at timestamptz,
  deleted_at timestamptz
);

CREATE TABLE refresh_tokens (
  id uuid PRIMARY KEY,
  player_id uuid NOT NULL REFERENCES players(id),
  family_id uuid NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  rotated_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX refresh_tokens_player ON refresh_tokens (player_id);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);

-- Double-entry ledger: every transfer is two rows with the same transfer_id summing to zero.
-- account_kind 'player' (players.balance), 'pool' (a phraseset's pool), 'house' (derived, no stored balance).
CREATE TABLE ledger_entries (
  id bigserial PRIMARY KEY,
  transfer_id uuid NOT NULL,
  account_kind text NOT NULL CHECK (account_kind IN ('player', 'pool', 'house')),
  account_id uuid,
  type text NOT NULL,
  amount integer NOT NULL,
  balance_after integer,
  reference_id uuid,
  created_at timestamptz NOT NULL,
  CHECK ((account_kind = 'house') = (account_id IS NULL))
);
CREATE INDEX ledger_entries_account ON ledger_entries (account_kind, account_id, id);
CREATE INDEX ledger_entries_transfer ON ledger_entries (transfer_id);

CREATE TABLE daily_bonuses (
  player_id uuid NOT NULL REFERENCES players(id),
  day date NOT NULL,
  amount integer NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (player_id, day)
);

-- Durable timers (DESIGN §3.2).
CREATE TABLE scheduled_jobs (
  id uuid PRIMARY KEY,
  kind text NOT NULL,
  subject_id uuid,
  dedupe_key text NOT NULL UNIQUE,
  due_at timestamptz NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  locked_until timestamptz,
  parked_at timestamptz,
  created_at timestamptz NOT NULL
);
CREATE INDEX scheduled_jobs_due ON scheduled_jobs (due_at) WHERE parked_at IS NULL;

-- Idempotency keys (SPEC §1.7): status NULL while the first request is running.
CREATE TABLE idempotency_keys (
  player_id uuid NOT NULL,
  key text NOT NULL,
  fingerprint text NOT NULL,
  status integer,
  response jsonb,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (player_id, key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
