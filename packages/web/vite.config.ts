import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** Initial-load budget (gzip): the entry chunk, every chunk it imports statically, and their CSS. */
const INITIAL_BUDGET_KB = 200;

type OutChunk = { type: 'chunk'; fileName: string; code: string; isEntry: boolean; imports: string[]; viteMetadata?: { importedCss: Set<string> } };
type OutAsset = { type: 'asset'; fileName: string; source: string | Uint8Array };

/** Prints the gzip size of what a first visit downloads, and of every lazy route chunk. */
function bundleReport(): Plugin {
  return {
    name: 'quipflip-bundle-report',
    apply: 'build',
    writeBundle(_options, bundle) {
      const items = bundle as unknown as Record<string, OutChunk | OutAsset>;
      const gz = (name: string) => {
        const it = items[name];
        if (!it) return 0;
        const src = it.type === 'chunk' ? it.code : it.source;
        return gzipSync(typeof src === 'string' ? Buffer.from(src) : Buffer.from(src)).length;
      };
      const initial = new Set<string>();
      const visit = (name: string) => {
        if (initial.has(name)) return;
        initial.add(name);
        const c = items[name];
        if (c?.type !== 'chunk') return;
        c.viteMetadata?.importedCss.forEach((css) => initial.add(css));
        c.imports.forEach(visit);
      };
      Object.values(items).forEach((c) => c.type === 'chunk' && c.isEntry && visit(c.fileName));
      const kb = (n: number) => (n / 1024).toFixed(1);
      const initialBytes = [...initial].reduce((s, n) => s + gz(n), 0);
      const lazy = Object.values(items).filter((c) => c.type === 'chunk' && !initial.has(c.fileName));
      const lazyBytes = lazy.reduce((s, c) => s + gz(c.fileName), 0);
      const ok = initialBytes / 1024 <= INITIAL_BUDGET_KB;
      console.log(
        `\nQuipflip bundle: initial load ${kb(initialBytes)} kB gzip (${initial.size} files, budget ${INITIAL_BUDGET_KB} kB ${ok ? 'OK' : 'EXCEEDED'}); ` +
          `${lazy.length} lazy chunks ${kb(lazyBytes)} kB gzip\n`,
      );
    },
  };
}

const API_PATHS = '^/(player|auth|rounds|phrasesets|phrases|quests|leaderboard|party|health|docs|openapi\\.json)(/|$|\\?)';

export default defineConfig({
  base: '/play/',
  plugins: [react(), bundleReport()],
  build: { target: 'es2022', sourcemap: false, reportCompressedSize: true },
  // `npm run dev --workspace packages/web` talks to the API on :8000 (npm run dev at the root).
  server: { proxy: { [API_PATHS]: { target: 'http://localhost:8000', changeOrigin: false } } },
});
