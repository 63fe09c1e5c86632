/**
 * Common words of 4+ letters that carry no meaning of their own, so reusing them is not "reusing
 * the prompt" (SPEC §4.4). Shorter words are never significant, so they need no entry. Includes the
 * stems left when contractions are split at the apostrophe (DIDN'T -> DIDN).
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  // Determiners, pronouns and possessives
  'THIS', 'THAT', 'THESE', 'THOSE', 'YOUR', 'YOURS', 'THEIR', 'THEIRS', 'THEY', 'THEM', 'OURS', 'HERS',
  'MINE', 'WHOM', 'WHOSE', 'EACH', 'EVERY', 'BOTH', 'SOME', 'MANY', 'MUCH', 'MORE', 'MOST', 'SUCH',
  'OTHER', 'OTHERS', 'ANOTHER', 'MYSELF', 'YOURSELF', 'HIMSELF', 'HERSELF', 'ITSELF', 'OURSELVES',
  'THEMSELVES', 'SOMEONE', 'ANYONE', 'EVERYONE', 'SOMEBODY', 'ANYBODY', 'EVERYBODY', 'SOMETHING',
  'ANYTHING', 'EVERYTHING', 'NOTHING',
  // Question words
  'WHAT', 'WHEN', 'WHERE', 'WHICH', 'WHILE', 'WHATEVER', 'WHENEVER', 'WHEREVER',
  // Auxiliary verbs and their contraction stems
  'HAVE', 'HAVING', 'BEEN', 'BEING', 'WERE', 'WILL', 'WOULD', 'COULD', 'SHOULD', 'MIGHT', 'MUST',
  'SHALL', 'DOES', 'DOING', 'DONE', 'DIDN', 'DOESN', 'WASN', 'WEREN', 'HAVEN', 'HASN', 'HADN',
  'AREN', 'WOULDN', 'COULDN', 'SHOULDN', 'MUSTN',
  // Prepositions and conjunctions
  'WITH', 'FROM', 'ABOUT', 'INTO', 'ONTO', 'UPON', 'OVER', 'UNDER', 'AFTER', 'BEFORE', 'ABOVE', 'BELOW',
  'THROUGH', 'DURING', 'WITHOUT', 'WITHIN', 'AGAINST', 'BETWEEN', 'AMONG', 'UNTIL', 'SINCE', 'TOWARD',
  'TOWARDS', 'BECAUSE', 'THOUGH', 'ALTHOUGH', 'UNLESS', 'WHETHER', 'EITHER', 'NEITHER',
  // Adverbs
  'THEN', 'THAN', 'THERE', 'HERE', 'JUST', 'VERY', 'ALSO', 'ONLY', 'EVEN', 'EVER', 'NEVER', 'AGAIN',
  'STILL', 'ALWAYS', 'OFTEN', 'RATHER', 'QUITE',
]);

/** Whether one upper-case word counts as significant: 4+ letters and not a stop word (SPEC §4.4). */
export function isSignificantWord(word: string): boolean {
  return word.length >= 4 && !STOP_WORDS.has(word);
}

/**
 * The significant words of any text, upper-case, each once, in order of first appearance.
 * Accepts raw prompt text ("My deepest desire is to be (a/an)...", "What's the worst...?"): accents
 * are stripped and anything that is not a letter separates words, so apostrophes split contractions.
 */
export function significantWords(text: string): string[] {
  const words = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .split(/[^A-Z]+/);
  return [...new Set(words.filter(isSignificantWord))];
}
