import { ApiError, NetworkError } from '../api/client.ts';
import { t } from './index.ts';

// Codes whose server `message` names the exact rule that failed (SPEC §4.5): shown as given.
const SPECIFIC = new Set(['invalid_phrase', 'duplicate_phrase', 'weak_password']);

/** A friendly sentence for any error the client can meet. */
export function errorText(e: unknown): string {
  if (e instanceof NetworkError) return e.timedOut ? t.errors.timeout : t.errors.network;
  if (e instanceof ApiError) {
    if (e.status === 429) return t.errors.rateLimited(e.retryAfter);
    const known = (t.errors.codes as Record<string, string>)[e.code];
    if (SPECIFIC.has(e.code) && e.body.message) return `${known ?? ''} ${e.body.message}.`.replace(/\.\.$/, '.').trim();
    if (known) return known;
    if (e.status >= 500) return t.errors.codes.internal_error;
    return t.errors.unknown;
  }
  return t.errors.unknown;
}
