import { validateCopyPhrase, validatePromptPhrase } from '../domain/phrases/index.ts';

/**
 * Phrases made only of words that are never "significant" (under 4 letters or common words), so
 * they cannot clash with any prompt, original or other copy (SPEC §4.4). Only equality can reject
 * one, and an original and another copy can equal at most two of them: the third always passes.
 * That is the AI's guaranteed-valid answer when every real candidate failed.
 */
export const FALLBACK_PHRASES = ['OH NO', 'WHY NOT', 'NOT NOW', 'ME TOO'] as const;

/** A copy that passes validateCopyPhrase against any original and other copy. */
export function guaranteedCopy(original: string, otherCopy: string | null): string {
  for (const p of FALLBACK_PHRASES) {
    const r = validateCopyPhrase(p, original, otherCopy);
    if (r.ok) return r.phrase;
  }
  throw new Error('unreachable: a fallback phrase always passes');
}

/** A prompt answer that passes validatePromptPhrase for any prompt text. */
export function guaranteedAnswer(promptText: string): string {
  for (const p of FALLBACK_PHRASES) {
    const r = validatePromptPhrase(p, promptText);
    if (r.ok) return r.phrase;
  }
  throw new Error('unreachable: a fallback phrase always passes');
}

/**
 * Common, concrete, playful nouns: what the copier puts in place of a word WordNet does not know
 * (names like SIR WIGGLES), so a copy keeps the original's shape.
 */
export const FILLER_NOUNS: readonly string[] = [
  'PICKLE', 'WAFFLE', 'BANANA', 'NOODLE', 'MUFFIN', 'PUDDING', 'BISCUIT', 'PANCAKE', 'POTATO', 'TURNIP',
  'BUTTON', 'PEBBLE', 'BUCKET', 'TEAPOT', 'SLIPPER', 'PILLOW', 'BLANKET', 'KETTLE', 'HAMMER', 'LADDER',
  'PENGUIN', 'OTTER', 'BADGER', 'GOOSE', 'PARROT', 'PONY', 'KITTEN', 'PUPPY', 'HAMSTER', 'TURTLE',
  'WIZARD', 'PIRATE', 'ROBOT', 'DRAGON', 'GOBLIN', 'NINJA', 'COWBOY', 'CLOWN', 'DENTIST', 'PLUMBER',
  'THUNDER', 'RAINBOW', 'CACTUS', 'MEADOW', 'VOLCANO', 'PUDDLE', 'SNOWMAN', 'COMET', 'JUNGLE', 'CASTLE',
  'TROMBONE', 'BANJO', 'KAZOO', 'TUBA', 'DISCO', 'KARAOKE', 'PICNIC', 'PARADE', 'CIRCUS', 'CARNIVAL',
];
