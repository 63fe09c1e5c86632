/**
 * Summarises a V8 .cpuprofile (node --cpu-prof): self time by area (a package under node_modules, a
 * folder of packages/server/src, node internals, GC, idle) and the top functions by self time.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export function areaOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  const ours = /packages\/([^/]+)\/src\/([^/]+)/.exec(url);
  if (ours) return `${ours[1]}/${ours[2]!.replace(/\.ts$/, '')}`;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0] === 'internal' ? 'internal' : url.slice(5)}`;
  return url;
}

export interface ProfileSummary {
  totalMs: number;
  byArea: Array<{ area: string; ms: number; pct: number }>;
  top: Array<{ fn: string; where: string; ms: number; pct: number }>;
}

export function summariseProfile(path: string, topN = 25): ProfileSummary {
  const p = JSON.parse(readFileSync(path, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const areas = new Map<string, number>();
  const fns = new Map<string, { fn: string; where: string; ms: number }>();
  for (const [id, ms] of self) {
    const n = byId.get(id)!;
    const { functionName, url, lineNumber } = n.callFrame;
    const area = areaOf(url, functionName);
    areas.set(area, (areas.get(area) ?? 0) + ms);
    const where = url ? `${url.replace(/^.*\/(node_modules|packages)\//, '$1/')}:${lineNumber + 1}` : '';
    const key = `${functionName}@${where}`;
    const f = fns.get(key) ?? { fn: functionName || '(anonymous)', where, ms: 0 };
    f.ms += ms;
    fns.set(key, f);
  }
  const pct = (ms: number) => Math.round((1000 * ms) / total) / 10;
  return {
    totalMs: total,
    byArea: [...areas].map(([area, ms]) => ({ area, ms: Math.round(ms), pct: pct(ms) })).sort((a, b) => b.ms - a.ms),
    top: [...fns.values()]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, topN)
      .map((f) => ({ ...f, ms: Math.round(f.ms), pct: pct(f.ms) })),
  };
}

// `node --import tsx bench/lib/cpuprofile.ts <file.cpuprofile>` prints the summary.
if (process.argv[1]?.endsWith('cpuprofile.ts')) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: cpuprofile.ts <file.cpuprofile>');
  const s = summariseProfile(file, Number(process.argv[3] ?? 30));
  console.log(`total sampled ${Math.round(s.totalMs)} ms`);
  console.table(s.byArea.slice(0, 30));
  console.table(s.top);
}
