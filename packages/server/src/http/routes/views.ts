import {
  CurrentRoundResponseSchema,
  DashboardResponseSchema,
  PendingResultsResponseSchema,
  PhrasesetDetailsSchema,
  PhrasesetIdParams,
  PhrasesetListQuerySchema,
  PhrasesetListResponseSchema,
  PhrasesetSummarySchema,
  RoundAvailabilitySchema,
  RoundDetailsSchema,
  RoundIdParams,
  UnclaimedResultsResponseSchema,
} from '@quipflip/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../services/deps.ts';
import * as views from '../../services/views.ts';
import { me } from '../plugins/auth.ts';
import { errorResponses } from '../route-helpers.ts';


/**
 * Read views of the solo game (SPEC §5.10, §6, seed phraseset `/details`). GET /rounds/available is a
 * static path, so it wins over GET /rounds/:round_id in fastify's router whatever the order.
 */
export default async function viewRoutes(root: FastifyInstance, deps: Deps): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const player = ['player'];
  const rounds = ['rounds'];

  app.get('/player/current-round', { schema: { tags: player, response: { 200: CurrentRoundResponseSchema, ...errorResponses } } }, async (req) =>
    views.getCurrentRound(deps, me(req).id),
  );

  app.get('/player/pending-results', { schema: { tags: player, response: { 200: PendingResultsResponseSchema, ...errorResponses } } }, async (req) =>
    views.getPendingResults(deps, me(req).id),
  );

  app.get(
    '/player/phrasesets',
    { schema: { tags: player, querystring: PhrasesetListQuerySchema, response: { 200: PhrasesetListResponseSchema, ...errorResponses } } },
    async (req) =>
      views.listPhrasesets(deps, me(req).id, {
        role: req.query.role ?? 'all',
        status: req.query.status ?? 'all',
        limit: req.query.limit ?? 50,
        offset: req.query.offset ?? 0,
      }),
  );

  app.get('/player/phrasesets/summary', { schema: { tags: player, response: { 200: PhrasesetSummarySchema, ...errorResponses } } }, async (req) =>
    views.getPhrasesetSummary(deps, me(req).id),
  );

  app.get('/player/unclaimed-results', { schema: { tags: player, response: { 200: UnclaimedResultsResponseSchema, ...errorResponses } } }, async (req) =>
    views.getUnclaimedResults(deps, me(req).id),
  );

  app.get('/player/dashboard', { schema: { tags: player, response: { 200: DashboardResponseSchema, ...errorResponses } } }, async (req) =>
    views.getDashboard(deps, me(req).id),
  );

  app.get('/rounds/available', { schema: { tags: rounds, response: { 200: RoundAvailabilitySchema, ...errorResponses } } }, async (req) =>
    views.getRoundAvailability(deps, me(req).id),
  );

  app.get('/rounds/:round_id', { schema: { tags: rounds, params: RoundIdParams, response: { 200: RoundDetailsSchema, ...errorResponses } } }, async (req) =>
    views.getRoundDetails(deps, me(req).id, req.params.round_id),
  );

  app.get(
    '/phrasesets/:phraseset_id/details',
    { schema: { tags: ['phrasesets'], params: PhrasesetIdParams, response: { 200: PhrasesetDetailsSchema, ...errorResponses } } },
    async (req) => views.getPhrasesetDetails(deps, me(req).id, req.params.phraseset_id),
  );
}
