import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { newId } from '../platform/random.ts';
import { tx, type Deps } from './deps.ts';

/**
 * The prompt library (SPEC §11.4): `content/prompts.json` is loaded into `prompts` at start. Keys are
 * the identity: new keys are inserted, changed text/category/flag/answers are updated, keys no longer in
 * the file are disabled (their rounds keep pointing at them), and a key that comes back is re-enabled.
 */

export interface PromptEntry {
  key: string;
  text: string;
  category: string;
  family_friendly: boolean;
  answers: string[];
}

export const PROMPTS_FILE = fileURLToPath(new URL('../content/prompts.json', import.meta.url));

/** Reads and checks the library file; a malformed entry fails start with a message naming it. */
export function loadPromptFile(path = PROMPTS_FILE): PromptEntry[] {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (!Array.isArray(raw)) throw new Error(`${path}: expected an array of prompts`);
  const seen = new Set<string>();
  return raw.map((e, i) => {
    const p = e as Partial<PromptEntry>;
    if (typeof p.key !== 'string' || p.key === '' || typeof p.text !== 'string' || p.text.trim() === '' || typeof p.category !== 'string' || typeof p.family_friendly !== 'boolean') {
      throw new Error(`${path}: prompt #${i} needs key, text, category and family_friendly`);
    }
    if (seen.has(p.key)) throw new Error(`${path}: duplicate prompt key "${p.key}"`);
    seen.add(p.key);
    const answers = Array.isArray(p.answers) ? p.answers.filter((a): a is string => typeof a === 'string') : [];
    return { key: p.key, text: p.text, category: p.category, family_friendly: p.family_friendly, answers };
  });
}

export interface SyncReport {
  inserted: number;
  updated: number;
  disabled: number;
  enabled: number;
}

/** Brings the `prompts` table in line with the library (one transaction; unchanged rows are not written). */
export async function syncPromptLibrary(deps: Pick<Deps, 'db' | 'logger' | 'clock'>, entries: PromptEntry[] = loadPromptFile()): Promise<SyncReport> {
  const now = deps.clock.now();
  const report: SyncReport = { inserted: 0, updated: 0, disabled: 0, enabled: 0 };
  await tx(deps, async (t) => {
    const existing = await t.db.selectFrom('prompts').selectAll().forUpdate().execute();
    const byKey = new Map(existing.map((p) => [p.key, p]));
    const wanted = new Set(entries.map((e) => e.key));
    const fresh = entries.filter((e) => !byKey.has(e.key));
    for (let i = 0; i < fresh.length; i += 500) {
      await t.db
        .insertInto('prompts')
        .values(
          fresh.slice(i, i + 500).map((e) => ({
            id: newId(),
            key: e.key,
            text: e.text,
            category: e.category,
            family_friendly: e.family_friendly,
            answers: JSON.stringify(e.answers),
            enabled: true,
            created_at: now,
          })),
        )
        .execute();
    }
    report.inserted = fresh.length;
    for (const e of entries) {
      const p = byKey.get(e.key);
      if (!p) continue;
      const changed = p.text !== e.text || p.category !== e.category || p.family_friendly !== e.family_friendly || JSON.stringify(p.answers) !== JSON.stringify(e.answers);
      if (changed || !p.enabled) {
        await t.db
          .updateTable('prompts')
          .set({ text: e.text, category: e.category, family_friendly: e.family_friendly, answers: JSON.stringify(e.answers), enabled: true })
          .where('id', '=', p.id)
          .execute();
        if (changed) report.updated++;
        if (!p.enabled) report.enabled++;
      }
    }
    const gone = existing.filter((p) => p.enabled && !wanted.has(p.key)).map((p) => p.id);
    if (gone.length > 0) await t.db.updateTable('prompts').set({ enabled: false }).where('id', 'in', gone).execute();
    report.disabled = gone.length;
  });
  if (report.inserted + report.updated + report.disabled + report.enabled > 0) deps.logger.info({ ...report }, 'prompt library synced');
  return report;
}
