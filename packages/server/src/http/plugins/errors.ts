import type { FastifyError, FastifyInstance } from 'fastify';
import { DomainError } from '../../domain/errors.ts';
import { errorDetail, errorStatus } from '../error-map.ts';

export interface ErrorBody {
  detail: string;
  code: string;
  message?: string;
  [k: string]: unknown;
}

/** The body for a DomainError: table detail (or the error's own sentence), code, message and context. */
export function domainErrorBody(e: DomainError): { status: number; body: ErrorBody } {
  const { detail, message, ...context } = e.context;
  const body: ErrorBody = { detail: detail ?? errorDetail(e.code), code: e.code, ...context };
  if (message !== undefined) body.message = message;
  return { status: errorStatus(e.code), body };
}

type ValidationItem = { instancePath?: string; message?: string; params?: Record<string, unknown> };

/** Names the failing field, e.g. "body.email: must NOT have fewer than 3 characters". */
function validationDetail(err: FastifyError & { validation?: ValidationItem[]; validationContext?: string }): string {
  const first = err.validation?.[0];
  if (!first) return err.message;
  const path = (first.instancePath ?? '').split('/').filter(Boolean).join('.');
  const missing = first.params?.missingProperty as string | undefined;
  const extra = first.params?.additionalProperty as string | undefined;
  const field = [err.validationContext ?? 'body', path, missing ?? extra].filter(Boolean).join('.');
  const why = extra ? 'is not allowed' : missing ? 'is required' : (first.message ?? 'is invalid');
  return `${field}: ${why}`;
}

/** The one error handler (DESIGN §3.10): every failure answers {detail, code, ...}; internals never leak. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError & { validation?: ValidationItem[]; validationContext?: string }, req, reply) => {
    if (err instanceof DomainError) {
      const { status, body } = domainErrorBody(err);
      return reply.code(status).send(body);
    }
    if (err.validation) {
      return reply.code(400).send({ detail: validationDetail(err), code: 'validation_error' });
    }
    if (err.statusCode === 429) {
      return reply.code(429).send({ detail: errorDetail('rate_limited'), code: 'rate_limited' });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Fastify's own request errors (bad JSON, wrong content type, body too large): the client's fault.
      const detail = err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'Unsupported content type: send application/json' : err.message;
      return reply.code(err.statusCode === 415 || err.statusCode === 413 ? err.statusCode : 400).send({ detail, code: 'validation_error' });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send({ detail: 'Internal Server Error', code: 'internal_error' });
  });

  app.setNotFoundHandler((_req, reply) => {
    reply.code(404).send({ detail: 'Not Found', code: 'not_found' });
  });
}
