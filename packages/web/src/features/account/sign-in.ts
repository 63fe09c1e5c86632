import { setSession } from '../../api/session.ts';
import type { LoginResponse, RegisterResponse } from '../../api/types.ts';

let next: string | null = null;

/**
 * Stores the tokens of a fresh login / registration / guest account / upgrade. The public pages
 * then send the player on to `then` (they redirect as soon as a session exists, see App.tsx).
 */
export function signIn(r: LoginResponse | RegisterResponse, isGuest: boolean, then?: string): void {
  next = then ?? null;
  setSession({ accessToken: r.access_token, playerId: r.player_id, username: r.username, isGuest }, r.refresh_token);
}

/** Where a public page sends a signed-in player: the last sign-in's destination, else the dashboard. */
export function nextPath(): string {
  return next ?? '/home';
}
