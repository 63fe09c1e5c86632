import { describe, expect, it } from 'vitest';
import { testConfig } from '../../../src/config.ts';
import { decideRoundEnd, isOverdue, roundDeadline, roundExpiryKey, submissionCutoff, submitGate } from '../../../src/domain/rounds/index.ts';

const cfg = testConfig();
const T0 = new Date('2026-01-05T12:00:00.000Z');
const at = (s: number) => new Date(T0.getTime() + s * 1000);

describe('round timers (SPEC §5)', () => {
  it.each([
    ['prompt', 180],
    ['copy', 180],
    ['vote', 60],
  ] as const)('%s rounds last %i s; submissions close grace (5 s) later', (type, seconds) => {
    const expires = roundDeadline(type, T0, cfg);
    expect(expires).toEqual(at(seconds));
    expect(submissionCutoff(expires, cfg)).toEqual(at(seconds + 5));
  });

  it('a round is overdue from expires_at + grace on (the instant its expiry job is due)', () => {
    const r = { expires_at: at(60) };
    expect(isOverdue(r, at(60), cfg)).toBe(false);
    expect(isOverdue(r, new Date(at(65).getTime() - 1), cfg)).toBe(false);
    expect(isOverdue(r, at(65), cfg)).toBe(true);
  });

  it('expiry jobs dedupe per round', () => {
    expect(roundExpiryKey('abc')).toBe('round-expiry:abc');
  });
});

describe('submitGate (Appendix A order after ownership: invalid_round_type → round_not_active → expired)', () => {
  const expires_at = at(180);
  it.each([
    ['prompt', 'active', 0, null],
    ['copy', 'active', 184, null],
    ['copy', 'active', 185, 'expired'],
    ['prompt', 'expired', 300, 'expired'],
    ['prompt', 'submitted', 10, 'round_not_active'],
    ['copy', 'abandoned', 10, 'round_not_active'],
    ['copy', 'cancelled', 10, 'round_not_active'],
    ['vote', 'active', 0, 'invalid_round_type'],
    ['vote', 'submitted', 999, 'invalid_round_type'],
    ['prompt', 'submitted', 999, 'round_not_active'],
  ] as const)('%s round, %s, at +%i s → %s', (type, status, s, code) => {
    expect(submitGate({ type, status, expires_at }, at(s), cfg)).toBe(code);
  });
});

describe('decideRoundEnd (SPEC §3.6, §5.7, §5.8)', () => {
  const round = (status: 'active' | 'submitted' | 'expired', cost = 100) => ({ status, cost, expires_at: at(180) });
  it('expiry waits for the grace period, then refunds cost − penalty', () => {
    expect(decideRoundEnd(round('active'), 'expired', at(184), cfg)).toEqual({ end: false });
    expect(decideRoundEnd(round('active'), 'expired', at(185), cfg)).toEqual({ end: true, status: 'expired', refund: 95, penaltyKept: 5 });
  });
  it('abandoning is allowed at any time while active', () => {
    expect(decideRoundEnd(round('active', 50), 'abandoned', at(1), cfg)).toEqual({ end: true, status: 'abandoned', refund: 45, penaltyKept: 5 });
  });
  it('a round cut short by the server is refunded in full', () => {
    expect(decideRoundEnd(round('active', 10), 'cancelled', at(1), cfg)).toEqual({ end: true, status: 'cancelled', refund: 10, penaltyKept: 0 });
  });
  it('only an active round ends (a second expiry is a no-op)', () => {
    for (const s of ['submitted', 'expired'] as const) {
      for (const reason of ['expired', 'abandoned', 'cancelled'] as const) expect(decideRoundEnd(round(s), reason, at(999), cfg)).toEqual({ end: false });
    }
  });
  it('the penalty never makes a refund negative', () => {
    expect(decideRoundEnd(round('active', 3), 'expired', at(999), cfg)).toEqual({ end: true, status: 'expired', refund: 0, penaltyKept: 3 });
  });
});
