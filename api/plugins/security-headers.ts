import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';

// Issue 14: security headers on every answer, and CORS only for the origins configured.
// The API serves JSON, so its policy allows nothing to load and nothing to frame it; the two
// HTML pages set their own, narrower policies (the sandbox checkout in api/routes/money/
// payments.ts, the password-reset page in api/routes/accounts/password-reset-page.ts), and the
// interactive docs theirs (swagger-ui's staticCSP, api/plugins/openapi.ts).
async function securityHeaders(app: FastifyInstance, options: { corsOrigins: string[] }) {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"], frameAncestors: ["'none'"] },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  // CORS_ORIGINS empty (the default): no cross-origin calls from browsers at all.
  if (options.corsOrigins.length === 0) return;
  await app.register(cors, {
    origin: options.corsOrigins,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-request-id', 'last-event-id'],
    exposedHeaders: ['location', 'retry-after', 'x-request-id'],
    maxAge: 600,
  });
}

export default fp(securityHeaders, { name: 'security-headers', dependencies: ['problem-details'] });
