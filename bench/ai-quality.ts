/**
 * AI quality benchmark (SPEC §10.1): plays many phrasesets built from the prompt library's own
 * answers (the original) and two copies written by the local AI, which never sees the prompt, then
 * lets the local AI vote, and prints:
 *   - vote accuracy (chance is 33%),
 *   - the share of AI copies that pass validation on the first try, as the backup cycle makes them
 *     (two AI copiers; the second knows the first, its own side's work), and the same for a second
 *     copier that does not see the first copy (as when it is a human's),
 *   - the fool rate: how often an AI copy is voted as the original by the AI voter.
 *
 * Usage: node --import tsx bench/ai-quality.ts [--rounds 3] [--seed 7] [--verbose]
 * Each round plays one phraseset per library prompt with a different original answer.
 */
import prompts from '../packages/server/src/content/prompts.json' with { type: 'json' };
import { LocalEngine } from '../packages/server/src/ai/local-engine.ts';
import { validateCopyPhrase } from '../packages/server/src/domain/phrases/index.ts';
import { seededRandom, shuffle } from '../packages/server/src/platform/random.ts';

interface LibraryPrompt {
  key: string;
  text: string;
  answers: string[];
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const rounds = arg('rounds', 3);
const seed = arg('seed', 7);
const verbose = process.argv.includes('--verbose');
const library = prompts as LibraryPrompt[];
const engine = new LocalEngine();
const random = seededRandom(seed);

interface Tally {
  games: number;
  correct: number;
  copies: number;
  copiesFirstTry: number;
  copiesFallback: number;
  blindSecond: number;
  blindSecondFirstTry: number;
  blindSecondSecondTry: number;
  copyVotes: number;
}
const blank = (): Tally => ({ games: 0, correct: 0, copies: 0, copiesFirstTry: 0, copiesFallback: 0, blindSecond: 0, blindSecondFirstTry: 0, blindSecondSecondTry: 0, copyVotes: 0 });
const halves = { even: blank(), odd: blank() };
const timings = { copy: [] as number[], vote: [] as number[] };

/**
 * One AI copy as the backup cycle makes it: the copier knows the other copy only when it is an AI's
 * own (here: the first copy). Submits candidates in order until the rule accepts one; `tries` counts
 * submissions, plus any generated candidate the engine had to drop before its first valid one.
 */
function aiCopy(original: string, knownOther: string | null, persona: number): { phrase: string; firstTry: boolean; fallback: boolean } {
  const t0 = performance.now();
  const { phrases, rejectedBeforeFirst } = engine.copyCandidates(original, knownOther, random, { persona });
  timings.copy.push(performance.now() - t0);
  const i = phrases.findIndex((p) => validateCopyPhrase(p, original, knownOther).ok);
  return { phrase: phrases[i]!, firstTry: i === 0 && rejectedBeforeFirst === 0, fallback: i === phrases.length - 1 };
}

const started = performance.now();
for (let round = 0; round < rounds; round++) {
  library.forEach((prompt, index) => {
    const tally = index % 2 === 0 ? halves.even : halves.odd;
    const original = prompt.answers[(round + random.int(prompt.answers.length)) % prompt.answers.length]!;
    // Two AI players, each with its own persona: copy style and taste (as the backup cycle's accounts).
    const [s1, s2] = [random.int(2 ** 31), random.int(2 ** 31)];
    const c1 = aiCopy(original, null, s1);
    const c2 = aiCopy(original, c1.phrase, s2);
    for (const c of [c1, c2]) {
      tally.copies++;
      if (c.firstTry) tally.copiesFirstTry++;
      if (c.fallback) tally.copiesFallback++;
    }
    // Blind: had the first copy been a stranger's, would the second copier's first phrase have passed?
    const blind = engine.copyCandidates(original, null, seededRandom(round * 1000 + index), { persona: s2 }).phrases;
    tally.blindSecond++;
    const firstAccepted = blind.findIndex((p) => validateCopyPhrase(p, original, c1.phrase).ok);
    if (firstAccepted === 0) tally.blindSecondFirstTry++;
    if (firstAccepted <= 1) tally.blindSecondSecondTry++;

    const shown = shuffle([original, c1.phrase, c2.phrase], random);
    const t0 = performance.now();
    const choice = engine.chooseVote(prompt.text, shown, random);
    timings.vote.push(performance.now() - t0);
    tally.games++;
    if (choice === original) tally.correct++;
    else tally.copyVotes++;
    if (verbose) {
      const mark = choice === original ? 'ok  ' : 'MISS';
      console.log(`${mark} ${prompt.text} | original ${original} | copies ${c1.phrase} / ${c2.phrase} | voted ${choice}`);
    }
  });
}

const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`;
const all: Tally = blank();
for (const t of [halves.even, halves.odd]) for (const k of Object.keys(all) as Array<keyof Tally>) all[k] += t[k];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

console.log(`AI quality: ${all.games} phrasesets (${rounds} rounds × ${library.length} prompts), seed ${seed}, ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`  vote accuracy         ${pct(all.correct, all.games)}  (chance 33.3%; even prompts ${pct(halves.even.correct, halves.even.games)}, odd prompts ${pct(halves.odd.correct, halves.odd.games)})`);
console.log(`  copies valid 1st try  ${pct(all.copiesFirstTry, all.copies)}  (${all.copies} copies, as in the backup cycle; needed the guaranteed fallback: ${pct(all.copiesFallback, all.copies)})`);
console.log(`  blind 2nd copy         ${pct(all.blindSecondFirstTry, all.blindSecond)} on the 1st try, ${pct(all.blindSecondSecondTry, all.blindSecond)} by the 2nd  (the other copy unseen, as when it is a human's: worst case, both copies come from the same engine)`);
console.log(`  fool rate             ${pct(all.copyVotes, all.games)} of AI votes went to an AI copy (${pct(all.copyVotes, 2 * all.games)} per copy)`);
console.log(`  median time           copy ${median(timings.copy).toFixed(1)} ms, vote ${median(timings.vote).toFixed(1)} ms`);
