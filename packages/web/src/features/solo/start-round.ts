import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, paidAction } from '../../api/client.ts';
import { api } from '../../api/endpoints.ts';
import { keys } from '../../api/queries.ts';
import type { CurrentRoundResponse, RoundType, StartCopyRoundResponse, StartPromptRoundResponse, StartVoteRoundResponse } from '../../api/types.ts';

type Started = StartPromptRoundResponse | StartCopyRoundResponse | StartVoteRoundResponse;

/** The `GET /player/current-round` body a start response implies, so the round screen opens at once. */
export function asCurrentRound(type: RoundType, r: Started): CurrentRoundResponse {
  const base = { round_id: r.round_id, status: 'active' as const, expires_at: r.expires_at, cost: r.cost };
  const state =
    type === 'prompt'
      ? { ...base, prompt_text: (r as StartPromptRoundResponse).prompt_text }
      : type === 'copy'
        ? { ...base, original_phrase: (r as StartCopyRoundResponse).original_phrase, discount_active: (r as StartCopyRoundResponse).discount_active }
        : { ...base, phraseset_id: (r as StartVoteRoundResponse).phraseset_id, prompt_text: (r as StartVoteRoundResponse).prompt_text, phrases: (r as StartVoteRoundResponse).phrases };
  return { round_id: r.round_id, round_type: type, state, expires_at: r.expires_at };
}

/**
 * Starting a paid round. A network failure retries with the same Idempotency-Key (so at most one
 * round is ever bought); `already_in_round` opens the running round; `price_changed` (copy) asks
 * the player to accept the new price.
 */
export function useStartRound() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [priceChange, setPriceChange] = useState<number | null>(null);
  const m = useMutation({
    mutationFn: async ({ type, expectedCost }: { type: RoundType; expectedCost?: number }) => {
      const r = await paidAction<Started>(`start:${type}`, (key): Promise<Started> =>
        type === 'prompt' ? api.startPrompt(key) : type === 'copy' ? api.startCopy(key, expectedCost) : api.startVote(key),
      );
      return { type, r };
    },
    onSuccess: ({ type, r }) => {
      qc.setQueryData(keys.currentRound, asCurrentRound(type, r));
      void qc.invalidateQueries({ queryKey: keys.dashboard });
      navigate('/round');
    },
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'already_in_round') {
        void qc.invalidateQueries({ queryKey: keys.currentRound });
        navigate('/round');
      } else if (e instanceof ApiError && e.code === 'price_changed' && typeof e.body.copy_cost === 'number') {
        setPriceChange(e.body.copy_cost);
      }
      void qc.invalidateQueries({ queryKey: keys.dashboard });
    },
  });
  return {
    start: (type: RoundType, expectedCost?: number) => m.mutate({ type, expectedCost }),
    pending: m.isPending ? m.variables?.type : undefined,
    error: m.error instanceof ApiError && (m.error.code === 'already_in_round' || m.error.code === 'price_changed') ? null : m.error,
    priceChange,
    acceptPrice: () => {
      const price = priceChange;
      setPriceChange(null);
      if (price !== null) m.mutate({ type: 'copy', expectedCost: price });
    },
    declinePrice: () => setPriceChange(null),
  };
}
