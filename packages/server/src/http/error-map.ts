import type { ErrorCode } from '@quipflip/api';

/**
 * THE table from error code to HTTP status and `detail` (SPEC §1.5–1.6, Appendix A).
 * `detail` defaults to the code itself (core API); party and phraseset errors carry the seed's sentence.
 */
export const ERROR_MAP: Record<ErrorCode, { status: number; detail?: string }> = {
  validation_error: { status: 400 },
  missing_credentials: { status: 401 },
  invalid_token: { status: 401 },
  token_expired: { status: 401 },
  rate_limited: { status: 429, detail: 'Rate limit exceeded. Try again later.' },
  idempotency_key_reused: { status: 409 },
  request_in_progress: { status: 409 },
  not_found: { status: 404 },
  internal_error: { status: 500, detail: 'Internal Server Error' },
  service_unavailable: { status: 503 },

  email_taken: { status: 409 },
  invalid_email: { status: 400 },
  weak_password: { status: 400 },
  invalid_credentials: { status: 401 },
  missing_refresh_token: { status: 401 },
  invalid_refresh_token: { status: 401 },
  invalid_current_password: { status: 401 },
  invalid_password: { status: 401 },
  not_guest: { status: 400 },
  already_claimed_today: { status: 409 },
  not_eligible: { status: 400 },
  invalid_progress: { status: 400 },

  already_in_round: { status: 409 },
  max_outstanding_quips: { status: 400 },
  insufficient_balance: { status: 400 },
  no_prompts_available: { status: 400 },
  price_changed: { status: 409 },
  no_phrasesets_available: { status: 400 },
  invalid_round_type: { status: 400 },
  round_not_active: { status: 409 },
  expired: { status: 400 },
  invalid_phrase: { status: 400 },
  duplicate_phrase: { status: 400 },
  forbidden: { status: 403 },

  phraseset_not_found: { status: 404, detail: 'Phraseset not found' },
  no_active_vote_round: { status: 400, detail: 'No active vote round' },
  not_in_vote_round: { status: 400, detail: 'Not in a vote round' },
  phraseset_mismatch: { status: 400, detail: 'Phraseset does not match active round' },
  already_voted: { status: 409 },
  own_phraseset: { status: 403, detail: 'You cannot vote on a phraseset you contributed to' },
  not_contributor: { status: 403, detail: 'Not a contributor to this phraseset' },
  not_finalized: { status: 400, detail: 'Phraseset not yet finalized' },

  quest_not_found: { status: 404, detail: 'Quest not found' },
  quest_forbidden: { status: 403, detail: 'Not authorized to view this quest' },
  quest_not_completed: { status: 400 },
  quest_already_claimed: { status: 409 },

  session_not_found: { status: 404, detail: 'Session not found' },
  not_in_session: { status: 404, detail: 'Not in this session' },
  already_started: { status: 400, detail: 'Session has already started' },
  session_full: { status: 400, detail: 'Session is full' },
  already_in_session: { status: 409, detail: 'Already in this session' },
  already_in_another_session: { status: 409 },
  kicked: { status: 403, detail: 'You were removed from this session' },
  not_host: { status: 403, detail: 'Only the host can start the session' },
  ai_after_start: { status: 400, detail: 'Cannot add AI players after session has started' },
  not_enough_players: { status: 400 },
  invalid_kick: { status: 400, detail: 'The host cannot kick themselves' },
  wrong_phase: { status: 400 },
  quota_reached: { status: 400 },
  results_not_ready: { status: 400 },
};

export function errorStatus(code: ErrorCode): number {
  return ERROR_MAP[code]?.status ?? 500;
}

export function errorDetail(code: ErrorCode): string {
  return ERROR_MAP[code]?.detail ?? code;
}
