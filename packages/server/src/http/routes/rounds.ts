import {
  AbandonRoundResponseSchema,
  GetPromptFeedbackResponseSchema,
  PromptFeedbackRequestSchema,
  PromptFeedbackResponseSchema,
  RoundIdParams,
  StartCopyRoundRequestSchema,
  StartCopyRoundResponseSchema,
  StartPromptRoundResponseSchema,
  StartVoteRoundResponseSchema,
  SubmitPhraseRequestSchema,
  SubmitPhraseResponseSchema,
} from '@quipflip/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../services/deps.ts';
import * as rounds from '../../services/rounds.ts';
import { me } from '../plugins/auth.ts';
import { idem } from '../plugins/idempotency.ts';
import { errorResponses, emptyBodyIsObject } from '../route-helpers.ts';


/** Solo round actions (SPEC §5; seed "Round Endpoints"). The read views live in views.ts. */
export default async function roundRoutes(root: FastifyInstance, deps: Deps): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['rounds'];
  const paid = { idempotent: 200 };

  app.post('/rounds/prompt', { schema: { tags, response: { 200: StartPromptRoundResponseSchema, ...errorResponses } }, config: paid }, async (req) =>
    rounds.startPromptRound(deps, me(req).id, idem(req)),
  );

  app.post(
    '/rounds/copy',
    { schema: { tags, body: StartCopyRoundRequestSchema, response: { 200: StartCopyRoundResponseSchema, ...errorResponses } }, config: paid, preValidation: emptyBodyIsObject },
    async (req) => rounds.startCopyRound(deps, me(req).id, { expectedCost: req.body.expected_cost }, idem(req)),
  );

  app.post('/rounds/vote', { schema: { tags, response: { 200: StartVoteRoundResponseSchema, ...errorResponses } }, config: paid }, async (req) =>
    rounds.startVoteRound(deps, me(req).id, idem(req)),
  );

  app.post(
    '/rounds/:round_id/submit',
    { schema: { tags, params: RoundIdParams, body: SubmitPhraseRequestSchema, response: { 200: SubmitPhraseResponseSchema, ...errorResponses } }, config: paid },
    async (req) => rounds.submitRound(deps, me(req).id, req.params.round_id, req.body.phrase, idem(req)),
  );

  app.post(
    '/rounds/:round_id/abandon',
    { schema: { tags, params: RoundIdParams, response: { 200: AbandonRoundResponseSchema, ...errorResponses } }, config: paid },
    async (req) => rounds.abandonRound(deps, me(req).id, req.params.round_id, idem(req)),
  );

  app.post(
    '/rounds/:round_id/feedback',
    { schema: { tags, params: RoundIdParams, body: PromptFeedbackRequestSchema, response: { 200: PromptFeedbackResponseSchema, ...errorResponses } }, config: paid },
    async (req) => rounds.submitPromptFeedback(deps, me(req).id, req.params.round_id, req.body.feedback_type, idem(req)),
  );

  app.get('/rounds/:round_id/feedback', { schema: { tags, params: RoundIdParams, response: { 200: GetPromptFeedbackResponseSchema, ...errorResponses } } }, async (req) =>
    rounds.getPromptFeedback(deps, me(req).id, req.params.round_id),
  );
}
