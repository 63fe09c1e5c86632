import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/errors.ts';
import type { Deps } from '../../services/deps.ts';
import { beginIdempotent, finishIdempotent, requestFingerprint, type IdempotencyScope } from '../../services/idempotency.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when the request carries an Idempotency-Key on an idempotent route; pass it to the service. */
    idem: IdempotencyScope | undefined;
  }
  interface FastifyContextConfig {
    /** Paid or state-changing action accepting `Idempotency-Key` (SPEC §1.7); the value is its success status. */
    idempotent?: number;
  }
}

export const idem = (req: FastifyRequest): IdempotencyScope | undefined => req.idem;

export function registerIdempotency(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('idem', undefined);
  app.addHook('preHandler', async (req, reply) => {
    const successStatus = req.routeOptions.config?.idempotent;
    const key = req.headers['idempotency-key'];
    if (!successStatus || key === undefined || !req.player) return;
    if (typeof key !== 'string' || key.length < 1 || key.length > 200) {
      throw new DomainError('validation_error', { detail: 'header.idempotency-key: must be 1 to 200 characters' });
    }
    const path = req.url.split('?')[0] ?? req.url;
    const start = await beginIdempotent(deps, req.player.id, key, requestFingerprint(req.method, path, req.body), successStatus);
    if (start.kind === 'replay') {
      reply.header('idempotent-replayed', 'true');
      return reply.code(start.status).send(start.body);
    }
    req.idem = start.scope;
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (!req.idem) return payload;
    let body: unknown = null;
    try {
      body = typeof payload === 'string' && payload.length > 0 ? JSON.parse(payload) : null;
    } catch {
      body = null;
    }
    // A 429 (a route's own bucket, e.g. votes, runs after the key was claimed) says "not now", not
    // "no": storing it would replay the refusal for 24 h. Free the key like a 5xx so a retry can run.
    const status = reply.statusCode === 429 ? 503 : reply.statusCode;
    await finishIdempotent(deps, req.idem, status, body);
    return payload;
  });
}
