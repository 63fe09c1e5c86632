import { HealthResponseSchema, RootResponseSchema } from '@quipflip/api';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../services/deps.ts';

export interface SystemInfo {
  version: string;
  redisPing?: () => Promise<void>;
}

export default async function systemRoutes(app: FastifyInstance, deps: Deps, info: SystemInfo): Promise<void> {
  const open = { public: true, rateLimit: false } as const;

  app.get('/', { schema: { tags: ['system'], security: [], response: { 200: RootResponseSchema } }, config: open }, async (req, reply) => {
    // A browser asking for the root lands in the game (SPEC §8.3).
    if ((req.headers.accept ?? '').includes('text/html')) return reply.redirect('/play/');
    return { message: 'Quipflip API', version: info.version, environment: deps.config.ENVIRONMENT, docs: '/docs', play: '/play/' };
  });

  app.get('/health', { schema: { tags: ['system'], security: [], response: { 200: HealthResponseSchema, 503: HealthResponseSchema } }, config: open }, async (_req, reply) => {
    const dbOk = await deps.database.ping().then(() => true, () => false);
    let redis: 'memory' | 'connected' | 'disconnected' = 'memory';
    if (info.redisPing) redis = await info.redisPing().then(() => 'connected' as const, () => 'disconnected' as const);
    const ok = dbOk && redis !== 'disconnected';
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'error', database: dbOk ? 'connected' : 'disconnected', redis });
  });
}
