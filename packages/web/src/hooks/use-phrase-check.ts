import { useEffect, useState } from 'react';
import { isMissingEndpoint } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import { t } from '../i18n/index.ts';

export type CheckState =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'valid'; phrase: string }
  | { status: 'invalid'; message: string; code?: string };

export const normalizePhrase = (raw: string) => raw.trim().replace(/\s+/g, ' ').toUpperCase();

/** The obvious format rules (SPEC §4.1), checked locally so no request is spent on them. */
export function localPhraseProblem(phrase: string): string | null {
  if (!/^[A-Z ]*$/.test(phrase)) return t.round.rules.letters;
  if (phrase.length > 100) return t.round.rules.length;
  if (phrase.split(' ').length > 5) return t.round.rules.words;
  return null;
}

const cache = new Map<string, CheckState>();
let endpointMissing = false;

/**
 * Validates the phrase as the player types: local format rules at once, then `POST /phrases/validate`
 * for that round after `delayMs` of no typing (one request per pause, stale ones aborted, answers
 * cached per text). Network trouble just leaves the state idle: the submit decides.
 */
export function usePhraseCheck(text: string, roundId: string, delayMs = 400): CheckState {
  const phrase = normalizePhrase(text);
  const cacheKey = `${roundId}|${phrase}`;
  const local = phrase ? localPhraseProblem(phrase) : null;
  const cached = cache.get(cacheKey);
  const [state, setState] = useState<{ key: string; value: CheckState }>({ key: '', value: { status: 'idle' } });

  useEffect(() => {
    if (!phrase || local || cached || endpointMissing) return;
    const ctrl = new AbortController();
    const timer = setTimeout(async () => {
      setState({ key: cacheKey, value: { status: 'checking' } });
      try {
        const r = await api.validatePhrase(phrase, roundId, ctrl.signal);
        const value: CheckState = r.valid ? { status: 'valid', phrase: r.phrase } : { status: 'invalid', message: r.message ?? r.detail ?? '', code: r.detail };
        cache.set(cacheKey, value);
        setState({ key: cacheKey, value });
      } catch (e) {
        if (ctrl.signal.aborted) return;
        if (isMissingEndpoint(e)) endpointMissing = true;
        setState({ key: cacheKey, value: { status: 'idle' } });
      }
    }, delayMs);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [phrase, local, cached, cacheKey, roundId, delayMs]);

  if (!phrase) return { status: 'idle' };
  if (local) return { status: 'invalid', message: local };
  if (cached) return cached;
  return state.key === cacheKey ? state.value : { status: 'idle' };
}
