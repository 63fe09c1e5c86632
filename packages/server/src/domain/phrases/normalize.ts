/**
 * Canonical form of a typed phrase (SPEC §1.4, §4.1): surrounding whitespace trimmed, every run of
 * whitespace (spaces, tabs, newlines, non-breaking spaces) collapsed to one space, upper-cased.
 * It does not judge the phrase: "hello, world!" normalises to "HELLO, WORLD!" and the validators
 * reject it. Applied before every comparison so "  friend   zone" and "FRIEND ZONE" are the same phrase.
 */
export function normalizePhrase(raw: string): string {
  return raw.trim().replace(/\s+/g, ' ').toUpperCase();
}
