import { ClaimQuestResponseSchema, QuestListResponseSchema, QuestSchema } from '@quipflip/api';
import { expect } from 'vitest';
import { QUESTS, type QuestType } from '../../src/domain/quests/index.ts';
import type { TestApp } from '../helpers/app.ts';
import type { TestPlayer } from '../helpers/players.ts';
import { expectSchema } from '../helpers/schema.ts';
import { bal, get, ok, post } from './driver.ts';

/** Quest reads and claims over HTTP, every body checked against its schema. */

export interface QuestBody {
  quest_id: string;
  quest_type: QuestType;
  status: 'active' | 'completed' | 'claimed';
  progress: Record<string, number | string | null>;
  progress_current: number;
  progress_target: number;
  progress_percentage: number;
  reward_amount: number;
  completed_at: string | null;
  claimed_at: string | null;
}

export async function questList(t: TestApp, p: TestPlayer) {
  const b = ok(await get(t, p, '/quests'));
  expectSchema(QuestListResponseSchema, b);
  return b as { quests: QuestBody[]; total_count: number; active_count: number; completed_count: number; claimed_count: number; claimable_count: number };
}

/** The player's quest of this type, or undefined when it does not exist (yet). */
export async function questOf(t: TestApp, p: TestPlayer, type: QuestType): Promise<QuestBody | undefined> {
  return (await questList(t, p)).quests.find((q) => q.quest_type === type);
}

/** Asserts status and progress of a quest that must exist. */
export async function expectQuest(t: TestApp, p: TestPlayer, type: QuestType, status: QuestBody['status'], current?: number): Promise<QuestBody> {
  const q = await questOf(t, p, type);
  expect(q, `${type} should exist`).toBeDefined();
  expectSchema(QuestSchema, q);
  expect({ type, status: q!.status, ...(current !== undefined ? { current: q!.progress_current } : {}) }).toEqual({ type, status, ...(current !== undefined ? { current } : {}) });
  return q!;
}

export async function expectNoQuest(t: TestApp, p: TestPlayer, type: QuestType): Promise<void> {
  expect(await questOf(t, p, type), `${type} should not exist yet`).toBeUndefined();
}

/**
 * Claims a completed quest and checks the coins: the balance grows by exactly the catalogue reward,
 * the answer carries the new balance, and one `quest_reward` ledger entry references the quest.
 */
export async function claimQuest(t: TestApp, p: TestPlayer, type: QuestType) {
  const q = await expectQuest(t, p, type, 'completed');
  const before = await bal(t, p);
  const res = await post(t, p, `/quests/${q.quest_id}/claim`);
  const b = ok(res);
  expectSchema(ClaimQuestResponseSchema, b);
  const reward = QUESTS[type].reward;
  expect(b).toEqual({ success: true, quest_id: q.quest_id, quest_type: type, reward_amount: reward, new_balance: before + reward, message: 'Quest reward claimed successfully!' });
  expect(await bal(t, p)).toBe(before + reward);
  const entries = await t.database.db
    .selectFrom('ledger_entries')
    .select(['amount', 'account_kind'])
    .where('type', '=', 'quest_reward')
    .where('reference_id', '=', q.quest_id)
    .orderBy('amount')
    .execute();
  expect(entries).toEqual([
    { amount: -reward, account_kind: 'house' },
    { amount: reward, account_kind: 'player' },
  ]);
  await expectQuest(t, p, type, 'claimed');
  return b;
}
