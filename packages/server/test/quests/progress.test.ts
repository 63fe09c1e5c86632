import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPlayer } from '../../src/services/accounts.ts';
import { emitGameEvent, tx, type GameEvent } from '../../src/services/deps.ts';
import { listQuests } from '../../src/services/quests.ts';
import { createTestApp, expectLedgerBalanced, type TestApp } from '../helpers/app.ts';
import { registerPlayer, type TestPlayer } from '../helpers/players.ts';

/**
 * The quest hook in its own right: events reported inside a transaction move progress in that
 * transaction (a rolled-back action leaves no progress), a repeated event counts once, and AI
 * accounts have no quests. Full games over HTTP are in test/http/quests*.test.ts.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const emit = (event: GameEvent) => tx(t.deps, (x) => emitGameEvent(t.deps, x, event, t.clock.now()));
const quest = async (playerId: string, type: string) => (await listQuests(t.deps, playerId)).quests.find((q) => q.quest_type === type);
const rows = (playerId: string) => t.database.db.selectFrom('quests').selectAll().where('player_id', '=', playerId).execute();

describe('quest progress hook', () => {
  let p: TestPlayer;
  beforeAll(async () => {
    p = await registerPlayer(t);
  });

  it('creates the starting quests on the first event, before any read', async () => {
    expect(await rows(p.id)).toHaveLength(0);
    const roundId = randomUUID();
    await emit({ type: 'round_submitted', playerId: p.id, roundType: 'prompt', roundId, partySessionId: null });
    expect((await rows(p.id)).map((r) => r.quest_type).sort()).toEqual(
      ['balanced_player', 'feedback_contributor_10', 'hot_streak_5', 'login_streak_7', 'milestone_copies_100', 'milestone_prompts_50', 'milestone_votes_100', 'round_completion_5'],
    );
    expect(await quest(p.id, 'milestone_prompts_50')).toMatchObject({ progress_current: 1, progress: { prompts_submitted: 1, target: 50 } });
    // The same action reported twice counts once.
    await emit({ type: 'round_submitted', playerId: p.id, roundType: 'prompt', roundId, partySessionId: null });
    expect(await quest(p.id, 'milestone_prompts_50')).toMatchObject({ progress_current: 1 });
    expect(await quest(p.id, 'round_completion_5')).toMatchObject({ progress_current: 1 });
  });

  it('progress is part of the action: a rolled-back transaction leaves none', async () => {
    await expect(
      tx(t.deps, async (x) => {
        await emitGameEvent(t.deps, x, { type: 'round_submitted', playerId: p.id, roundType: 'copy', roundId: randomUUID(), partySessionId: null }, t.clock.now());
        throw new Error('action failed after the event');
      }),
    ).rejects.toThrow('action failed');
    expect(await quest(p.id, 'milestone_copies_100')).toMatchObject({ progress_current: 0 });
  });

  it('vote rounds count through vote_cast only (once per voter and phraseset)', async () => {
    const phrasesetId = randomUUID();
    await emit({ type: 'round_submitted', playerId: p.id, roundType: 'vote', roundId: randomUUID(), partySessionId: null });
    await emit({ type: 'vote_cast', playerId: p.id, phrasesetId, correct: true });
    await emit({ type: 'vote_cast', playerId: p.id, phrasesetId, correct: true });
    expect(await quest(p.id, 'milestone_votes_100')).toMatchObject({ progress_current: 1 });
    expect(await quest(p.id, 'hot_streak_5')).toMatchObject({ progress_current: 1 });
    expect(await quest(p.id, 'round_completion_5')).toMatchObject({ progress_current: 2 });
  });

  it('feedback counts once per prompt round (changing it is not new feedback)', async () => {
    const roundId = randomUUID();
    await emit({ type: 'feedback_given', playerId: p.id, roundId });
    await emit({ type: 'feedback_given', playerId: p.id, roundId });
    expect(await quest(p.id, 'feedback_contributor_10')).toMatchObject({ progress_current: 1, progress: { feedback_given: 1, target: 10 } });
  });

  it('AI accounts have no quests: their events change nothing and their list is empty', async () => {
    const ai = await tx(t.deps, (x) => insertPlayer(t.deps, x, { email: null, passwordHash: null, isGuest: false, isAi: true }));
    await emit({ type: 'round_submitted', playerId: ai.id, roundType: 'prompt', roundId: randomUUID(), partySessionId: null });
    await emit({ type: 'vote_cast', playerId: ai.id, phrasesetId: randomUUID(), correct: true });
    expect(await rows(ai.id)).toHaveLength(0);
    expect(await listQuests(t.deps, ai.id)).toEqual({ quests: [], total_count: 0, active_count: 0, completed_count: 0, claimed_count: 0, claimable_count: 0 });
    const n = await t.database.db.selectFrom('quest_actions').select('kind').where('player_id', '=', ai.id).execute();
    expect(n).toHaveLength(0);
    await expectLedgerBalanced(t.database);
  });
});
