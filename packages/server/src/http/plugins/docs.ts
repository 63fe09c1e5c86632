import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import scalar from '@scalar/fastify-api-reference';
import type { FastifyInstance } from 'fastify';

/** /openapi.json, /docs (Swagger UI) and /redoc (Scalar reference), all served from local packages (offline). */
export async function registerDocs(app: FastifyInstance, version: string): Promise<void> {
  // The documentation pages and their assets are public (SPEC §2.5).
  app.addHook('onRoute', (r) => {
    if (r.url.startsWith('/docs') || r.url.startsWith('/redoc')) r.config = { ...(r.config ?? {}), public: true };
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Quipflip API', version, description: 'Core game and Party Mode API. Errors are {"detail", "code", "message"?}.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', logLevel: 'warn' });
  await app.register(scalar, {
    routePrefix: '/redoc',
    logLevel: 'warn',
    // The page loads ./js/scalar.js, which this plugin serves from the package (no CDN); default fonts
    // would come from fonts.scalar.com, so they are off.
    configuration: { url: '/openapi.json', withDefaultFonts: false, pageTitle: 'Quipflip API reference' },
  });
  app.get('/openapi.json', { schema: { hide: true }, config: { public: true, rateLimit: false } }, async () => app.swagger());
}
