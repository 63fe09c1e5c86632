import { ErrorSchema } from '@quipflip/api';
import type { FastifyRequest } from 'fastify';

/** Response schemas shared by every route: any 4xx answers the error body (SPEC §1.5). */
export const errorResponses = { '4xx': ErrorSchema };

/** preValidation for routes whose body is optional: no body at all is validated as `{}`. */
export async function emptyBodyIsObject(req: FastifyRequest): Promise<void> {
  if (req.body === undefined || req.body === null) req.body = {};
}
