import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/errors.ts';
import type { Deps } from '../../services/deps.ts';
import { touchPlayer, type AuthedPlayer } from '../../services/player.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set for authenticated routes; public routes (config.public) leave it null. */
    player: AuthedPlayer | null;
  }
  interface FastifyContextConfig {
    /** No access token needed (SPEC §2.5 lists the public endpoints). */
    public?: boolean;
  }
}

/** The caller; only valid on authenticated routes. */
export function me(req: FastifyRequest): AuthedPlayer {
  if (!req.player) throw new DomainError('missing_credentials');
  return req.player;
}

/** Reads `Authorization: Bearer` (REST reads only the header, SPEC §2.4) and loads the player. */
export function registerAuth(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('player', null);
  app.addHook('onRequest', async (req) => {
    if (req.routeOptions.config?.public || !req.routeOptions.url) return;
    const header = req.headers.authorization;
    if (!header) throw new DomainError('missing_credentials');
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw new DomainError('invalid_token');
    const claims = await deps.tokens.verify(m[1]!, deps.clock.now(), ['access']);
    const p = await touchPlayer(deps, claims.sub);
    if (!p) throw new DomainError('invalid_token');
    req.player = p;
  });
}
