import { useCallback, useState } from 'react';

const key = (roundId: string) => `quipflip.draft.${roundId}`;

function read(roundId: string): string {
  try {
    return sessionStorage.getItem(key(roundId)) ?? '';
  } catch {
    return '';
  }
}

/**
 * A text field's value kept in sessionStorage per round, so a reload, a crash or a lost connection
 * never loses what the player typed. `clear` when the round is done.
 */
export function useDraft(roundId: string): { text: string; setText: (v: string) => void; clear: () => void; restored: boolean } {
  // Components using it are keyed by round, so the round never changes under one instance.
  const [current, setState] = useState(() => {
    const initial = read(roundId);
    return { text: initial, restored: initial !== '' };
  });
  const setText = useCallback(
    (v: string) => {
      setState((s) => ({ ...s, text: v }));
      try {
        if (v) sessionStorage.setItem(key(roundId), v);
        else sessionStorage.removeItem(key(roundId));
      } catch {
        /* storage full or unavailable: memory only */
      }
    },
    [roundId],
  );
  const clear = useCallback(() => {
    try {
      sessionStorage.removeItem(key(roundId));
    } catch {
      /* ignore */
    }
  }, [roundId]);
  return { text: current.text, setText, clear, restored: current.restored };
}
