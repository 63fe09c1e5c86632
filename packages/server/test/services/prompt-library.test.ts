import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPromptFile, syncPromptLibrary, type PromptEntry } from '../../src/services/prompt-library.ts';
import { createTestApp, expectLedgerBalanced, type TestApp } from '../helpers/app.ts';
import { bal, expectErr, players, post, startPrompt, QUIET_AI } from '../helpers/game.ts';

/** The prompt library (SPEC §11.4) and prompt dealing (SPEC §5.2). */

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ config: QUIET_AI });
});
afterAll(async () => t.close());

const rows = () => t.database.db.selectFrom('prompts').select(['id', 'key', 'text', 'category', 'family_friendly', 'answers', 'enabled']).orderBy('key').execute();
const entry = (key: string, text = `prompt ${key} is`, extra: Partial<PromptEntry> = {}): PromptEntry => ({ key, text, category: 'test', family_friendly: true, answers: ['BANANA'], ...extra });

describe('syncPromptLibrary', () => {
  it('loads the shipped library at install (at least 300 prompts, all enabled, with answers)', async () => {
    const file = loadPromptFile();
    expect(file.length).toBeGreaterThanOrEqual(300);
    const all = await rows();
    expect(all).toHaveLength(file.length);
    expect(all.every((p) => p.enabled)).toBe(true);
    const sample = all.find((p) => p.key === file[0]!.key)!;
    expect(sample).toMatchObject({ text: file[0]!.text, category: file[0]!.category, family_friendly: file[0]!.family_friendly, answers: file[0]!.answers });
    // A second sync of the same file changes nothing.
    expect(await syncPromptLibrary(t.deps)).toEqual({ inserted: 0, updated: 0, disabled: 0, enabled: 0 });
  });

  it('inserts new keys, updates changed ones, disables removed ones and re-enables returning ones; ids are stable', async () => {
    const before = await rows();
    const idOf = (key: string) => before.find((p) => p.key === key)?.id;
    const keep = before.slice(0, 2);
    const edited = entry(keep[1]!.key, 'a brand new text for', { category: 'changed', family_friendly: false, answers: ['GUITAR', 'PENGUIN'] });
    const r1 = await syncPromptLibrary(t.deps, [entry(keep[0]!.key, keep[0]!.text, { category: keep[0]!.category, family_friendly: keep[0]!.family_friendly, answers: keep[0]!.answers as string[] }), edited, entry('zz-new')]);
    expect(r1).toEqual({ inserted: 1, updated: 1, disabled: before.length - 2, enabled: 0 });
    const after = await rows();
    expect(after.filter((p) => p.enabled).map((p) => p.key).sort()).toEqual([keep[0]!.key, keep[1]!.key, 'zz-new'].sort());
    expect(after.find((p) => p.key === keep[1]!.key)).toMatchObject({ id: idOf(keep[1]!.key), text: 'a brand new text for', category: 'changed', family_friendly: false, answers: ['GUITAR', 'PENGUIN'] });
    // Back to the shipped file: the removed keys come back (same ids), the extra key is disabled.
    const r2 = await syncPromptLibrary(t.deps);
    expect(r2).toEqual({ inserted: 0, updated: 1, disabled: 1, enabled: before.length - 2 });
    const restored = await rows();
    expect(restored.filter((p) => p.enabled)).toHaveLength(before.length);
    expect(restored.find((p) => p.key === 'zz-new')!.enabled).toBe(false);
    for (const p of before) expect(restored.find((r) => r.key === p.key)!.id).toBe(p.id);
  });

  it('refuses a malformed library file', () => {
    expect(() => loadPromptFile('/dev/null')).toThrow();
  });
});

describe('dealing prompts (SPEC §5.2)', () => {
  it('deals only enabled prompts, never the same one twice until all are seen, then any', async () => {
    await syncPromptLibrary(t.deps, [entry('d-one', 'the first thing is'), entry('d-two', 'the second thing is'), entry('d-three', 'the third thing is')]);
    try {
      const [p] = await players(t, 1, 'deal', 'full');
      const seen: string[] = [];
      for (let i = 0; i < 3; i++) {
        const r = await startPrompt(t, p!);
        seen.push(r.prompt_text);
        expect((await post(t, p!, `/rounds/${r.round_id}/abandon`)).statusCode).toBe(200);
      }
      expect([...seen].sort()).toEqual(['the first thing is', 'the second thing is', 'the third thing is']);
      const again = await startPrompt(t, p!);
      expect(seen).toContain(again.prompt_text);
      await post(t, p!, `/rounds/${again.round_id}/abandon`);
      expect(await bal(t, p!)).toBe(5000 - 4 * 5);
    } finally {
      await syncPromptLibrary(t.deps);
    }
    await expectLedgerBalanced(t.database);
  });

  it('an empty library answers no_prompts_available (never a 500) and charges nothing', async () => {
    await syncPromptLibrary(t.deps, []);
    try {
      const [p] = await players(t, 1, 'empty');
      expectErr(await post(t, p!, '/rounds/prompt'), 400, 'no_prompts_available');
      expect(await bal(t, p!)).toBe(5000);
    } finally {
      await syncPromptLibrary(t.deps);
    }
  });
});
