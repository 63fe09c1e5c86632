import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/errors.ts';
import { errorDetail, errorStatus } from '../error-map.ts';

export interface ErrorBody {
  detail: string;
  code: string;
  message?: string;
  [k: string]: unknown;
}

const INTERNAL: ErrorBody = { detail: 'Internal Server Error', code: 'internal_error' };

/**
 * The body for a DomainError: table detail (or the error's own sentence), code, message and context.
 * A code missing from the table is a bug: it answers the plain 500 body, never the code or its context.
 */
export function domainErrorBody(e: DomainError): { status: number; body: ErrorBody } {
  const status = errorStatus(e.code);
  if (status >= 500 && e.code !== 'service_unavailable') return { status: 500, body: { ...INTERNAL } };
  const { detail, message, ...context } = e.context;
  const body: ErrorBody = { detail: detail ?? errorDetail(e.code), code: e.code, ...context };
  if (message !== undefined) body.message = message;
  return { status, body };
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

/** A client-facing sentence for Fastify's own request errors (their messages carry no internals). */
function clientErrorDetail(err: FastifyError): string {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Unsupported content type: send application/json';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'Request body is too large';
    case 'FST_ERR_BAD_URL':
      return 'Malformed URL';
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return 'URL path parameter is too long';
    default:
      return err.message;
  }
}

/**
 * Fastify's `frameworkErrors` option: errors raised before routing (a malformed URL such as
 * `/player/%E0%A4%A`, an over-long path parameter) otherwise answer Fastify's own body
 * `{error, code, message, statusCode}`. Wire as `Fastify({ frameworkErrors })`.
 */
export function frameworkErrors(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    void reply.code(400).send({ detail: clientErrorDetail(err), code: 'validation_error' });
    return;
  }
  void reply.code(500).send({ ...INTERNAL });
}

/** The one error handler (DESIGN §3.10): every failure answers {detail, code, ...}; internals never leak. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError & { validation?: ValidationItem[]; validationContext?: string }, req, reply) => {
    if (err instanceof DomainError) {
      const { status, body } = domainErrorBody(err);
      if (status === 500) req.log.error({ err }, 'domain error with an unmapped code');
      return reply.code(status).send(body);
    }
    if (err.validation) {
      return reply.code(400).send({ detail: validationDetail(err), code: 'validation_error' });
    }
    if (err.statusCode === 429) {
      return reply.code(429).send({ detail: errorDetail('rate_limited'), code: 'rate_limited' });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Fastify's own request errors (bad JSON, wrong content type, body too large): the client's fault,
      // and Appendix A has one status for them: 400 validation_error (never 413/415/422).
      return reply.code(400).send({ detail: clientErrorDetail(err), code: 'validation_error' });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send({ ...INTERNAL });
  });

  app.setNotFoundHandler((_req, reply) => {
    reply.code(404).send({ detail: 'Not Found', code: 'not_found' });
  });
}
