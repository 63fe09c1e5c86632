import { ClaimQuestResponseSchema, QuestArraySchema, QuestIdParams, QuestListResponseSchema, QuestSchema } from '@quipflip/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../services/deps.ts';
import * as quests from '../../services/quests.ts';
import { me } from '../plugins/auth.ts';
import { idem } from '../plugins/idempotency.ts';
import { errorResponses } from '../route-helpers.ts';


/** Quests (SPEC §7, seed "Quest Endpoints"). */
export default async function questRoutes(root: FastifyInstance, deps: Deps): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['quests'];

  app.get('/quests', { schema: { tags, response: { 200: QuestListResponseSchema, ...errorResponses } } }, async (req) => quests.listQuests(deps, me(req).id));

  app.get('/quests/active', { schema: { tags, response: { 200: QuestArraySchema, ...errorResponses } } }, async (req) => quests.listActiveQuests(deps, me(req).id));

  app.get('/quests/claimable', { schema: { tags, response: { 200: QuestArraySchema, ...errorResponses } } }, async (req) => quests.listClaimableQuests(deps, me(req).id));

  app.get('/quests/:quest_id', { schema: { tags, params: QuestIdParams, response: { 200: QuestSchema, ...errorResponses } } }, async (req) =>
    quests.getQuest(deps, me(req).id, req.params.quest_id),
  );

  app.post(
    '/quests/:quest_id/claim',
    { schema: { tags, params: QuestIdParams, response: { 200: ClaimQuestResponseSchema, ...errorResponses } }, config: { idempotent: 200 } },
    async (req) => quests.claimQuest(deps, me(req).id, req.params.quest_id, idem(req)),
  );
}
