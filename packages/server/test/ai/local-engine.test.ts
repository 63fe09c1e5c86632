import { describe, expect, it } from 'vitest';
import prompts from '../../src/content/prompts.json' with { type: 'json' };
import { FALLBACK_PHRASES, guaranteedAnswer, guaranteedCopy } from '../../src/ai/fallback.ts';
import { LocalEngine } from '../../src/ai/local-engine.ts';
import { validateCopyPhrase, validatePromptPhrase } from '../../src/domain/phrases/index.ts';
import { seededRandom, shuffle } from '../../src/platform/random.ts';

/** SPEC §10.1: the local engine. Everything it writes passes the rules a human's phrase meets. */

interface LibraryPrompt {
  key: string;
  text: string;
  answers: string[];
}
const library = prompts as LibraryPrompt[];
const engine = new LocalEngine();

describe('copies (written without the prompt)', () => {
  it('for every answer in the library: every candidate passes the copy rule, and a real candidate (not the fallback) comes first', { timeout: 180_000 }, () => {
    const random = seededRandom(1);
    let total = 0;
    let realFirst = 0;
    let rejectedFirst = 0;
    for (const p of library) {
      for (const original of p.answers) {
        const { phrases, rejectedBeforeFirst } = engine.copyCandidates(original, null, random, { persona: random.int(2 ** 31) });
        expect(phrases.length).toBeGreaterThan(0);
        for (const c of phrases) expect(validateCopyPhrase(c, original, null).ok, `${original} → ${c}`).toBe(true);
        total++;
        if (!(FALLBACK_PHRASES as readonly string[]).includes(phrases[0]!)) realFirst++;
        if (rejectedBeforeFirst > 0) rejectedFirst++;
      }
    }
    expect(total).toBeGreaterThan(2000);
    expect(realFirst / total).toBeGreaterThan(0.97);
    expect(rejectedFirst / total).toBeLessThan(0.02); // the first generated phrase is valid
  });

  it('with the other copy known, every candidate passes against both; the last one is always valid', () => {
    const random = seededRandom(2);
    for (const p of library.slice(0, 60)) {
      const original = p.answers[0]!;
      const first = engine.copyCandidates(original, null, random, { persona: 1 }).phrases[0]!;
      const { phrases } = engine.copyCandidates(original, first, random, { persona: 2 });
      for (const c of phrases) expect(validateCopyPhrase(c, original, first).ok, `${original} / ${first} → ${c}`).toBe(true);
    }
  });

  it('keeps the original shape: function words stay, A/AN agree, inflection follows the original', () => {
    const random = seededRandom(3);
    const bar = engine.copyCandidates('A BAR OF SOAP', null, random).phrases[0]!;
    expect(bar).toMatch(/^AN? [A-Z ]+ OF [A-Z ]+$/);
    for (const c of engine.copyCandidates('A SOCK', null, random, { max: 20 }).phrases) {
      if (c.startsWith('AN ')) expect(c).toMatch(/^AN [AEIOU]/);
      if (c.startsWith('A ')) expect(c).not.toMatch(/^A [AEIOU]/);
    }
    expect(engine.copyCandidates('FREE SNACKS', null, random).phrases[0]).toMatch(/S$/);
  });

  it('phrases with no content word still get real copies (function words swapped)', () => {
    const { phrases } = engine.copyCandidates('BECAUSE THEY CAN', null, seededRandom(4));
    expect(phrases.length).toBeGreaterThan(2);
    expect(phrases[0]).not.toBe('BECAUSE THEY CAN');
    for (const c of phrases) expect(validateCopyPhrase(c, 'BECAUSE THEY CAN', null).ok).toBe(true);
  });

  it('deterministic under a seeded source; different AI personas usually write different copies', () => {
    const a = engine.copyCandidates('LOW EXPECTATIONS', null, seededRandom(9), { persona: 5 });
    const b = engine.copyCandidates('LOW EXPECTATIONS', null, seededRandom(9), { persona: 5 });
    expect(b).toEqual(a);
    let differ = 0;
    const random = seededRandom(10);
    for (const p of library.slice(0, 50)) {
      const o = p.answers[1]!;
      const x = engine.copyCandidates(o, null, random, { persona: 11 }).phrases[0];
      const y = engine.copyCandidates(o, null, random, { persona: 12345 }).phrases[0];
      if (x !== y) differ++;
    }
    expect(differ).toBeGreaterThan(25);
  });

  it('the guaranteed fallback passes against any original and other copy, even the fallback phrases themselves', () => {
    const all = [...FALLBACK_PHRASES, 'NAPS', 'OH', 'NO WAY'];
    for (const original of all) {
      for (const other of [null, ...all]) {
        if (other === original) continue;
        expect(validateCopyPhrase(guaranteedCopy(original, other), original, other).ok).toBe(true);
      }
    }
    const { phrases } = engine.copyCandidates('OH NO', 'WHY NOT', seededRandom(1));
    expect(phrases.at(-1)).toBe('NOT NOW');
    for (const text of library.map((p) => p.text)) expect(validatePromptPhrase(guaranteedAnswer(text), text).ok).toBe(true);
  });
});

describe('prompt answers', () => {
  it('every library prompt: a library answer first, all valid for the prompt, deterministic', { timeout: 120_000 }, () => {
    for (const p of library) {
      const list = engine.promptCandidates(p.text, p.answers, seededRandom(7));
      expect(p.answers).toContain(list[0]);
      for (const a of list) expect(validatePromptPhrase(a, p.text).ok, `${p.text} → ${a}`).toBe(true);
      expect(engine.promptCandidates(p.text, p.answers, seededRandom(7))).toEqual(list);
    }
  });

  it('answers already used (e.g. in this party) go last', () => {
    const p = library[0]!;
    const avoid = p.answers.slice(0, p.answers.length - 1);
    const list = engine.promptCandidates(p.text, p.answers, seededRandom(1), avoid);
    expect(list[0]).toBe(p.answers.at(-1));
  });

  it('a prompt without answers is answered by association, still valid', () => {
    const text = 'the worst thing to find in your sandwich is';
    const list = engine.promptCandidates(text, [], seededRandom(1));
    expect(list.length).toBeGreaterThan(1);
    expect(list[0]).not.toBe(guaranteedAnswer(text));
    for (const a of list) expect(validatePromptPhrase(a, text).ok).toBe(true);
  });
});

describe('votes (the stated heuristic)', () => {
  it('always one of the phrases, exactly as shown', () => {
    const random = seededRandom(1);
    const shown = ['Naps', 'DOZES', 'periods'];
    for (let i = 0; i < 20; i++) expect(shown).toContain(engine.chooseVote('the secret to happiness is', shown, random));
    expect(['OH NO', 'WHY NOT', 'NOT NOW']).toContain(engine.chooseVote('', ['OH NO', 'WHY NOT', 'NOT NOW'], random));
  });

  it('a phrase that reuses a word of the prompt cannot be the original and is never chosen', () => {
    const scores = engine.scoreVote('the most dramatic vegetable is', ['ARTICHOKE', 'VEGETABLE', 'SPINACH']);
    expect(scores[1]!.possible).toBe(false);
    expect(engine.chooseVote('the most dramatic vegetable is', ['ARTICHOKE', 'VEGETABLE', 'SPINACH'], seededRandom(1))).not.toBe('VEGETABLE');
  });

  it('centrality: the phrase the other two were made from wins', () => {
    expect(engine.chooseVote('the one thing i would save in a fire is', ['MY TRUE CAT', 'MY CAT', 'MY BIG CAT'], seededRandom(1))).toBe('MY CAT');
    expect(engine.chooseVote('my coworker keeps stealing my', ['MY STAPLER', 'MY SANDWICH', 'MY LUNCH'], seededRandom(1))).not.toBe('MY STAPLER');
  });

  it('clearly better than chance on library originals against AI copies (bench/ai-quality.ts measures it in full)', () => {
    const random = seededRandom(17);
    let correct = 0;
    const sample = library.filter((_, i) => i % 3 === 0);
    for (const p of sample) {
      const original = p.answers[random.int(p.answers.length)]!;
      const c1 = engine.copyCandidates(original, null, random, { persona: random.int(2 ** 31) }).phrases[0]!;
      const c2 = engine.copyCandidates(original, c1, random, { persona: random.int(2 ** 31) }).phrases[0]!;
      const shown = shuffle([original, c1, c2], random);
      if (engine.chooseVote(p.text, shown, random) === original) correct++;
    }
    expect(correct / sample.length).toBeGreaterThan(0.5);
  });
});
