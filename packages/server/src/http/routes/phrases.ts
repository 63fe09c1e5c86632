import { ErrorSchema, ValidatePhraseRequestSchema, ValidatePhraseResponseSchema } from '@quipflip/api';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../services/deps.ts';
import { checkPhrase } from '../../services/phrase-check.ts';
import { me } from '../plugins/auth.ts';

/**
 * `POST /phrases/validate` (SPEC §4.7): the rules a submission of that round would apply, as a dry
 * run for clients to call while the player types. Charges nothing and changes nothing; it counts
 * against the normal per-player rate limit.
 */
export default async function phraseRoutes(root: FastifyInstance, deps: Deps): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/phrases/validate',
    { schema: { tags: ['rounds'], body: ValidatePhraseRequestSchema, response: { 200: ValidatePhraseResponseSchema, '4xx': ErrorSchema } } },
    async (req) => checkPhrase(deps, me(req).id, req.body.phrase, req.body.round_id),
  );
}
