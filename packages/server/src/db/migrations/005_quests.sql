-- Quests (SPEC §7), and the indexes statistics and the leaderboard read through (SPEC §6).

-- One row per player and quest type: a tier or one-off quest never exists twice for a player.
CREATE TABLE quests (
  id uuid PRIMARY KEY,
  player_id uuid NOT NULL REFERENCES players(id),
  quest_type text NOT NULL,
  status text NOT NULL CHECK (status IN ('active', 'completed', 'claimed')),
  progress integer NOT NULL DEFAULT 0,
  target integer NOT NULL,
  reward_amount integer NOT NULL CHECK (reward_amount >= 0),
  detail jsonb NOT NULL DEFAULT '{}'::jsonb,      -- the seed's `progress` object
  created_at timestamptz NOT NULL,
  completed_at timestamptz,
  claimed_at timestamptz,
  UNIQUE (player_id, quest_type),
  CHECK ((status = 'active') = (completed_at IS NULL)),
  CHECK ((status = 'claimed') = (claimed_at IS NOT NULL))
);

-- Per-player quest state. Its row is the lock every quest change of that player takes first, so
-- progress updates and claims of one player never interleave; it also holds the two streak counters.
CREATE TABLE quest_player_state (
  player_id uuid PRIMARY KEY REFERENCES players(id),
  vote_streak integer NOT NULL DEFAULT 0,
  login_streak integer NOT NULL DEFAULT 0,
  last_active_day date,
  created_at timestamptz NOT NULL
);

-- The actions quests count, one row per action: a repeated event counts once, and the activity
-- quests count the rows of a rolling 24 h window. kind: prompt | copy | vote (ref = round, or the
-- phraseset for votes) | feedback (ref = prompt round).
CREATE TABLE quest_actions (
  player_id uuid NOT NULL REFERENCES players(id),
  kind text NOT NULL CHECK (kind IN ('prompt', 'copy', 'vote', 'feedback')),
  ref_id uuid NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (player_id, kind, ref_id)
);
CREATE INDEX quest_actions_window ON quest_actions (player_id, at);

-- Leaderboard: weekly sums of player entries read from the index alone; all-time subtracts the
-- starting balances (a small partial index) from the stored balances.
CREATE INDEX ledger_entries_player_time ON ledger_entries (created_at) INCLUDE (account_id, amount, type) WHERE account_kind = 'player';
CREATE INDEX ledger_entries_starting ON ledger_entries (account_id) INCLUDE (amount) WHERE account_kind = 'player' AND type = 'starting_balance';
-- Statistics: votes received per phrase of a finalized set.
CREATE INDEX votes_phraseset_phrase ON votes (phraseset_id, voted_phrase);
