import { stemmer } from 'stemmer';
import { isContentWord } from './lexicon.ts';
import { ALL_POS, POINTERS, sharedWordNet, type BaseForm, type Pos, type Synset, type WordNet } from './wordnet.ts';

/**
 * Word and phrase relatedness over WordNet, plus the tokenising the AI shares: a phrase is split
 * into units, where a unit is a WordNet collocation of up to 3 words ("GAME SHOW", "ICE CREAM") or a
 * single word.
 *
 * Relatedness of two words: each word gets a "profile" of synsets with weights — its own senses
 * (1.0), synsets one pointer away (0.5: hypernym, hyponym, similar, derived, part, antonym) and two
 * hypernym steps away or sisters under a shared hypernym (0.25). The relatedness is the best product
 * of the two profiles' weights over the synsets they share: synonyms 1, hypernym/hyponym 0.5,
 * sisters 0.25, ... Words with the same stem are 1; a word in the other's definitions is at least 0.3.
 */

/** Senses taken per part of speech (most frequent first): rarer senses mostly add noise. */
const SENSES: Record<Pos, number> = { n: 3, v: 3, a: 4, r: 2 };
const NEAR = 0.5;
const FAR = 0.25;
const GLOSS = 0.3;

export interface Unit {
  /** Upper-case text of the unit ("GAME SHOW"). */
  text: string;
  /** Index of the unit's first word in the phrase. */
  start: number;
  length: number;
  content: boolean;
}

export interface Sense {
  form: BaseForm;
  /** Leading senses, in WordNet's frequency order. */
  synsets: Synset[];
  /** Weight of each of `synsets` in (0, 1]. */
  weights: number[];
  /** Weight of this part of speech in (0, 1]. */
  formWeight: number;
}

const stem = (w: string) => stemmer(w.toLowerCase());

export class Semantics {
  private readonly senseCache = new Map<string, Sense[]>();
  private readonly profileCache = new Map<string, Map<string, number>>();
  private readonly glossCache = new Map<string, Set<string>>();

  constructor(readonly wn: WordNet = sharedWordNet()) {}

  /**
   * Base forms of a word or collocation with their leading senses, most frequent first. Weights
   * come from the semantic concordance's tag counts (index.sense): `formWeight` compares parts of
   * speech ("free" is mostly an adjective), `weights` the senses of one form ("sock" the garment
   * far more than the windsock). `prefer` (parts of speech the context suggests) scales the others down.
   */
  senses(text: string, prefer?: ReadonlySet<Pos>): Sense[] {
    const key = `${text.toUpperCase()}|${prefer ? [...prefer].join('') : ''}`;
    const hit = this.senseCache.get(key);
    if (hit) return hit;
    const upper = text.toUpperCase();
    const forms: BaseForm[] = upper.includes(' ')
      ? ALL_POS.flatMap((pos) => {
          const entry = this.wn.lookup(upper, pos);
          return entry ? [{ base: upper.toLowerCase(), pos, inflection: 'none' as const, entry }] : [];
        })
      : this.wn.baseForms(upper);
    const scored = forms.map((form) => {
      const tags = this.wn.tagCounts(form.base);
      const counts = form.entry.offsets.map((o) => tags.get(`${form.pos}:${o}`) ?? 0);
      const total = counts.reduce((a, b) => a + b, 0);
      const top = form.entry.offsets.slice(0, SENSES[form.pos]);
      const max = Math.max(0, ...counts.slice(0, top.length));
      const weights = top.map((_, i) => (max > 0 ? Math.max(0.05, (counts[i]! + 0.5) / (max + 0.5)) : 1 / (1 + i)));
      return { form, total, weights, synsets: this.wn.synsetsOf(form.entry, SENSES[form.pos]) };
    });
    const hint = (pos: Pos) => (prefer && prefer.size > 0 && !prefer.has(pos) ? 0.1 : 1);
    const maxTotal = Math.max(0, ...scored.map((x) => x.total));
    const out = scored
      .map((x) => ({ form: x.form, synsets: x.synsets, weights: x.weights, formWeight: Math.max(0.15, (x.total + 0.5) / (maxTotal + 0.5)) * hint(x.form.pos) }))
      .sort((a, b) => b.formWeight - a.formWeight || Number(a.form.inflection !== 'none') - Number(b.form.inflection !== 'none'));
    this.cache(this.senseCache, key, out);
    return out;
  }

  /** Whether WordNet knows the text (a word in any inflection, or a collocation). */
  known(text: string): boolean {
    return this.senses(text).length > 0;
  }

  /** Weighted synsets around a word (see the file comment). */
  profile(text: string): Map<string, number> {
    const key = text.toUpperCase();
    const hit = this.profileCache.get(key);
    if (hit) return hit;
    const p = new Map<string, number>();
    const add = (id: string, w: number) => {
      if ((p.get(id) ?? 0) < w) p.set(id, w);
    };
    const senses = this.senses(key);
    for (const sense of senses) {
      sense.synsets.forEach((s, i) => {
        const posWeight = sense.formWeight * sense.weights[i]!;
        add(s.id, posWeight);
        for (const ptr of s.pointers) {
          const id = `${ptr.pos}:${ptr.offset}`;
          if (POINTERS.hypernym.has(ptr.symbol)) {
            add(id, NEAR * posWeight);
            const h = this.wn.synset(ptr.pos, ptr.offset);
            for (const hp of h.pointers) {
              if (POINTERS.hyponym.has(hp.symbol) || POINTERS.hypernym.has(hp.symbol)) add(`${hp.pos}:${hp.offset}`, FAR * posWeight);
            }
          } else if (POINTERS.hyponym.has(ptr.symbol) || POINTERS.similar.has(ptr.symbol) || POINTERS.derived.has(ptr.symbol) || POINTERS.part.has(ptr.symbol) || POINTERS.antonym.has(ptr.symbol)) {
            add(id, NEAR * posWeight);
          }
        }
      });
    }
    this.cache(this.profileCache, key, p);
    return p;
  }

  /** Stems of the lemmas and definition words of a word's leading senses. */
  glossBag(text: string): Set<string> {
    const key = text.toUpperCase();
    const hit = this.glossCache.get(key);
    if (hit) return hit;
    const bag = new Set<string>();
    for (const sense of this.senses(key)) {
      for (const [i, s] of sense.synsets.entries()) {
        if (sense.formWeight * sense.weights[i]! < 0.3) continue;
        for (const w of s.words) for (const part of w.split(' ')) bag.add(stem(part));
        for (const w of s.gloss.toUpperCase().split(/[^A-Z]+/)) if (w.length >= 3 && isContentWord(w)) bag.add(stem(w));
      }
    }
    this.cache(this.glossCache, key, bag);
    return bag;
  }

  /** Relatedness of two words or collocations in [0, 1] (see the file comment). */
  wordRelatedness(a: string, b: string): number {
    const x = a.toUpperCase();
    const y = b.toUpperCase();
    if (x === y || stem(x) === stem(y)) return 1;
    const pa = this.profile(x);
    const pb = this.profile(y);
    let best = 0;
    const [small, large] = pa.size <= pb.size ? [pa, pb] : [pb, pa];
    for (const [id, w] of small) {
      const v = large.get(id);
      if (v !== undefined && v * w > best) best = v * w;
    }
    if (best < GLOSS) {
      const sx = x.split(' ').map(stem);
      const sy = y.split(' ').map(stem);
      const gx = this.glossBag(x);
      const gy = this.glossBag(y);
      if (sy.some((s) => gx.has(s)) || sx.some((s) => gy.has(s))) best = GLOSS;
    }
    return best;
  }

  /**
   * Splits a phrase (or prompt text) into units, longest WordNet collocation first (up to 3 words),
   * marking which carry content.
   */
  units(text: string): Unit[] {
    const words = text.toUpperCase().split(/[^A-Z]+/).filter((w) => w !== '');
    const out: Unit[] = [];
    for (let i = 0; i < words.length; ) {
      let taken = 1;
      for (let n = Math.min(3, words.length - i); n >= 2; n--) {
        const span = words.slice(i, i + n);
        if (!span.every(isContentWord) && !isContentWord(span[0]!)) continue;
        if (this.known(span.join(' '))) {
          taken = n;
          break;
        }
      }
      const t = words.slice(i, i + taken).join(' ');
      out.push({ text: t, start: i, length: taken, content: taken > 1 || isContentWord(t) });
      i += taken;
    }
    return out;
  }

  /** The content units of a text, as upper-case strings. */
  contentUnits(text: string): string[] {
    return this.units(text).filter((u) => u.content).map((u) => u.text);
  }

  /**
   * Relatedness of two phrases in [0, 1]: for each content unit, its best match on the other side;
   * the mean of those, averaged over both directions (so it is symmetric).
   */
  phraseRelatedness(p: string, q: string): number {
    return this.unitsRelatedness(this.contentUnits(p), this.contentUnits(q));
  }

  unitsRelatedness(a: readonly string[], b: readonly string[]): number {
    if (a.length === 0 || b.length === 0) return 0;
    const dir = (from: readonly string[], to: readonly string[]) =>
      from.reduce((sum, x) => sum + Math.max(...to.map((y) => this.wordRelatedness(x, y))), 0) / from.length;
    return (dir(a, b) + dir(b, a)) / 2;
  }

  private cache<V>(m: Map<string, V>, k: string, v: V): void {
    if (m.size >= 20_000) m.clear();
    m.set(k, v);
  }
}

let shared: Semantics | undefined;

/** The process-wide instance (its caches are shared by every AI action). */
export function sharedSemantics(): Semantics {
  shared ??= new Semantics();
  return shared;
}
