import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from '@fastify/type-provider-zod';

// The OpenAPI 3.1 document is generated from the routes' zod schemas: /openapi.json, and an
// interactive UI at /docs.
async function openapi(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Maslahat API',
        version: '0.1.0',
        description:
          'Paid professional consultations: accounts, documents, verification. Errors are RFC 9457 ' +
          'problem details (`application/problem+json`) with a stable `code`. POST requests that create ' +
          'something honour an `Idempotency-Key` header.',
      },
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

export default fp(openapi, { name: 'openapi' });
