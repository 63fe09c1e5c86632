import { describe, expect, it } from 'vitest';
import { testConfig } from '../../src/config.ts';
import { viewStatus } from '../../src/services/views/phrasesets.ts';
import { availabilityFrom, type PlayerSnapshot, type QueueSnapshot } from '../../src/services/views/rounds.ts';

const cfg = testConfig();
const player = (o: Partial<PlayerSnapshot> = {}): PlayerSnapshot => ({ balance: 5000, is_guest: false, outstanding: 0, activeRoundId: null, ...o });
const queues = (o: Partial<QueueSnapshot> = {}): QueueSnapshot => ({ promptsWaiting: 2, phrasesetsWaiting: 3, price: { cost: 50, discount_active: false }, ...o });

describe('availabilityFrom (GET /rounds/available body)', () => {
  it('everything open for a free player with money, prices from config', () => {
    expect(availabilityFrom(cfg, player(), queues())).toEqual({
      can_prompt: true,
      can_copy: true,
      can_vote: true,
      prompts_waiting: 2,
      phrasesets_waiting: 3,
      copy_discount_active: false,
      copy_cost: 50,
      current_round_id: null,
      prompt_cost: 100,
      vote_cost: 10,
      vote_payout_correct: 20,
      abandoned_penalty: 5,
    });
  });

  it('an active round blocks every round type and is named', () => {
    const a = availabilityFrom(cfg, player({ activeRoundId: 'r1' }), queues());
    expect(a).toMatchObject({ can_prompt: false, can_copy: false, can_vote: false, current_round_id: 'r1' });
  });

  it('each round needs its own price in the balance (the copy price is the current, maybe discounted, one)', () => {
    expect(availabilityFrom(cfg, player({ balance: 99 }), queues())).toMatchObject({ can_prompt: false, can_copy: true, can_vote: true });
    expect(availabilityFrom(cfg, player({ balance: 49 }), queues())).toMatchObject({ can_prompt: false, can_copy: false, can_vote: true });
    expect(availabilityFrom(cfg, player({ balance: 40 }), queues({ price: { cost: 40, discount_active: true } }))).toMatchObject({
      can_copy: true,
      copy_cost: 40,
      copy_discount_active: true,
    });
    expect(availabilityFrom(cfg, player({ balance: 9 }), queues())).toMatchObject({ can_prompt: false, can_copy: false, can_vote: false });
    expect(availabilityFrom(cfg, player({ balance: 10 }), queues())).toMatchObject({ can_vote: true });
  });

  it('nothing to copy or vote on → can_copy / can_vote false', () => {
    expect(availabilityFrom(cfg, player(), queues({ promptsWaiting: 0, phrasesetsWaiting: 0 }))).toMatchObject({ can_copy: false, can_vote: false, can_prompt: true });
  });

  it('outstanding prompt limit: 10 for accounts, 3 for guests', () => {
    expect(availabilityFrom(cfg, player({ outstanding: 9 }), queues()).can_prompt).toBe(true);
    expect(availabilityFrom(cfg, player({ outstanding: 10 }), queues()).can_prompt).toBe(false);
    expect(availabilityFrom(cfg, player({ is_guest: true, outstanding: 2 }), queues()).can_prompt).toBe(true);
    expect(availabilityFrom(cfg, player({ is_guest: true, outstanding: 3 }), queues()).can_prompt).toBe(false);
  });

  it('follows config overrides', () => {
    const c = testConfig({ PROMPT_COST: 7, VOTE_COST: 3, VOTE_PAYOUT_CORRECT: 4, ABANDONED_PENALTY: 1 });
    expect(availabilityFrom(c, player({ balance: 7 }), queues())).toMatchObject({ can_prompt: true, prompt_cost: 7, vote_cost: 3, vote_payout_correct: 4, abandoned_penalty: 1 });
  });
});

describe('viewStatus (SPEC §5.11 as players see it)', () => {
  it('open → voting, closing and closed → closing, finalized → finalized', () => {
    expect(viewStatus('open')).toBe('voting');
    expect(viewStatus('closing')).toBe('closing');
    expect(viewStatus('closed')).toBe('closing');
    expect(viewStatus('finalized')).toBe('finalized');
  });
});
