import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createGuest } from '../helpers/players.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('maintenance job', () => {
  it('drops expired idempotency keys and refresh tokens every hour and keeps live ones', async () => {
    const p = await createGuest(t);
    const now = t.clock.now();
    const row = (key: string, expires: Date) => ({ player_id: p.id, key, fingerprint: 'f', status: 200, response: '{}', created_at: now, expires_at: expires });
    await t.database.db
      .insertInto('idempotency_keys')
      .values([row('old', new Date(now.getTime() + 30 * 60_000)), row('live', new Date(now.getTime() + 48 * 3_600_000))])
      .execute();
    const tokensBefore = await t.database.db.selectFrom('refresh_tokens').select('id').where('player_id', '=', p.id).execute();
    expect(tokensBefore).toHaveLength(1);

    t.clock.advanceSeconds(3600);
    await t.scheduler.runDue();
    const keys = await t.database.db.selectFrom('idempotency_keys').select('key').where('player_id', '=', p.id).execute();
    expect(keys.map((k) => k.key)).toEqual(['live']);
    // The guest's refresh token (30 days) is still valid, so it stays; the job rescheduled itself.
    expect(await t.database.db.selectFrom('refresh_tokens').select('id').where('player_id', '=', p.id).execute()).toHaveLength(1);
    const next = await t.database.db.selectFrom('scheduled_jobs').select(['due_at']).where('dedupe_key', '=', 'maintenance').executeTakeFirstOrThrow();
    expect(next.due_at.getTime()).toBe(t.clock.now().getTime() + 3_600_000);

    t.clock.advanceSeconds(31 * 86_400);
    await t.scheduler.runDue();
    expect(await t.database.db.selectFrom('refresh_tokens').select('id').where('player_id', '=', p.id).execute()).toHaveLength(0);
  });
});
