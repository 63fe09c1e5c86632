/**
 * THE list of seed endpoints (../shared/seeds) that the server does not implement yet.
 *
 * test/http/openapi-coverage.test.ts parses both seeds and checks that every endpoint they name is
 * either in /openapi.json or listed here, and that nothing listed here is implemented. So: when you
 * land an endpoint, delete its line here (the test fails until you do); the list only shrinks.
 * Paths are written exactly as in the seed (`{param}` names are ignored when comparing).
 */
export interface PendingEndpoint {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  seed: 'core' | 'party';
  reason: string;
}

const PARTY = 'Party Mode (SPEC §9) is not implemented yet';

export const PENDING_ENDPOINTS: PendingEndpoint[] = [
  // Party Mode (SPEC §9, Appendix B): not built yet.
  { method: 'GET', path: '/party/list', seed: 'party', reason: PARTY },
  { method: 'POST', path: '/party/create', seed: 'party', reason: PARTY },
  { method: 'POST', path: '/party/join', seed: 'party', reason: PARTY },
  { method: 'POST', path: '/party/{session_id}/join', seed: 'party', reason: PARTY },
  { method: 'POST', path: '/party/{session_id}/leave', seed: 'party', reason: PARTY },
  { method: 'POST', path: '/party/{session_id}/ready', seed: 'party', reason: PARTY },
  { method: 'POST', path: '/party/{session_id}/add-ai', seed: 'party', reason: PARTY },
  { method: 'POST', path: '/party/{session_id}/ping', seed: 'party', reason: PARTY },
  { method: 'POST', path: '/party/{session_id}/process-ai', seed: 'party', reason: PARTY },
  { method: 'POST', path: '/party/{session_id}/start', seed: 'party', reason: PARTY },
  { method: 'GET', path: '/party/{session_id}/status', seed: 'party', reason: PARTY },
  { method: 'GET', path: '/party/{session_id}/results', seed: 'party', reason: PARTY },
  { method: 'POST', path: '/party/{session_id}/rounds/prompt', seed: 'party', reason: PARTY },
  { method: 'POST', path: '/party/{session_id}/rounds/copy', seed: 'party', reason: PARTY },
  { method: 'POST', path: '/party/{session_id}/rounds/vote', seed: 'party', reason: PARTY },
  { method: 'POST', path: '/party/{session_id}/rounds/{round_id}/submit', seed: 'party', reason: PARTY },
  {
    method: 'GET',
    path: '/party/{session_id}/ws',
    seed: 'party',
    reason: `${PARTY} (WebSocket handshake, SPEC §9.8: document it in OpenAPI, not hidden, so this check sees it)`,
  },
];
