import { describe, expect, it } from 'vitest';
import { normalizePhrase } from '../../../src/domain/phrases/index.ts';

describe('normalizePhrase (SPEC §1.4, §4.1)', () => {
  it.each([
    ['best friends forever', 'BEST FRIENDS FOREVER'],
    ['  Best   friends  ', 'BEST FRIENDS'],
    ['\tbest\n\nfriends\u00a0forever\r\n', 'BEST FRIENDS FOREVER'],
    ['ALREADY CANONICAL', 'ALREADY CANONICAL'],
    ['', ''],
    ['   \t ', ''],
    // Normalising never validates: punctuation survives for the validator to reject.
    ['hello,  world!', 'HELLO, WORLD!'],
  ])('%j -> %j', (raw, expected) => {
    expect(normalizePhrase(raw)).toBe(expected);
  });

  it('is idempotent', () => {
    const once = normalizePhrase('  a   Quick\tfox ');
    expect(normalizePhrase(once)).toBe(once);
  });
});
