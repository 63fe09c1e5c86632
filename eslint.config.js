// Lint rules that enforce DESIGN.md §2: imports run one way, and only platform/ reads the clock or Math.random.
import tseslint from 'typescript-eslint';

const noClock = [
  { object: 'Math', property: 'random', message: 'Use the injected Random (platform/random.ts).' },
  { object: 'Date', property: 'now', message: 'Use the injected Clock (platform/clock.ts).' },
];
const noBareNewDate = {
  selector: "NewExpression[callee.name='Date'][arguments.length=0]",
  message: 'Use the injected Clock (platform/clock.ts): time is passed in.',
};

const layer = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '.tmp/**', 'artifacts/**'] },
  {
    files: ['packages/**/*.ts', 'packages/**/*.tsx', 'bench/**/*.ts'],
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Server code outside platform/ never reads the clock or Math.random.
    files: ['packages/server/src/**/*.ts'],
    ignores: ['packages/server/src/platform/**', 'packages/server/src/main.ts'],
    rules: {
      'no-restricted-properties': ['error', ...noClock],
      'no-restricted-syntax': ['error', noBareNewDate],
    },
  },
  {
    files: ['packages/server/src/domain/**/*.ts'],
    rules: layer([
      { group: ['**/services/**', '**/db/**', '**/http/**', '**/realtime/**', '**/scheduler/**', '**/ai/**', '**/platform/**', '**/config.ts', '**/main.ts'], message: 'domain/ is pure: it imports nothing with I/O (DESIGN §2).' },
      { group: ['node:fs', 'node:net', 'node:http', 'node:child_process', 'pg', 'kysely', 'ioredis', 'fastify'], message: 'domain/ is pure.' },
    ]),
  },
  {
    files: ['packages/server/src/db/**/*.ts'],
    rules: layer([{ group: ['**/services/**', '**/http/**', '**/realtime/**', '**/scheduler/**', '**/ai/**'], message: 'db/ sits below services (DESIGN §2).' }]),
  },
  {
    files: ['packages/server/src/services/**/*.ts'],
    rules: layer([
      { group: ['**/http/**'], message: 'services/ never import http/ (routes only translate HTTP).' },
      { group: ['**/realtime/*', '!**/realtime/hub.ts'], message: 'services/ publish through realtime/hub.ts only.' },
      { group: ['**/scheduler/*', '!**/scheduler/jobs.ts'], message: 'services/ schedule through scheduler/jobs.ts only.' },
    ]),
  },
  {
    files: ['packages/api/src/**/*.ts'],
    rules: layer([{ group: ['@quipflip/server', '**/server/**', 'fastify', 'kysely', 'pg'], message: 'api/ is the contract: TypeBox only.' }]),
  },
  {
    files: ['packages/web/src/**/*.{ts,tsx}'],
    rules: layer([
      { group: ['@quipflip/server', '**/server/**'], message: 'web/ imports only types from packages/api.' },
      { group: ['@quipflip/api'], allowTypeImports: true, message: 'web/ imports only TYPES from packages/api.' },
    ]),
  },
);
