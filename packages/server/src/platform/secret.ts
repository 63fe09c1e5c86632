import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The JWT key: SECRET_KEY when set; in development, a random key generated once and kept in the data
 * folder so restarts keep sessions (SPEC §2.4). Config already refuses production without SECRET_KEY.
 */
export function resolveSecret(secretKey: string, dataDir: string): string {
  if (secretKey) return secretKey;
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const key = randomBytes(48).toString('base64url');
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}
