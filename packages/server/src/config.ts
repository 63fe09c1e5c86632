/**
 * Config: decoded from the environment once at start, validated, typed and frozen.
 * Every game constant of SPEC has an override through an env var of the same name in upper case.
 * Bad values fail at start with a message naming the variable.
 */

type Parser<T> = (raw: string, name: string) => T;

export class ConfigError extends Error {}

const int = (min: number, max = Number.MAX_SAFE_INTEGER): Parser<number> => (raw, name) => {
  if (!/^-?\d+$/.test(raw.trim())) throw new ConfigError(`${name} must be a whole number (got "${raw}")`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(`${name} must be between ${min} and ${max} (got ${n})`);
  return n;
};
const str: Parser<string> = (raw) => raw;
const bool: Parser<boolean> = (raw, name) => {
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(v)) return false;
  throw new ConfigError(`${name} must be true or false (got "${raw}")`);
};
const oneOf = <T extends string>(...values: T[]): Parser<T> => (raw, name) => {
  if (!(values as string[]).includes(raw)) throw new ConfigError(`${name} must be one of ${values.join(', ')} (got "${raw}")`);
  return raw as T;
};
const url = (...protocols: string[]): Parser<string> => (raw, name) => {
  let u: URL;
  try { u = new URL(raw); } catch { throw new ConfigError(`${name} must be a URL (got "${raw}")`); }
  if (!protocols.includes(u.protocol)) throw new ConfigError(`${name} must use ${protocols.join(' or ')}`);
  return raw;
};

/** Game constants (SPEC §3, §5, §5.11, §7, §10): name → [default, parser]. */
const GAME = {
  STARTING_BALANCE: [5000, int(0)],
  DAILY_BONUS_AMOUNT: [100, int(0)],
  PROMPT_COST: [100, int(0)],
  COPY_COST_NORMAL: [50, int(0)],
  COPY_COST_DISCOUNT: [40, int(0)],
  COPY_DISCOUNT_THRESHOLD: [10, int(0)],
  VOTE_COST: [10, int(0)],
  VOTE_PAYOUT_CORRECT: [20, int(0)],
  ABANDONED_PENALTY: [5, int(0)],
  PRIZE_POOL_BASE: [200, int(0)],
  MAX_OUTSTANDING_QUIPS: [10, int(1)],
  MAX_OUTSTANDING_QUIPS_GUEST: [3, int(1)],
  CORRECT_VOTE_POINTS: [1, int(0)],
  INCORRECT_VOTE_POINTS: [2, int(0)],
  PROMPT_ROUND_SECONDS: [180, int(1)],
  COPY_ROUND_SECONDS: [180, int(1)],
  VOTE_ROUND_SECONDS: [60, int(1)],
  GRACE_PERIOD_SECONDS: [5, int(0)],
  VOTE_MINIMUM_WINDOW_SECONDS: [600, int(0)],
  VOTE_CLOSING_WINDOW_SECONDS: [60, int(0)],
  VOTE_MAX_VOTES: [20, int(3)],
  ABANDONED_COOLDOWN_HOURS: [24, int(0)],
  AI_BACKUP_DELAY_MINUTES: [15, int(0)],
  AI_BACKUP_BATCH_SIZE: [3, int(1)],
  AI_BACKUP_SLEEP_SECONDS: [300, int(1)],
} as const satisfies Record<string, readonly [number, Parser<number>]>;

/** Platform settings (SPEC §2, §8, §11). */
const PLATFORM = {
  ENVIRONMENT: ['development', oneOf('development', 'production', 'test')],
  PORT: [8000, int(0, 65535)],
  HOST: ['0.0.0.0', str],
  DATA_DIR: ['./data', str],
  DATABASE_URL: ['', (raw: string, name: string) => (raw === '' ? '' : url('postgres:', 'postgresql:')(raw, name))],
  REDIS_URL: ['', (raw: string, name: string) => (raw === '' ? '' : url('redis:', 'rediss:')(raw, name))],
  REDIS_KEY_PREFIX: ['quipflip:', str],
  SECRET_KEY: ['', str],
  ACCESS_TOKEN_EXP_MINUTES: [120, int(1)],
  REFRESH_TOKEN_EXP_DAYS: [30, int(1)],
  REFRESH_REUSE_GRACE_SECONDS: [30, int(0)],
  WS_TOKEN_EXP_SECONDS: [60, int(1)],
  CORS_ORIGINS: ['', str],
  TRUST_PROXY: [false, bool],
  LOG_LEVEL: ['info', oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent')],
  RATE_LIMIT_GENERAL: [100, int(1)],
  RATE_LIMIT_VOTES: [20, int(1)],
  RATE_LIMIT_AUTH: [20, int(1)],
  RATE_LIMIT_STATUS: [120, int(1)],
  RATE_LIMIT_WINDOW_SECONDS: [60, int(1)],
  RATE_LIMIT_ENABLED: [true, bool],
  SCHEDULER_ENABLED: [true, bool],
  SCHEDULER_POLL_MS: [1000, int(10)],
  SCHEDULER_MAX_ATTEMPTS: [5, int(1)],
  SCHEDULER_LEASE_SECONDS: [60, int(1)],
  SCHEDULER_BATCH_SIZE: [20, int(1)],
  DB_POOL_SIZE: [10, int(1)],
  IDEMPOTENCY_TTL_HOURS: [24, int(1)],
  // argon2id cost; OWASP's minimum is 19 MiB / 2 passes. Tests lower it, never the algorithm.
  PASSWORD_HASH_MEMORY_KIB: [19456, int(1024)],
  PASSWORD_HASH_ITERATIONS: [2, int(1)],
  // AI players (SPEC §10.2): the local engine by default; an OpenAI-compatible endpoint when configured.
  AI_PROVIDER: ['local', oneOf('local', 'openai')],
  AI_BASE_URL: ['', (raw: string, name: string) => (raw === '' ? '' : url('http:', 'https:')(raw, name))],
  AI_API_KEY: ['', str],
  AI_MODEL: ['', str],
  AI_TIMEOUT_SECONDS: [10, int(1, 300)],
} as const;

type Decoded<T> = { readonly [K in keyof T]: T[K] extends readonly [unknown, Parser<infer V>] ? V : never };
export type GameConfig = Decoded<typeof GAME>;
export type Config = GameConfig & Decoded<typeof PLATFORM>;

function decodeTable<T extends Record<string, readonly [unknown, Parser<unknown>]>>(table: T, env: NodeJS.ProcessEnv): Decoded<T> {
  const out: Record<string, unknown> = {};
  for (const [name, [def, parse]] of Object.entries(table)) {
    const raw = env[name];
    out[name] = raw === undefined ? def : parse(raw, name);
  }
  return out as Decoded<T>;
}

/** Decode and validate the whole configuration. Throws ConfigError with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cfg = { ...decodeTable(GAME, env), ...decodeTable(PLATFORM, env) } as Config;
  checkConfig(cfg);
  return Object.freeze(cfg);
}

/** Cross-field rules: a pool can never go negative, a refund never exceeds its fee. */
export function checkConfig(c: Config): void {
  const worstPool = c.PRIZE_POOL_BASE + c.VOTE_MAX_VOTES * (c.VOTE_COST - c.VOTE_PAYOUT_CORRECT);
  if (worstPool < 0) {
    throw new ConfigError(
      `PRIZE_POOL_BASE + VOTE_MAX_VOTES × (VOTE_COST − VOTE_PAYOUT_CORRECT) must be ≥ 0 (got ${worstPool}): a pool could go negative`,
    );
  }
  if (c.COPY_COST_DISCOUNT > c.COPY_COST_NORMAL) throw new ConfigError('COPY_COST_DISCOUNT must not exceed COPY_COST_NORMAL');
  if (c.ENVIRONMENT === 'production' && c.SECRET_KEY.length < 32) {
    throw new ConfigError('SECRET_KEY (at least 32 characters) is required when ENVIRONMENT=production');
  }
  if (c.SECRET_KEY !== '' && c.SECRET_KEY.length < 32) throw new ConfigError('SECRET_KEY must be at least 32 characters');
  if (c.AI_PROVIDER === 'openai' && (c.AI_BASE_URL === '' || c.AI_MODEL === '')) {
    throw new ConfigError('AI_PROVIDER=openai needs AI_BASE_URL (e.g. https://api.openai.com/v1) and AI_MODEL');
  }
}

/** Config for tests: defaults plus overrides, validated like the real thing. */
export function testConfig(overrides: Partial<Record<keyof Config, string | number | boolean>> = {}): Config {
  const env: NodeJS.ProcessEnv = { ENVIRONMENT: 'test', LOG_LEVEL: 'silent', SCHEDULER_ENABLED: 'false', RATE_LIMIT_ENABLED: 'false', PASSWORD_HASH_MEMORY_KIB: '1024', PASSWORD_HASH_ITERATIONS: '1', SECRET_KEY: 'test-secret-key-that-is-long-enough-123456' };
  for (const [k, v] of Object.entries(overrides)) env[k] = String(v);
  return loadConfig(env);
}
