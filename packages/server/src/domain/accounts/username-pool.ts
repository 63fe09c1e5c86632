/**
 * Quipflip's own pool of two-word game names (SPEC §2.1), used for public usernames and for the
 * hidden pseudonyms shown in place of a writer's name. A name is one word of each list joined by a
 * space ("Prompt Pirate", "Copy Cat", "Shadow Scribe"): every word is capitalised, letters only,
 * and no word appears in both lists, so a name never repeats a word.
 *
 * Pure: randomness and the "is this name taken?" check are passed in, so callers decide where
 * names come from (a seeded source in tests, the system source in production) and how uniqueness
 * is checked (a set, a database lookup done beforehand, ...).
 */

/** Word-play and party-game flavoured first words (adjectives and nouns used as adjectives). */
export const USERNAME_FIRST_WORDS: readonly string[] = [
  'Prompt', 'Copy', 'Shadow', 'Quip', 'Flip', 'Phrase', 'Riddle', 'Rhyme', 'Verse', 'Pun',
  'Word', 'Ink', 'Pixel', 'Echo', 'Mystery', 'Secret', 'Hidden', 'Sneaky', 'Clever', 'Witty',
  'Crafty', 'Tricky', 'Sly', 'Wily', 'Cheeky', 'Quirky', 'Zany', 'Wacky', 'Snappy', 'Jolly',
  'Lucky', 'Plucky', 'Nimble', 'Swift', 'Rapid', 'Turbo', 'Mighty', 'Bold', 'Brave', 'Daring',
  'Dapper', 'Fancy', 'Jazzy', 'Funky', 'Sassy', 'Sunny', 'Breezy', 'Bouncy', 'Fuzzy', 'Dizzy',
  'Giggle', 'Curious', 'Cosmic', 'Golden', 'Silver', 'Velvet', 'Midnight', 'Sparkle', 'Noble', 'Quiet',
] as const;

/** Characters and creatures for the second word. */
export const USERNAME_SECOND_WORDS: readonly string[] = [
  'Pirate', 'Cat', 'Scribe', 'Bard', 'Wizard', 'Ninja', 'Poet', 'Fox', 'Owl', 'Raven',
  'Jester', 'Sphinx', 'Muse', 'Quill', 'Sage', 'Rascal', 'Bandit', 'Ace', 'Captain', 'Champ',
  'Comet', 'Dragon', 'Falcon', 'Goblin', 'Hero', 'Joker', 'Knight', 'Legend', 'Llama', 'Maestro',
  'Mimic', 'Otter', 'Panda', 'Parrot', 'Penguin', 'Phantom', 'Pilot', 'Puffin', 'Ranger', 'Rebel',
  'Robot', 'Rocket', 'Sleuth', 'Spark', 'Tiger', 'Trickster', 'Unicorn', 'Voyager', 'Walrus', 'Yeti',
  'Badger', 'Chameleon', 'Dolphin', 'Gecko', 'Hedgehog', 'Koala', 'Magpie', 'Narwhal', 'Wombat', 'Storyteller',
] as const;

/** How many distinct two-word names the pool holds (before numbers are appended). */
export function usernamePoolSize(): number {
  return USERNAME_FIRST_WORDS.length * USERNAME_SECOND_WORDS.length;
}

/** A uniform index into a list of `n` items from a [0, 1) source, clamped so a stray 1.0 is safe. */
function pickIndex(random: () => number, n: number): number {
  const i = Math.floor(random() * n);
  return Math.min(n - 1, Math.max(0, Number.isFinite(i) ? i : 0));
}

function randomPoolName(random: () => number): string {
  const first = USERNAME_FIRST_WORDS[pickIndex(random, USERNAME_FIRST_WORDS.length)]!;
  const second = USERNAME_SECOND_WORDS[pickIndex(random, USERNAME_SECOND_WORDS.length)]!;
  return `${first} ${second}`;
}

/** Number widths tried, in order, once plain names run out: 2 digits (10-99), then 3, ... */
const MIN_DIGITS = 2;
const MAX_DIGITS = 9;

/**
 * Picks a free name: up to `maxTries` random two-word combinations, and when all of those are
 * taken, a random combination with a number appended ("Copy Cat 42"), trying `maxTries` random
 * numbers of 2 digits, then of 3 digits, and so on. `random` returns a float in [0, 1);
 * `isTaken` is called with each candidate exactly as it would be returned.
 *
 * Deterministic for a given `random` and `isTaken`. Throws only if every candidate up to
 * 9-digit numbers was taken, which means `isTaken` rejects everything.
 */
export function pickUsername(random: () => number, isTaken: (name: string) => boolean, maxTries = 50): string {
  const tries = Math.max(1, Math.floor(maxTries));
  for (let i = 0; i < tries; i++) {
    const name = randomPoolName(random);
    if (!isTaken(name)) return name;
  }
  for (let digits = MIN_DIGITS; digits <= MAX_DIGITS; digits++) {
    const low = 10 ** (digits - 1);
    const span = 9 * low; // numbers with exactly `digits` digits: low .. 10 * low - 1
    for (let i = 0; i < tries; i++) {
      const name = `${randomPoolName(random)} ${low + pickIndex(random, span)}`;
      if (!isTaken(name)) return name;
    }
  }
  throw new Error('pickUsername: no free name found; isTaken rejected every candidate');
}
