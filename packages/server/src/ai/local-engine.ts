import { normalizePhrase, significantWords, validateCopyPhrase, validatePromptPhrase, validateVoteChoice, wordsClash, isDictionaryWord } from '../domain/phrases/index.ts';
import { stemmer } from 'stemmer';
import { shuffle, type Random } from '../platform/random.ts';
import { FILLER_NOUNS, guaranteedAnswer, guaranteedCopy } from './fallback.ts';
import { commonness, inflect, isContentWord } from './lexicon.ts';
import { sharedSemantics, type Semantics } from './semantics.ts';
import { POINTERS, type Inflection, type Pos, type Synset } from './wordnet.ts';

/**
 * The local AI player (SPEC §10.1): no network, deterministic for a given random source.
 *
 * - Prompt answers: the library's own answers for the prompt (shuffled), then word association
 *   (common words near the prompt's nouns in WordNet), then a guaranteed-valid fallback.
 * - Copies, written WITHOUT the prompt: every content unit of the original is replaced by a related
 *   word (WordNet synonyms, similar adjectives, sister terms, hyponyms, hypernyms, antonyms; WordNet
 *   collocations count as one unit), inflected like the word it replaces and weighted towards common
 *   words (SCOWL levels) so the copy reads like something a person typed; function words are kept,
 *   so the copy has the original's shape. Candidates are ranked and validated with the same rule a
 *   human's copy meets; a guaranteed-valid fallback ends every list.
 * - Votes: see {@link LocalEngine.scoreVote}.
 *
 * Every list returned is ordered best first, already validated, and never empty.
 */

type Rng = Pick<Random, 'next' | 'int'>;

type Relation = 'synonym' | 'similar' | 'sister' | 'hyponym' | 'antonym' | 'hypernym';

/**
 * Copy styles: how good a related word is as a stand-in, by relation. Different AI players write in
 * different styles (one reaches for synonyms, one for sister terms, one for kinds and opposites) and
 * have their own taste among equally good words (see `persona`), so two AI copies of one original
 * rarely pick the same word, as two people rarely would.
 */
export const COPY_STYLES: ReadonlyArray<Readonly<Record<Relation, number>>> = [
  { synonym: 1.0, similar: 0.9, sister: 0.6, hyponym: 0.4, antonym: 0.4, hypernym: 0.2 },
  { synonym: 0.4, similar: 0.5, sister: 1.0, hyponym: 0.6, antonym: 0.4, hypernym: 0.15 },
  { synonym: 0.4, similar: 0.6, sister: 0.6, hyponym: 1.0, antonym: 0.9, hypernym: 0.2 },
];
/** How much an AI player's taste moves a word's score (± this fraction). */
const TASTE = 0.5;

/** Options kept per unit, and partial phrases kept per step of the beam. */
const OPTIONS_PER_UNIT = 6;
const BEAM = 60;
/** Seeded multiplicative noise on each option's score, so the same original gets varied copies. */
const JITTER = 0.15;
/** Score of keeping a short (non-significant) content word such as CAT or PIE unchanged. */
const KEEP_SCORE = 0.5;
/** Hyponyms / sisters read per synset (large families such as "person" have hundreds). */
const FAMILY_LIMIT = 40;

/** Vote heuristic weights (see scoreVote). */
export const VOTE_WEIGHTS = { centrality: 1.0, prompt: 0.25 } as const;

export interface CopyCandidates {
  /** Validated copies, best first; the last one is the guaranteed fallback. */
  phrases: string[];
  /** Generated candidates that failed validation before the first valid one (0 = first try). */
  rejectedBeforeFirst: number;
}

export interface VoteScore {
  phrase: string;
  centrality: number;
  prompt: number;
  /** False when the phrase reuses a word of the prompt, which an original may not do. */
  possible: boolean;
  total: number;
}

interface Option {
  text: string;
  score: number;
}

const SIMILAR_TO: ReadonlySet<string> = new Set(['&']);
/** Score of swapping a function word for a near one (THEY → WE); keeping it scores 1. */
const FUNCTION_SWAP_SCORE = 0.25;

/** Near alternatives for function words, so even a phrase with no content word gets real copies. */
const FUNCTION_ALTERNATIVES: Record<string, readonly string[]> = {
  I: ['WE', 'YOU'], WE: ['I', 'YOU', 'THEY'], YOU: ['WE', 'THEY', 'I'], THEY: ['WE', 'YOU'],
  HE: ['SHE', 'IT'], SHE: ['HE', 'IT'], IT: ['HE', 'SHE'], ME: ['YOU', 'US'], US: ['ME', 'THEM'], THEM: ['US', 'ME'],
  MY: ['YOUR', 'OUR', 'HIS', 'HER'], YOUR: ['MY', 'OUR', 'HIS'], OUR: ['MY', 'YOUR'], HIS: ['HER', 'MY'], HER: ['HIS', 'MY'], THEIR: ['OUR', 'YOUR'],
  THE: ['MY', 'YOUR'], THIS: ['THAT'], THAT: ['THIS'],
  CAN: ['WILL', 'MUST', 'MIGHT'], WILL: ['CAN', 'MIGHT'], MUST: ['CAN', 'WILL'], MIGHT: ['WILL', 'CAN'], SHOULD: ['COULD', 'WOULD'], COULD: ['SHOULD', 'WOULD'], WOULD: ['COULD', 'SHOULD'],
  IS: ['WAS'], WAS: ['IS'], ARE: ['WERE'], WERE: ['ARE'], DO: ['DID'], DID: ['DO'],
  IN: ['ON', 'UNDER'], ON: ['IN', 'UNDER'], AT: ['IN', 'ON'], UNDER: ['OVER', 'IN'], OVER: ['UNDER'], UP: ['DOWN'], OFF: ['ON'], OUT: ['IN'],
  NOT: ['NEVER'], NEVER: ['ALWAYS'], ALWAYS: ['NEVER'], NO: ['YES'], YES: ['NO'], ALL: ['SOME'], SOME: ['ALL'],
  BECAUSE: ['SINCE'], WHY: ['HOW'], HOW: ['WHY'], WHO: ['WHAT'], WHAT: ['WHO'], AND: ['OR'], OR: ['AND'], TOO: ['AGAIN'], AGAIN: ['TOO'],
  NOW: ['THEN'], THEN: ['NOW'], HERE: ['THERE'], THERE: ['HERE'],
};

const DETERMINERS: ReadonlySet<string> = new Set(['A', 'AN', 'THE', 'MY', 'YOUR', 'HIS', 'HER', 'OUR', 'THEIR', 'ITS', 'THIS', 'THAT', 'SOME', 'NO', 'EVERY', 'EACH', 'ANY']);
const PREPOSITIONS: ReadonlySet<string> = new Set(['OF', 'TO', 'IN', 'ON', 'AT', 'BY', 'FOR', 'WITH', 'FROM', 'INTO', 'ABOUT', 'OVER', 'UNDER']);
const NOUNISH: ReadonlySet<Pos> = new Set(['n', 'a']);
const NOUN: ReadonlySet<Pos> = new Set(['n']);
const VERB: ReadonlySet<Pos> = new Set(['v']);
const ADVERB: ReadonlySet<Pos> = new Set(['r']);

/**
 * The parts of speech a unit's position suggests, from its neighbours (no tagger): after a
 * determiner, a noun or adjective; last after a determiner or preposition, or after another content
 * word (the head of RUBBER DUCK), a noun; first and followed by a determiner or preposition, a verb;
 * ending in -LY, an adverb. Undefined = no hint (the word's most frequent part of speech decides).
 */
function posHint(units: ReadonlyArray<{ text: string; content: boolean }>, i: number): ReadonlySet<Pos> | undefined {
  const u = units[i]!.text;
  const prev = units[i - 1]?.text;
  const next = units[i + 1]?.text;
  if (/LY$/.test(u) && u.length > 4) return ADVERB;
  if (prev !== undefined && (DETERMINERS.has(prev) || PREPOSITIONS.has(prev))) return next === undefined ? NOUN : NOUNISH;
  if (i === 0 && next !== undefined && (DETERMINERS.has(next) || PREPOSITIONS.has(next))) return VERB;
  // The head of a two-word phrase (RUBBER DUCK, FREE SNACKS) is a noun.
  if (next === undefined && prev !== undefined && units[i - 1]!.content) return NOUN;
  return undefined;
}

/** A / AN agree with the next word's first letter. */
function fixArticles(phrase: string): string {
  const words = normalizePhrase(phrase).split(' ');
  for (let i = 0; i + 1 < words.length; i++) {
    if (words[i] === 'A' || words[i] === 'AN') words[i] = /^[AEIOU]/.test(words[i + 1]!) ? 'AN' : 'A';
  }
  return words.join(' ');
}

/** Sister terms and hyponyms from big families are weakly related to the word. */
function familyWeight(size: number): number {
  return 1 / (1 + size / 40);
}

/** A fixed number in [0, 1) for a persona and a word: the AI player's taste, the same every time. */
function tasteOf(persona: number, text: string): number {
  let h = (persona ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d) >>> 0;
  h ^= h >>> 12;
  return (h >>> 0) / 4294967296;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let both = 0;
  for (const x of a) if (b.has(x)) both++;
  const either = a.size + b.size - both;
  return either === 0 ? 0 : both / either;
}

function jitter(random: Rng): number {
  return 1 - JITTER + 2 * JITTER * random.next();
}

function usableLemma(lemma: string): string | null {
  const words = lemma.toUpperCase().split(' ');
  if (words.length > 3) return null;
  for (const w of words) {
    if (!/^[A-Z]+$/.test(w) || w.length > 15) return null;
    if (w.length < 2 && w !== 'A' && w !== 'I') return null;
    if (!isDictionaryWord(w)) return null;
  }
  return words.join(' ');
}

function clashesWith(text: string, blockedWords: readonly string[]): boolean {
  const sig = significantWords(text);
  return sig.some((w) => blockedWords.some((b) => wordsClash(w, b)));
}

export class LocalEngine {
  constructor(readonly sem: Semantics = sharedSemantics()) {}

  // -------------------------------------------------------------------------------------------
  // Prompts

  /**
   * Answers for a prompt, best first, all passing validatePromptPhrase: the library answers in a
   * random order (those in `avoid`, e.g. already used in this party, last), then associations.
   */
  promptCandidates(promptText: string, answers: readonly string[], random: Rng, avoid: readonly string[] = []): string[] {
    const avoided = new Set(avoid.map(normalizePhrase));
    const valid = (p: string) => {
      const r = validatePromptPhrase(p, promptText);
      return r.ok ? r.phrase : null;
    };
    const library = shuffled(answers, random).map(valid).filter((p): p is string => p !== null);
    const fresh = library.filter((p) => !avoided.has(p));
    const used = library.filter((p) => avoided.has(p));
    const assoc = this.associations(promptText, random).map(valid).filter((p): p is string => p !== null && !avoided.has(p));
    return unique([...fresh, ...assoc, ...used, guaranteedAnswer(promptText)]);
  }

  /** Common words WordNet places near the prompt's content words (its kinds, sisters and parts). */
  associations(promptText: string, random: Rng): string[] {
    const promptSig = significantWords(promptText);
    const options = new Map<string, number>();
    for (const unit of this.sem.contentUnits(promptText)) {
      for (const sense of this.sem.senses(unit)) {
        if (sense.form.pos !== 'n') continue;
        for (const [rank, s] of sense.synsets.entries()) {
          const w = sense.formWeight * sense.weights[rank]!;
          const family = [
            ...this.sem.wn.neighbours(s, POINTERS.hyponym).slice(0, FAMILY_LIMIT).map((x) => [x, 1] as const),
            ...this.sem.wn.neighbours(s, POINTERS.part).map((x) => [x, 0.8] as const),
            ...this.sem.wn.neighbours(s, POINTERS.hypernym).flatMap((h) => this.sem.wn.neighbours(h, POINTERS.hyponym).slice(0, FAMILY_LIMIT).map((x) => [x, 0.6] as const)),
          ];
          for (const [syn, rel] of family) {
            for (const lemma of syn.words) {
              const text = usableLemma(lemma);
              if (!text || clashesWith(text, promptSig)) continue;
              const score = w * rel * (0.2 + commonness(text.split(' ')[0]!)) * jitter(random);
              if ((options.get(text) ?? 0) < score) options.set(text, score);
            }
          }
        }
      }
    }
    return [...options.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([t]) => t);
  }

  // -------------------------------------------------------------------------------------------
  // Copies

  /**
   * Copies of `original`, best first, each passing validateCopyPhrase(original, otherCopy). The
   * prompt is never an input: the copier does not see it (SPEC §4.3). `otherCopy` is null when
   * unknown (a real copier does not see the other copy either; the server's check decides).
   */
  copyCandidates(original: string, otherCopy: string | null, random: Rng, opts: { persona?: number; max?: number } = {}): CopyCandidates {
    const max = opts.max ?? 10;
    const persona = (opts.persona ?? 0) >>> 0;
    const weights = COPY_STYLES[persona % COPY_STYLES.length]!;
    const orig = normalizePhrase(original);
    // Words a copy may not reuse: the original's, and the other copy's when it is known.
    const origSig = [...significantWords(orig), ...(otherCopy ? significantWords(otherCopy) : [])];
    const byCollocation = this.sem.units(orig);
    const byWord = orig.split(' ').map((w, i) => ({ text: w, start: i, length: 1, content: isContentWord(w) }));
    const segmentations = [byCollocation];
    if (byCollocation.length !== byWord.length) segmentations.push(byWord);

    const ranked: Array<{ phrase: string; score: number }> = [];
    segmentations.forEach((units, segIndex) => {
      const slots: Option[][] = units.map((u, i) => {
        if (!u.content) {
          const alternatives = (FUNCTION_ALTERNATIVES[u.text] ?? []).map((text) => ({ text, score: FUNCTION_SWAP_SCORE * (1 - TASTE + 2 * TASTE * tasteOf(persona, text)) }));
          return [{ text: u.text, score: 1 }, ...alternatives];
        }
        const opts = this.replacements(u.text, origSig, random, posHint(units, i), weights, persona);
        if (significantWords(u.text).length === 0) opts.push({ text: u.text, score: KEEP_SCORE * jitter(random) });
        if (opts.length === 0) opts.push(...this.fillers(origSig, random));
        return opts.sort((x, y) => y.score - x.score || (x.text < y.text ? -1 : 1)).slice(0, OPTIONS_PER_UNIT);
      });
      let beam: Array<{ parts: string[]; score: number }> = [{ parts: [], score: segIndex === 0 ? 1 : 0.9 }];
      for (const options of slots) {
        const next: typeof beam = [];
        for (const p of beam) for (const o of options) next.push({ parts: [...p.parts, o.text], score: p.score * o.score });
        next.sort((x, y) => y.score - x.score);
        beam = next.slice(0, BEAM);
      }
      for (const p of beam) ranked.push({ phrase: fixArticles(p.parts.join(' ')), score: p.score });
    });
    ranked.sort((x, y) => y.score - x.score || (x.phrase < y.phrase ? -1 : 1));

    const phrases: string[] = [];
    let rejectedBeforeFirst = 0;
    // Keeping every word reproduces the original: not a candidate at all.
    const seen = new Set<string>([orig]);
    for (const { phrase } of ranked) {
      if (seen.has(phrase)) continue;
      seen.add(phrase);
      const r = validateCopyPhrase(phrase, orig, otherCopy);
      if (r.ok) phrases.push(r.phrase);
      else if (phrases.length === 0) rejectedBeforeFirst++;
      if (phrases.length >= max) break;
    }
    phrases.push(guaranteedCopy(orig, otherCopy));
    return { phrases: unique(phrases), rejectedBeforeFirst };
  }

  /**
   * Related words that could stand in for one content unit, scored: relation weight (the style's)
   * × how frequent the sense and part of speech are × how common the word is × how well its length
   * fits, with sister terms and hyponyms from large families scaled down (a sister among 300 kinds
   * of person is barely related).
   */
  replacements(unit: string, originalSignificant: readonly string[], random: Rng, prefer?: ReadonlySet<Pos>, weights: Readonly<Record<Relation, number>> = COPY_STYLES[0]!, persona = 0): Option[] {
    const found = new Map<string, number>();
    const unitWords = unit.split(' ').length;
    const unitSig = significantWords(unit);
    const unitPlural = /S$/.test(unit);
    const offer = (lemma: string, rel: Relation, weight: number, inflection: Inflection, pos: Pos) => {
      const base = usableLemma(lemma);
      if (!base) return;
      const text = inflect(base, inflection);
      if (text === unit || clashesWith(text, originalSignificant) || clashesWith(text, unitSig)) return;
      const words = text.split(' ');
      const common = words.reduce((sum, w) => sum + commonness(w), 0) / words.length;
      const lengthFit = Math.pow(0.55, Math.abs(words.length - unitWords));
      // A singular noun replaced by a plural-only lemma ("sock" → TIGHTS) reads wrong after A.
      const numberFit = pos === 'n' && inflection === 'none' && !unitPlural && /S$/.test(text) && isDictionaryWord(text.slice(0, -1)) ? 0.4 : 1;
      const taste = 1 - TASTE + 2 * TASTE * tasteOf(persona, text);
      const score = weights[rel] * weight * (0.15 + 0.85 * common) * lengthFit * numberFit * taste;
      if ((found.get(text) ?? 0) < score) found.set(text, score);
    };

    for (const sense of this.sem.senses(unit, prefer)) {
      const { inflection, pos } = sense.form;
      sense.synsets.forEach((s, i) => {
        const w = sense.formWeight * sense.weights[i]!;
        if (w < 0.05) return;
        const lemmas = (x: Synset, rel: Relation, k = 1) => x.words.forEach((l) => offer(l, rel, w * k, inflection, pos));
        lemmas(s, 'synonym');
        for (const x of this.sem.wn.neighbours(s, POINTERS.similar)) lemmas(x, 'similar');
        for (const x of this.sem.wn.neighbours(s, POINTERS.antonym)) lemmas(x, 'antonym');
        const kinds = this.sem.wn.neighbours(s, POINTERS.hyponym);
        for (const x of kinds.slice(0, FAMILY_LIMIT)) lemmas(x, 'hyponym', familyWeight(kinds.length));
        for (const h of this.sem.wn.neighbours(s, POINTERS.hypernym)) {
          lemmas(h, 'hypernym');
          const sisters = this.sem.wn.neighbours(h, POINTERS.hyponym);
          for (const x of sisters.slice(0, FAMILY_LIMIT)) lemmas(x, 'sister', familyWeight(sisters.length));
        }
        // Antonyms of satellite adjectives hang off the head of their cluster.
        if (s.pos === 'a') {
          for (const head of this.sem.wn.neighbours(s, SIMILAR_TO)) for (const x of this.sem.wn.neighbours(head, POINTERS.antonym)) lemmas(x, 'antonym', 0.8);
        }
      });
    }
    return [...found.entries()]
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
      .slice(0, OPTIONS_PER_UNIT * 3)
      .map(([text, score]) => ({ text, score: score * jitter(random) }));
  }

  /** Stand-ins for a unit WordNet does not know: common playful nouns from our list. */
  private fillers(originalSignificant: readonly string[], random: Rng): Option[] {
    return shuffled(FILLER_NOUNS, random)
      .filter((w) => !clashesWith(w, originalSignificant))
      .slice(0, OPTIONS_PER_UNIT)
      .map((text) => ({ text, score: 0.2 }));
  }

  // -------------------------------------------------------------------------------------------
  // Votes

  /**
   * The stated heuristic (SPEC §10.1). First a rule: an original may not reuse a significant word
   * of the prompt (SPEC §4.2) while copies are never checked against it, so a phrase that fails
   * validatePromptPhrase cannot be the original and is ruled out (unless all are). Then the
   * original is the phrase
   * - most related to the other two ("centrality"): both copies were made from the original and
   *   never from each other, so whatever a copy kept or echoed comes from the original, and the two
   *   copies are each a step away from it in different directions. Measured as the WordNet
   *   relatedness of the content units plus the overlap of their words (Jaccard of stems);
   * - then most related to the prompt (only the original's writer saw it), a weaker signal: a copy
   *   that drifts to a generic word can come closer to the prompt than a witty original.
   * Each feature is centred across the three phrases, so only differences count:
   * score = 1.0 × centrality + 0.25 × prompt. (Measured by bench/ai-quality.ts: centrality alone
   * does most of the work; the prompt term breaks ties; word commonness did not help and is not used.)
   */
  scoreVote(promptText: string, phrases: readonly string[]): VoteScore[] {
    const units = phrases.map((p) => this.sem.contentUnits(p));
    const words = phrases.map((p) => new Set(normalizePhrase(p).split(' ').map((w) => stemmer(w.toLowerCase()))));
    const promptUnits = this.sem.contentUnits(promptText);
    const pair = (i: number, j: number) => this.sem.unitsRelatedness(units[i]!, units[j]!) + jaccard(words[i]!, words[j]!);
    const centrality = phrases.map((_, i) => phrases.reduce((sum, _p, j) => (i === j ? sum : sum + pair(i, j)), 0));
    const prompt = units.map((u) => this.sem.unitsRelatedness(u, promptUnits));
    const possible = phrases.map((p) => validatePromptPhrase(p, promptText).ok);
    const anyPossible = possible.some(Boolean);
    const centred = (xs: number[]) => {
      const mean = xs.reduce((sum, x) => sum + x, 0) / xs.length;
      return xs.map((x) => x - mean);
    };
    const [c, p] = [centred(centrality), centred(prompt)];
    return phrases.map((phrase, i) => ({
      phrase,
      centrality: centrality[i]!,
      prompt: prompt[i]!,
      possible: possible[i]!,
      total: (anyPossible && !possible[i] ? -10 : 0) + VOTE_WEIGHTS.centrality * c[i]! + VOTE_WEIGHTS.prompt * p[i]!,
    }));
  }

  /**
   * The phrase to vote for: the best score; ties (and phrases with no content at all) are broken by
   * the random source. Always one of `phrases` exactly as given (validateVoteChoice).
   */
  chooseVote(promptText: string, phrases: readonly string[], random: Rng): string {
    const scores = this.scoreVote(promptText, phrases);
    const best = Math.max(...scores.map((s) => s.total));
    const top = scores.filter((s) => best - s.total < 1e-9);
    const pick = top[random.int(top.length)]!.phrase;
    const r = validateVoteChoice(pick, phrases);
    return r.ok ? r.phrase : phrases[0]!;
  }
}

function shuffled<T>(items: readonly T[], random: Rng): T[] {
  return shuffle(items, random);
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}
