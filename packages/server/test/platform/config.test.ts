import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

describe('config', () => {
  it('has SPEC defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ STARTING_BALANCE: 5000, PROMPT_COST: 100, COPY_COST_NORMAL: 50, COPY_COST_DISCOUNT: 40, VOTE_COST: 10, VOTE_PAYOUT_CORRECT: 20, ABANDONED_PENALTY: 5, PRIZE_POOL_BASE: 200, PORT: 8000, DATA_DIR: './data' });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('every game constant has an env override', () => {
    expect(loadConfig({ PROMPT_COST: '120', VOTE_ROUND_SECONDS: '30' })).toMatchObject({ PROMPT_COST: 120, VOTE_ROUND_SECONDS: 30 });
  });

  it.each([
    [{ PROMPT_COST: 'abc' }, /PROMPT_COST must be a whole number/],
    [{ PORT: '70000' }, /PORT must be between 0 and 65535/],
    [{ VOTE_PAYOUT_CORRECT: '30', PRIZE_POOL_BASE: '100' }, /pool could go negative/],
    [{ ENVIRONMENT: 'production' }, /SECRET_KEY .* required/],
    [{ ENVIRONMENT: 'staging' }, /ENVIRONMENT must be one of/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must use postgres:/],
    [{ COPY_COST_DISCOUNT: '60' }, /COPY_COST_DISCOUNT must not exceed/],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
