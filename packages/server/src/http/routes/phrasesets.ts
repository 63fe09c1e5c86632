import { ClaimPrizeResponseSchema, PhrasesetIdParams, PhrasesetResultsResponseSchema, VoteRequestSchema, VoteResponseSchema } from '@quipflip/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../services/deps.ts';
import * as phrasesets from '../../services/phrasesets.ts';
import { me } from '../plugins/auth.ts';
import { idem } from '../plugins/idempotency.ts';
import { extraBucket } from '../plugins/rate-limit.ts';
import { errorResponses } from '../route-helpers.ts';


/** Voting, results and prize claims (SPEC §3.5, §5.6; seed "Phraseset Endpoints"). `details` lives in views.ts. */
export default async function phrasesetRoutes(root: FastifyInstance, deps: Deps): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['phrasesets'];

  app.post(
    '/phrasesets/:phraseset_id/vote',
    {
      schema: { tags, params: PhrasesetIdParams, body: VoteRequestSchema, response: { 200: VoteResponseSchema, ...errorResponses } },
      config: { idempotent: 200 },
      // The vote bucket (20 / 60 s per player, SPEC §8.1), on top of the general one.
      preHandler: extraBucket(app, deps.config, 'votes', deps.config.RATE_LIMIT_VOTES),
    },
    async (req) => phrasesets.submitVote(deps, me(req).id, req.params.phraseset_id, req.body.phrase, idem(req)),
  );

  app.get(
    '/phrasesets/:phraseset_id/results',
    { schema: { tags, params: PhrasesetIdParams, response: { 200: PhrasesetResultsResponseSchema, ...errorResponses } } },
    async (req) => phrasesets.getPhrasesetResults(deps, me(req).id, req.params.phraseset_id),
  );

  app.post(
    '/phrasesets/:phraseset_id/claim',
    { schema: { tags, params: PhrasesetIdParams, response: { 200: ClaimPrizeResponseSchema, ...errorResponses } }, config: { idempotent: 200 } },
    async (req) => phrasesets.claimPhrasesetPrize(deps, me(req).id, req.params.phraseset_id, idem(req)),
  );
}
