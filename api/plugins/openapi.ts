import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from '@fastify/type-provider-zod';

// The OpenAPI 3.1 document is generated from the routes' zod schemas: /openapi.json, and an
// interactive UI at /docs.

type Json = Record<string, unknown>;
interface DocumentedOperation {
  security?: unknown[];
  parameters?: Array<{ in?: string; name?: string }>;
  requestBody?: unknown;
  responses?: Record<string, Json>;
}

const PROBLEM_JSON = 'application/problem+json';

// Statuses the app answers on every route of a kind, whatever the route itself lists (issue 14):
// the auth plugin's 401 (no or bad token) and 403 (ACCOUNT_SUSPENDED, a missing role) on every
// route with `security`; validation's 400 on every route that takes input; 409 (a request with
// the same key still running) and 422 (a key reused with another body) on every route taking an
// Idempotency-Key; 503 (database or Temporal away) anywhere.
function statusesAnswered(op: DocumentedOperation): Record<string, string> {
  const idempotent = op.parameters?.some((p) => p.in === 'header' && p.name?.toLowerCase() === 'idempotency-key');
  return {
    ...((op.requestBody !== undefined || (op.parameters?.length ?? 0) > 0) && { 400: 'The request is not valid.' }),
    ...((op.security?.length ?? 0) > 0 && {
      401: 'No valid access token.',
      403: 'Not allowed: a missing role, or the account is suspended (ACCOUNT_SUSPENDED).',
    }),
    ...(idempotent && {
      409: 'A request with this Idempotency-Key is still running.',
      422: 'The Idempotency-Key was used for another request.',
    }),
    503: 'A dependency (the database or Temporal) is unavailable; retry after Retry-After.',
  };
}

const problemContent = () => ({ [PROBLEM_JSON]: { schema: { $ref: '#/components/schemas/ProblemDetails' } } });

/** Makes the document true about errors: served as application/problem+json, every answered status listed. */
export function documentProblems(document: Json): Json {
  const paths = (document.paths ?? {}) as Record<string, Record<string, DocumentedOperation>>;
  for (const item of Object.values(paths)) {
    for (const op of Object.values(item)) {
      if (!op || typeof op !== 'object' || !('responses' in op)) continue;
      const responses = (op.responses ??= {});
      for (const [status, description] of Object.entries(statusesAnswered(op))) {
        responses[status] ??= { description, content: problemContent() };
      }
      for (const [status, response] of Object.entries(responses)) {
        if (Number(status) < 400) continue;
        const content = (response.content ?? {}) as Record<string, unknown>;
        const schema = content[PROBLEM_JSON] ?? content['application/json'] ?? problemContent()[PROBLEM_JSON];
        response.content = { [PROBLEM_JSON]: schema };
      }
    }
  }
  const components = (document.components ??= {}) as { schemas?: Json };
  if (!components.schemas?.ProblemDetails) throw new Error('ProblemDetails is not in the OpenAPI components.');
  return document;
}

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
    transformObject: (input) => documentProblems(jsonSchemaTransformObject(input) as Json),
  });
  // Its own CSP (scripts and styles from itself) in place of the API-wide one (plugins/security-headers.ts).
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

export default fp(openapi, { name: 'openapi' });
