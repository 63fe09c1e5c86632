import { QueryClient, useQuery, type QueryKey } from '@tanstack/react-query';
import { ApiError, NetworkError, isMissingEndpoint } from './client.ts';
import { onReconnect } from './connection.ts';
import { getSession, subscribeSession } from './session.ts';
import { api } from './endpoints.ts';
import type { DashboardResponse } from './types.ts';

/** Query keys in one place, so invalidation after an action is obvious. */
export const keys = {
  dashboard: ['dashboard'] as const,
  currentRound: ['current-round'] as const,
  round: (id: string) => ['round', id] as const,
  tutorial: ['tutorial'] as const,
  details: (id: string) => ['phraseset', id, 'details'] as const,
  results: (id: string) => ['phraseset', id, 'results'] as const,
  unclaimed: ['unclaimed'] as const,
  phrasesets: (role: string, status: string) => ['phrasesets', role, status] as const,
  statistics: ['statistics'] as const,
  leaderboard: ['leaderboard'] as const,
  quests: ['quests'] as const,
  transactions: ['transactions'] as const,
};

/** Dashboard polling: a few requests a minute at most (the limit is 100 / min), paused in hidden tabs. */
export const DASHBOARD_POLL_MS = 20_000;

export function createQueryClient(): QueryClient {
  const client = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        gcTime: 5 * 60_000,
        refetchOnWindowFocus: true,
        refetchIntervalInBackground: false,
        retry: (count, e) => {
          if (e instanceof NetworkError) return count < 6;
          if (e instanceof ApiError) {
            if (e.status === 429) return count < 3;
            if (e.status >= 500) return count < 2;
          }
          return false;
        },
        retryDelay: (count, e) => (e instanceof ApiError && e.retryAfter ? e.retryAfter * 1000 : Math.min(1000 * 2 ** count, 15_000)),
      },
      // Paid actions retry by themselves with the same Idempotency-Key (paidAction), also while the
      // browser says it is offline, so they are never paused behind TanStack's own online check.
      mutations: { retry: false, networkMode: 'always' },
    },
  });
  // Back online: refresh whatever is on screen.
  onReconnect(() => void client.invalidateQueries());
  // Another player (or nobody) signed in: nothing cached may leak across accounts.
  let player = getSession()?.playerId ?? null;
  subscribeSession(() => {
    const next = getSession()?.playerId ?? null;
    if (next !== player) client.clear();
    player = next;
  });
  return client;
}

/**
 * The dashboard in one round trip. Until the solo game ships `/player/dashboard`, the balance alone
 * is shown (`round_availability: null`), so the rest of the app works.
 */
export type DashboardView = Omit<DashboardResponse, 'round_availability' | 'phraseset_summary'> & {
  round_availability: DashboardResponse['round_availability'] | null;
  phraseset_summary: DashboardResponse['phraseset_summary'] | null;
};

export async function fetchDashboard(): Promise<DashboardView> {
  try {
    return await api.dashboard();
  } catch (e) {
    if (!isMissingEndpoint(e)) throw e;
    const player = await api.balance();
    return {
      player,
      current_round: { round_id: null, round_type: null, state: null, expires_at: null },
      pending_results: [],
      phraseset_summary: null,
      unclaimed_results: [],
      round_availability: null,
    };
  }
}

export function useDashboard(poll = true) {
  return useQuery({ queryKey: keys.dashboard, queryFn: fetchDashboard, refetchInterval: poll ? DASHBOARD_POLL_MS : false });
}

export function useTutorial() {
  return useQuery({ queryKey: keys.tutorial, queryFn: api.tutorial, staleTime: 60_000 });
}

/** Marks a query as "this endpoint does not exist yet" instead of failing it. */
export async function orMissing<T>(p: Promise<T>): Promise<T | 'missing'> {
  try {
    return await p;
  } catch (e) {
    if (isMissingEndpoint(e)) return 'missing';
    throw e;
  }
}

export type { QueryKey };
