import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../../../src/config.ts';
import { acceptsNewVoteRounds, decideLifecycle, lifecycleKey, orderVoteCandidates, recordVote, type Timeline } from '../../../src/domain/phrasesets/index.ts';
import { seededRandom } from '../../../src/platform/random.ts';

const cfg = testConfig();
const T0 = new Date('2026-01-05T12:00:00.000Z');
const at = (s: number) => new Date(T0.getTime() + s * 1000);
const fresh: Timeline = { status: 'open', vote_count: 0, third_vote_at: null, fifth_vote_at: null, closes_at: null };

/** Applies votes at the given second offsets. */
const votesAt = (...seconds: number[]) => seconds.reduce((tl, s) => recordVote(tl, at(s), cfg), fresh);

describe('recordVote (SPEC §5.11)', () => {
  it('0–2 votes stay open with no window', () => {
    expect(votesAt(0, 10)).toEqual({ status: 'open', vote_count: 2, third_vote_at: null, fifth_vote_at: null, closes_at: null });
  });
  it('the 3rd vote moves to closing with closes_at = third + 600 s', () => {
    expect(votesAt(0, 10, 20)).toEqual({ status: 'closing', vote_count: 3, third_vote_at: at(20), fifth_vote_at: null, closes_at: at(620) });
  });
  it('the 5th vote shortens the window to fifth + 60 s', () => {
    expect(votesAt(0, 10, 20, 30, 40)).toMatchObject({ status: 'closing', vote_count: 5, fifth_vote_at: at(40), closes_at: at(100) });
  });
  it('…but never lengthens it: min(closes_at, fifth + 60)', () => {
    expect(votesAt(0, 10, 20, 30, 590)).toMatchObject({ closes_at: at(620), fifth_vote_at: at(590) });
    expect(votesAt(0, 10, 20, 30, 550)).toMatchObject({ closes_at: at(610) });
  });
  it('VOTE_MAX_VOTES closes the set at once', () => {
    const tl = Array.from({ length: 20 }, (_, i) => i).reduce((x, i) => recordVote(x, at(i), cfg), fresh);
    expect(tl).toMatchObject({ status: 'closed', vote_count: 20 });
    const small = testConfig({ VOTE_MAX_VOTES: 3 });
    expect([0, 1, 2].reduce((x, i) => recordVote(x, at(i), small), fresh)).toMatchObject({ status: 'closed', vote_count: 3, closes_at: at(602) });
  });
  it('a finalized set takes no vote', () => {
    expect(() => recordVote({ ...fresh, status: 'finalized' }, T0, cfg)).toThrow();
  });
  it('closes_at is never later than third + 600 nor, from the 5th vote on, later than fifth + 60 (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { minLength: 1, maxLength: 20 }), (gaps) => {
        let s = 0;
        const times = gaps.map((g) => (s += g));
        const tl = votesAt(...times);
        if (tl.vote_count >= 3) expect(tl.closes_at!.getTime()).toBeLessThanOrEqual(tl.third_vote_at!.getTime() + 600_000);
        if (tl.vote_count >= 5) expect(tl.closes_at!.getTime()).toBeLessThanOrEqual(tl.fifth_vote_at!.getTime() + 60_000);
        if (tl.vote_count < 3) expect(tl.status).toBe('open');
      }),
    );
  });
});

describe('decideLifecycle', () => {
  const closing = votesAt(0, 0, 0); // closes at +600
  it('open sets have no timer', () => {
    expect(decideLifecycle(votesAt(0), at(99_999), [], cfg)).toEqual({ status: 'open', finalize: false, changed: false, wakeAt: null, wakeFor: null });
  });
  it('closing sets wake at closes_at', () => {
    expect(decideLifecycle(closing, at(599), [], cfg)).toEqual({ status: 'closing', finalize: false, changed: false, wakeAt: at(600), wakeFor: 'close' });
  });
  it('at closes_at with no vote round in time: closed and finalized in one step', () => {
    expect(decideLifecycle(closing, at(600), [], cfg)).toEqual({ status: 'finalized', finalize: true, changed: true, wakeAt: null, wakeFor: null });
  });
  it('a vote round still within expiry + grace holds finalization until its cutoff', () => {
    expect(decideLifecycle(closing, at(600), [at(650), at(640)], cfg)).toEqual({ status: 'closed', finalize: false, changed: true, wakeAt: at(650), wakeFor: 'finalize' });
    expect(decideLifecycle({ ...closing, status: 'closed' }, at(650), [at(650)], cfg)).toMatchObject({ status: 'finalized', finalize: true });
  });
  it('max votes: closed at once, finalized when no round is pending', () => {
    const full: Timeline = { ...closing, status: 'closed', vote_count: 20 };
    expect(decideLifecycle(full, at(1), [], cfg)).toMatchObject({ status: 'finalized', finalize: true });
  });
  it('a finalized set never changes again', () => {
    expect(decideLifecycle({ ...closing, status: 'finalized' }, at(9999), [], cfg)).toEqual({ status: 'finalized', finalize: false, changed: false, wakeAt: null, wakeFor: null });
  });
  it('lifecycle jobs dedupe per phraseset, transition and due time', () => {
    expect(lifecycleKey('ps', 'close', at(600))).toBe(`phraseset-lifecycle:ps:close:${at(600).getTime()}`);
  });
});

describe('acceptsNewVoteRounds', () => {
  it.each([
    [{ status: 'open', closes_at: null, vote_slots_taken: 0 }, 0, true],
    [{ status: 'open', closes_at: null, vote_slots_taken: 20 }, 0, false],
    [{ status: 'closing', closes_at: at(600), vote_slots_taken: 5 }, 599, true],
    [{ status: 'closing', closes_at: at(600), vote_slots_taken: 5 }, 600, false],
    [{ status: 'closed', closes_at: at(600), vote_slots_taken: 5 }, 0, false],
    [{ status: 'finalized', closes_at: null, vote_slots_taken: 0 }, 0, false],
  ] as const)('%j at +%i s → %s', (p, s, ok) => {
    expect(acceptsNewVoteRounds(p, at(s), cfg)).toBe(ok);
  });
});

describe('orderVoteCandidates (SPEC §5.4 priority)', () => {
  const c = (id: string, vote_count: number, third?: number, fifth?: number) => ({
    id,
    vote_count,
    third_vote_at: third === undefined ? null : at(third),
    fifth_vote_at: fifth === undefined ? null : at(fifth),
  });
  it('5+ votes by oldest fifth vote, then 3–4 by oldest third vote, then the rest', () => {
    const list = [c('a', 0), c('b', 3, 50), c('c', 6, 10, 40), c('d', 4, 20), c('e', 5, 5, 30), c('f', 1)];
    const ordered = orderVoteCandidates(list, seededRandom(1).int).map((x) => x.id);
    expect(ordered.slice(0, 4)).toEqual(['e', 'c', 'd', 'b']);
    expect([...ordered.slice(4)].sort()).toEqual(['a', 'f']);
  });
  it('the last tier is shuffled by the injected source (each order reachable, deterministic per seed)', () => {
    const rest = ['a', 'b', 'c', 'd'].map((id) => c(id, 0));
    const seen = new Set<string>();
    for (let seed = 0; seed < 200; seed++) seen.add(orderVoteCandidates(rest, seededRandom(seed).int).map((x) => x.id).join(''));
    expect(seen.size).toBe(24);
    expect(orderVoteCandidates(rest, seededRandom(7).int)).toEqual(orderVoteCandidates(rest, seededRandom(7).int));
  });
  it('is a permutation of its input (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ n: fc.nat(20), third: fc.nat(1000), fifth: fc.nat(1000) }), { maxLength: 30 }), fc.nat(), (rows, seed) => {
        const list = rows.map((r, i) => c(`id${i}`, r.n, r.n >= 3 ? r.third : undefined, r.n >= 5 ? r.fifth : undefined));
        const out = orderVoteCandidates(list, seededRandom(seed).int);
        expect(out.map((x) => x.id).sort()).toEqual(list.map((x) => x.id).sort());
        const tier = (x: { vote_count: number }) => (x.vote_count >= 5 ? 0 : x.vote_count >= 3 ? 1 : 2);
        for (let i = 1; i < out.length; i++) expect(tier(out[i - 1]!)).toBeLessThanOrEqual(tier(out[i]!));
      }),
    );
  });
});
