import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../../../src/config.ts';
import { copyCost, refundFor, splitPool, votePayout } from '../../../src/domain/economy/index.ts';

const cfg = testConfig();

describe('copyCost (SPEC §5.3: discount when MORE than COPY_DISCOUNT_THRESHOLD prompts wait)', () => {
  it.each([
    [0, 50, false],
    [1, 50, false],
    [10, 50, false],
    [11, 40, true],
    [500, 40, true],
  ])('%i waiting → %i (discount %s)', (waiting, cost, discount) => {
    expect(copyCost(waiting, cfg)).toEqual({ cost, discount_active: discount });
  });

  it('follows the configured constants', () => {
    const c = testConfig({ COPY_COST_NORMAL: 70, COPY_COST_DISCOUNT: 30, COPY_DISCOUNT_THRESHOLD: 2 });
    expect(copyCost(2, c)).toEqual({ cost: 70, discount_active: false });
    expect(copyCost(3, c)).toEqual({ cost: 30, discount_active: true });
  });
});

describe('refundFor (SPEC §3.6)', () => {
  it.each([
    [100, 'expired', 95],
    [50, 'abandoned', 45],
    [40, 'expired', 35],
    [10, 'abandoned', 5],
    [3, 'expired', 0],
    [0, 'abandoned', 0],
    [100, 'cancelled', 100],
    [10, 'cancelled', 10],
  ] as const)('cost %i, %s → %i', (cost, reason, refund) => {
    expect(refundFor(cost, cfg, reason)).toBe(refund);
  });

  it('never refunds more than the fee nor less than zero (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), fc.constantFrom('expired', 'abandoned', 'cancelled' as const), (cost, penalty, reason) => {
        const r = refundFor(cost, { ABANDONED_PENALTY: penalty }, reason);
        expect(r).toBeGreaterThanOrEqual(0);
        expect(r).toBeLessThanOrEqual(cost);
        expect(Number.isInteger(r)).toBe(true);
      }),
    );
  });
});

describe('votePayout', () => {
  it('pays VOTE_PAYOUT_CORRECT for a correct vote, nothing otherwise', () => {
    expect(votePayout(true, cfg)).toBe(20);
    expect(votePayout(false, cfg)).toBe(0);
  });
});

describe('splitPool (SPEC §3.4)', () => {
  it('the worked example: 4 / 3 / 3 votes, pool 220 → points 4 / 6 / 6, payouts 55 / 82 / 82, house 1', () => {
    const pool = 200 + 10 * 10 - 4 * 20;
    expect(pool).toBe(220);
    expect(splitPool({ pool, votes: { original: 4, copy1: 3, copy2: 3 } }, cfg)).toEqual({
      prompt: { points: 4, payout: 55 },
      copy1: { points: 6, payout: 82 },
      copy2: { points: 6, payout: 82 },
      totalPoints: 16,
      leftover: 1,
    });
  });

  it.each([
    // [original, copy1, copy2, pool, payouts, leftover]
    [3, 0, 0, 170, [170, 0, 0], 0],
    [0, 3, 0, 230, [0, 230, 0], 0],
    [1, 1, 1, 210, [42, 84, 84], 0],
    [1, 2, 1, 220, [31, 125, 62], 2],
    [0, 0, 0, 200, [66, 66, 66], 2], // zero points: even split, floors to the house
    [0, 0, 0, 0, [0, 0, 0], 0],
    [20, 0, 0, 0, [0, 0, 0], 0],
  ] as const)('%i / %i / %i votes, pool %i → %j (+%i to the house)', (o, a, b, pool, payouts, leftover) => {
    const s = splitPool({ pool, votes: { original: o, copy1: a, copy2: b } }, cfg);
    expect([s.prompt.payout, s.copy1.payout, s.copy2.payout]).toEqual(payouts);
    expect(s.leftover).toBe(leftover);
  });

  it('uses the configured points', () => {
    const s = splitPool({ pool: 100, votes: { original: 1, copy1: 1, copy2: 0 } }, testConfig({ CORRECT_VOTE_POINTS: 3, INCORRECT_VOTE_POINTS: 1 }));
    expect(s).toMatchObject({ prompt: { points: 3, payout: 75 }, copy1: { points: 1, payout: 25 }, copy2: { points: 0, payout: 0 }, totalPoints: 4, leftover: 0 });
  });

  it('never creates or destroys coins: payouts + leftover = pool, all non-negative, leftover < 3 (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.nat(50),
        fc.nat(50),
        fc.nat(50),
        fc.nat(5),
        fc.nat(5),
        (pool, original, copy1, copy2, correctPts, incorrectPts) => {
          const s = splitPool({ pool, votes: { original, copy1, copy2 } }, { CORRECT_VOTE_POINTS: correctPts, INCORRECT_VOTE_POINTS: incorrectPts });
          const parts = [s.prompt.payout, s.copy1.payout, s.copy2.payout, s.leftover];
          expect(parts.reduce((x, y) => x + y, 0)).toBe(pool);
          for (const p of parts) {
            expect(Number.isInteger(p)).toBe(true);
            expect(p).toBeGreaterThanOrEqual(0);
          }
          expect(s.leftover).toBeLessThan(3);
          // More points never earn less.
          if (s.prompt.points > s.copy1.points) expect(s.prompt.payout).toBeGreaterThanOrEqual(s.copy1.payout);
        },
      ),
    );
  });

  it('a whole phraseset never creates coins: every pool the config allows stays ≥ 0 and splits exactly (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('original', 'copy1', 'copy2' as const), { maxLength: cfg.VOTE_MAX_VOTES }), (votes) => {
        const correct = votes.filter((v) => v === 'original').length;
        const pool = cfg.PRIZE_POOL_BASE + votes.length * cfg.VOTE_COST - correct * cfg.VOTE_PAYOUT_CORRECT;
        expect(pool).toBeGreaterThanOrEqual(0);
        const s = splitPool({ pool, votes: { original: correct, copy1: votes.filter((v) => v === 'copy1').length, copy2: votes.filter((v) => v === 'copy2').length } }, cfg);
        expect(s.prompt.payout + s.copy1.payout + s.copy2.payout + s.leftover).toBe(pool);
      }),
    );
  });
});
