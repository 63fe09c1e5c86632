-- The solo game (SPEC §3–§6): prompt library, rounds, phrasesets, votes, results.
-- Party rounds and phrasesets are the same rows with party_session_id set; they never enter solo queues.

CREATE TABLE prompts (
  id uuid PRIMARY KEY,
  key text NOT NULL UNIQUE,
  text text NOT NULL,
  category text NOT NULL,
  family_friendly boolean NOT NULL,
  answers jsonb NOT NULL DEFAULT '[]'::jsonb,   -- good answers, written by us (the AI uses them)
  enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL
);

-- One table for prompt, copy and vote rounds (seed: "Round (unified)").
CREATE TABLE rounds (
  id uuid PRIMARY KEY,
  player_id uuid NOT NULL REFERENCES players(id),
  type text NOT NULL CHECK (type IN ('prompt', 'copy', 'vote')),
  status text NOT NULL CHECK (status IN ('active', 'submitted', 'expired', 'abandoned', 'cancelled')),
  cost integer NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,                -- nominal deadline; submissions accepted until + grace
  ended_at timestamptz,                           -- submitted, expired, abandoned or cancelled at
  submitted_phrase text,
  party_session_id uuid,                          -- null for solo
  -- prompt rounds
  prompt_id uuid REFERENCES prompts(id),
  prompt_text text,
  copies_claimed integer NOT NULL DEFAULT 0 CHECK (copies_claimed BETWEEN 0 AND 2),  -- active + submitted copy rounds
  copies_submitted integer NOT NULL DEFAULT 0 CHECK (copies_submitted BETWEEN 0 AND 2),
  -- copy rounds
  prompt_round_id uuid REFERENCES rounds(id),
  original_phrase text,
  discount_active boolean,
  -- vote rounds
  phraseset_id uuid,
  phrase_order jsonb,                             -- the three phrases in the order shown, fixed per round
  CHECK (type <> 'prompt' OR prompt_id IS NOT NULL),
  CHECK (type <> 'copy' OR prompt_round_id IS NOT NULL),
  CHECK (type <> 'vote' OR phraseset_id IS NOT NULL)
);
-- One active round per player, across solo and party (SPEC §5.1): the last line of defence.
CREATE UNIQUE INDEX rounds_one_active_per_player ON rounds (player_id) WHERE status = 'active';
CREATE INDEX rounds_player_created ON rounds (player_id, created_at DESC);
CREATE INDEX rounds_active_expiry ON rounds (expires_at) WHERE status = 'active';
-- The copy queue: submitted solo prompts still missing copies, oldest first.
CREATE INDEX rounds_copy_queue ON rounds (ended_at) WHERE type = 'prompt' AND status = 'submitted' AND copies_claimed < 2 AND party_session_id IS NULL;
CREATE INDEX rounds_prompt_round ON rounds (prompt_round_id) WHERE prompt_round_id IS NOT NULL;
CREATE INDEX rounds_phraseset ON rounds (phraseset_id) WHERE phraseset_id IS NOT NULL;

CREATE TABLE phrasesets (
  id uuid PRIMARY KEY,
  prompt_round_id uuid NOT NULL UNIQUE REFERENCES rounds(id),   -- one phraseset per prompt round
  prompt_text text NOT NULL,
  original_phrase text NOT NULL,
  copy_phrase_1 text NOT NULL,
  copy_phrase_2 text NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'closing', 'closed', 'finalized')),
  vote_count integer NOT NULL DEFAULT 0,
  vote_slots_taken integer NOT NULL DEFAULT 0,    -- votes + active vote rounds (reserved slots)
  third_vote_at timestamptz,
  fifth_vote_at timestamptz,
  closes_at timestamptz,
  last_activity_at timestamptz NOT NULL,
  pool_amount integer NOT NULL DEFAULT 0 CHECK (pool_amount >= 0),
  total_pool integer,                             -- pool at finalization, before payouts
  created_at timestamptz NOT NULL,
  finalized_at timestamptz,
  party_session_id uuid
);
CREATE INDEX phrasesets_votable ON phrasesets (created_at) WHERE status IN ('open', 'closing') AND party_session_id IS NULL;
CREATE INDEX phrasesets_status ON phrasesets (status);

-- The three writers of a phraseset, and what each earned.
CREATE TABLE phraseset_contributors (
  phraseset_id uuid NOT NULL REFERENCES phrasesets(id),
  role text NOT NULL CHECK (role IN ('prompt', 'copy1', 'copy2')),
  player_id uuid NOT NULL REFERENCES players(id),
  round_id uuid NOT NULL REFERENCES rounds(id),
  phrase text NOT NULL,
  points integer,                                 -- set at finalization
  payout integer,                                 -- set at finalization
  claimed_at timestamptz,                         -- payout moved pool → player
  result_viewed_at timestamptz,
  PRIMARY KEY (phraseset_id, role)
);
CREATE INDEX phraseset_contributors_player ON phraseset_contributors (player_id);

CREATE TABLE votes (
  id uuid PRIMARY KEY,
  phraseset_id uuid NOT NULL REFERENCES phrasesets(id),
  player_id uuid NOT NULL REFERENCES players(id),
  round_id uuid NOT NULL UNIQUE REFERENCES rounds(id),
  voted_phrase text NOT NULL,
  correct boolean NOT NULL,
  payout integer NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (phraseset_id, player_id)               -- one vote per voter per phraseset
);
CREATE INDEX votes_player ON votes (player_id, created_at);

CREATE TABLE phraseset_activity (
  id uuid PRIMARY KEY,
  prompt_round_id uuid NOT NULL REFERENCES rounds(id),
  phraseset_id uuid REFERENCES phrasesets(id),
  activity_type text NOT NULL,
  player_id uuid REFERENCES players(id),
  metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL
);
CREATE INDEX phraseset_activity_prompt_round ON phraseset_activity (prompt_round_id, created_at);

CREATE TABLE prompt_feedback (
  id uuid PRIMARY KEY,
  round_id uuid NOT NULL UNIQUE REFERENCES rounds(id),
  player_id uuid NOT NULL REFERENCES players(id),
  prompt_id uuid NOT NULL REFERENCES prompts(id),
  feedback_type text NOT NULL CHECK (feedback_type IN ('like', 'dislike')),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
