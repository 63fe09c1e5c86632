import { LeaderboardQuerySchema, LeaderboardResponseSchema, PlayerStatisticsSchema } from '@quipflip/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../services/deps.ts';
import { getLeaderboard } from '../../services/leaderboard.ts';
import { getStatistics } from '../../services/statistics.ts';
import { me } from '../plugins/auth.ts';
import { errorResponses } from '../route-helpers.ts';


/** Player statistics (SPEC §6, seed) and the leaderboard (beyond the seed). */
export default async function statsRoutes(root: FastifyInstance, deps: Deps): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/player/statistics', { schema: { tags: ['player'], response: { 200: PlayerStatisticsSchema, ...errorResponses } } }, async (req) => getStatistics(deps, me(req).id));

  app.get('/leaderboard', { schema: { tags: ['player'], querystring: LeaderboardQuerySchema, response: { 200: LeaderboardResponseSchema, ...errorResponses } } }, async (req) =>
    getLeaderboard(deps, me(req).id, req.query.limit ?? 10),
  );
}
