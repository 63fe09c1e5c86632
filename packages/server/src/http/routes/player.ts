import {
  BalanceResponseSchema,
  DailyBonusResponseSchema,
  PaginationQuerySchema,
  TransactionsResponseSchema,
  TutorialProgressRequestSchema,
  TutorialProgressResponseSchema,
  TutorialStatusSchema,
} from '@quipflip/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../services/deps.ts';
import * as players from '../../services/player.ts';
import { me } from '../plugins/auth.ts';
import { idem } from '../plugins/idempotency.ts';
import { errorResponses } from '../route-helpers.ts';


/** Player endpoints that need no game (SPEC §3.7, §6). */
export default async function playerRoutes(root: FastifyInstance, deps: Deps): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['player'];

  app.get('/player/balance', { schema: { tags, response: { 200: BalanceResponseSchema, ...errorResponses } } }, async (req) => players.getBalance(deps, me(req).id));

  app.post(
    '/player/claim-daily-bonus',
    { schema: { tags, response: { 200: DailyBonusResponseSchema, ...errorResponses } }, config: { idempotent: 200 } },
    async (req) => players.claimDailyBonus(deps, me(req).id, idem(req)),
  );

  app.get('/player/tutorial/status', { schema: { tags, response: { 200: TutorialStatusSchema, ...errorResponses } } }, async (req) => players.getTutorial(deps, me(req).id));

  app.post('/player/tutorial/progress', { schema: { tags, body: TutorialProgressRequestSchema, response: { 200: TutorialProgressResponseSchema, ...errorResponses } } }, async (req) =>
    players.setTutorialProgress(deps, me(req).id, req.body.progress),
  );

  app.post('/player/tutorial/reset', { schema: { tags, response: { 200: TutorialStatusSchema, ...errorResponses } } }, async (req) => players.resetTutorial(deps, me(req).id));

  app.get('/player/transactions', { schema: { tags, querystring: PaginationQuerySchema, response: { 200: TransactionsResponseSchema, ...errorResponses } } }, async (req) =>
    players.listTransactions(deps, me(req).id, req.query.limit ?? 50, req.query.offset ?? 0),
  );
}
