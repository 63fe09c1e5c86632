import { DomainError } from '../errors.ts';

/** Trims and lower-cases an email; rejects anything that is not a plausible address (SPEC §2.1). */
export function normalizeEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  // Pragmatic check: one @, a dot in the domain, no spaces. Deliverability is not our business.
  if (email.length > 254 || !/^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(email)) {
    throw new DomainError('invalid_email', { message: 'Enter a valid email address' });
  }
  return email;
}

/** Returns the first password rule that fails (SPEC §2.2), or null when the password is strong enough. */
export function passwordProblem(pw: string): string | null {
  if (pw.length < 8) return 'Password must be at least 8 characters';
  if (pw.length > 128) return 'Password must be at most 128 characters';
  if (!/[A-Z]/.test(pw)) return 'Password must contain an upper-case letter';
  if (!/[a-z]/.test(pw)) return 'Password must contain a lower-case letter';
  if (!/[0-9]/.test(pw)) return 'Password must contain a digit';
  return null;
}

export function assertStrongPassword(pw: string): void {
  const problem = passwordProblem(pw);
  if (problem) throw new DomainError('weak_password', { message: problem });
}

/** Tutorial progress values in order (seed). */
export const TUTORIAL_STEPS = ['not_started', 'welcome', 'dashboard', 'prompt_round', 'copy_round', 'vote_round', 'completed'] as const;
export type TutorialStep = (typeof TUTORIAL_STEPS)[number];
export const isTutorialStep = (v: string): v is TutorialStep => (TUTORIAL_STEPS as readonly string[]).includes(v);

/**
 * Daily bonus eligibility (SPEC §3.7): full accounts only, never on the creation day, once per UTC day.
 * Returns the error code that applies, or null when the bonus may be paid.
 */
export function dailyBonusBlock(p: { is_guest: boolean; is_ai: boolean; createdDay: string; claimedToday: boolean }, today: string): 'not_eligible' | 'already_claimed_today' | null {
  if (p.is_guest || p.is_ai || p.createdDay === today) return 'not_eligible';
  if (p.claimedToday) return 'already_claimed_today';
  return null;
}
