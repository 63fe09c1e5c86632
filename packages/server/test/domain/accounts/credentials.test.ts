import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assertStrongPassword,
  dailyBonusBlock,
  isTutorialStep,
  normalizeEmail,
  passwordProblem,
  TUTORIAL_STEPS,
} from '../../../src/domain/accounts/credentials.ts';
import { DomainError } from '../../../src/domain/errors.ts';

const codeOf = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
};

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Prompt.Pirate@Example.COM ')).toBe('prompt.pirate@example.com');
    expect(normalizeEmail('a+tag@sub.example.co.uk')).toBe('a+tag@sub.example.co.uk');
  });

  it('rejects implausible addresses with invalid_email', () => {
    for (const bad of ['', 'plain', 'a@b', '@example.com', 'a@.com', 'a@example.', 'a b@example.com', 'a@@example.com', 'a@exa mple.com', `${'x'.repeat(250)}@example.com`]) {
      expect(codeOf(() => normalizeEmail(bad)), bad).toBe('invalid_email');
    }
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (email) => {
        const once = normalizeEmail(email);
        expect(normalizeEmail(once)).toBe(once);
        expect(normalizeEmail(` ${email.toUpperCase()} `)).toBe(once);
      }),
    );
  });
});

describe('password rules (SPEC §2.2)', () => {
  it('names the first failing rule', () => {
    expect(passwordProblem('Ab1')).toMatch(/at least 8/);
    expect(passwordProblem(`Ab1${'x'.repeat(126)}`)).toMatch(/at most 128/);
    expect(passwordProblem('abcdefg1')).toMatch(/upper-case/);
    expect(passwordProblem('ABCDEFG1')).toMatch(/lower-case/);
    expect(passwordProblem('Abcdefgh')).toMatch(/digit/);
    expect(passwordProblem('Abcdefg1')).toBeNull();
    expect(passwordProblem(`Ab1${'x'.repeat(125)}`)).toBeNull();
  });

  it('assertStrongPassword throws weak_password with the rule as message', () => {
    try {
      assertStrongPassword('short');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('weak_password');
      expect((e as DomainError).context.message).toMatch(/at least 8/);
    }
    expect(() => assertStrongPassword('Sup3rSecret')).not.toThrow();
  });

  it('accepts exactly the passwords meeting every rule', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 140 }), (pw) => {
        const strong = pw.length >= 8 && pw.length <= 128 && /[A-Z]/.test(pw) && /[a-z]/.test(pw) && /[0-9]/.test(pw);
        expect(passwordProblem(pw) === null).toBe(strong);
      }),
    );
  });
});

describe('dailyBonusBlock (SPEC §3.7)', () => {
  const full = { is_guest: false, is_ai: false, createdDay: '2026-01-05', claimedToday: false };
  it('not on the creation day, never for guests or AI, once per day', () => {
    expect(dailyBonusBlock(full, '2026-01-05')).toBe('not_eligible');
    expect(dailyBonusBlock(full, '2026-01-06')).toBeNull();
    expect(dailyBonusBlock({ ...full, claimedToday: true }, '2026-01-06')).toBe('already_claimed_today');
    expect(dailyBonusBlock({ ...full, is_guest: true }, '2026-01-06')).toBe('not_eligible');
    expect(dailyBonusBlock({ ...full, is_ai: true }, '2026-01-06')).toBe('not_eligible');
    expect(dailyBonusBlock({ ...full, is_guest: true, claimedToday: true }, '2026-01-06')).toBe('not_eligible');
  });
});

describe('tutorial steps', () => {
  it('are the seed values in order', () => {
    expect(TUTORIAL_STEPS).toEqual(['not_started', 'welcome', 'dashboard', 'prompt_round', 'copy_round', 'vote_round', 'completed']);
    for (const s of TUTORIAL_STEPS) expect(isTutorialStep(s)).toBe(true);
    for (const s of ['', 'Completed', 'done', 'toString', '__proto__']) expect(isTutorialStep(s)).toBe(false);
  });
});
