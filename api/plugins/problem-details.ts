import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from '@fastify/type-provider-zod';
import { DomainError, type FieldError } from '../../domain/errors.ts';
import { isDatabaseUnavailable } from '../../infra/db-errors.ts';

// One error format for every 4xx/5xx: RFC 9457 problem details with a stable `code`.
// 5xx details are masked: the client gets the request id to quote, the log gets the cause.

interface Problem {
  status: number;
  code: string;
  title: string;
  detail: string;
  errors?: FieldError[];
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: Problem) {
  return reply
    .code(problem.status)
    .type('application/problem+json')
    .serializer(JSON.stringify)
    .send({
      type: `https://maslahat.uz/problems/${problem.code.toLowerCase().replace(/_/g, '-')}`,
      title: problem.title,
      status: problem.status,
      detail: problem.detail,
      instance: request.url.split('?')[0],
      code: problem.code,
      requestId: String(request.id),
      ...(problem.errors && { errors: problem.errors }),
    });
}

// A dependency that is away is usually back within seconds (a Temporal restart, a failover).
const DEPENDENCY_RETRY_AFTER_SECONDS = 5;

function retryAfterOf(error: Error): number | undefined {
  if (isDatabaseUnavailable(error)) return DEPENDENCY_RETRY_AFTER_SECONDS;
  if (!(error instanceof DomainError)) return undefined;
  return error.retryAfterSeconds ?? (error.code === 'DEPENDENCY_UNAVAILABLE' ? DEPENDENCY_RETRY_AFTER_SECONDS : undefined);
}

function toProblem(error: FastifyError | DomainError | Error): Problem {
  if (error instanceof DomainError) {
    const base = { status: error.status, code: error.code, title: TITLES[error.status] ?? 'Error', detail: error.message };
    return error.fieldErrors ? { ...base, errors: error.fieldErrors } : base;
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    // Typed here: the plugin's own declaration of an issue does not resolve under NodeNext.
    const errors = error.validation.map((issue: FastifySchemaValidationError) => ({
      path: [error.validationContext, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
      message: issue.message ?? 'is invalid',
    }));
    return { status: 400, code: 'VALIDATION_FAILED', title: TITLES[400]!, detail: 'The request is not valid; see `errors`.', errors };
  }
  const status = (error as FastifyError).statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    // Fastify's own client errors: malformed JSON, wrong content type, body too large …
    const code = (error as FastifyError).code?.replace(/^FST_ERR_/, '') ?? 'BAD_REQUEST';
    return { status, code, title: TITLES[status] ?? 'Bad Request', detail: error.message };
  }
  if (isDatabaseUnavailable(error)) {
    // Issue 14: PostgreSQL refusing or dropping connections is an outage to wait out, not a bug.
    return {
      status: 503,
      code: 'DEPENDENCY_UNAVAILABLE',
      title: TITLES[503]!,
      detail: 'The database cannot be reached right now; retry after the time in Retry-After.',
    };
  }
  return { status: 500, code: 'INTERNAL', title: TITLES[500]!, detail: 'Something went wrong on our side; quote the request id.' };
}

// Errors the router meets before any route or error handler runs (a path parameter longer
// than maxParamLength → 414, percent-encoding that is not UTF-8 → 400). Without this Fastify
// answers them with its own plain JSON; passed to Fastify's `frameworkErrors` option in api/app.ts.
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  // Fastify ignores this hook's result; the reply is thenable only for handlers that await it.
  void sendProblem(request, reply, toProblem(error));
}

async function problemDetails(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: problem.code, status: problem.status }, 'request refused');
    if (problem.status === 503) request.log.warn({ cause: error instanceof DomainError ? error.cause : error }, 'dependency unavailable');
    const retryAfter = retryAfterOf(error);
    if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
    return sendProblem(request, reply, problem);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, {
      status: 404,
      code: 'ROUTE_NOT_FOUND',
      title: 'Not Found',
      detail: `No route ${request.method} ${request.url.split('?')[0]}.`,
    }),
  );
}

export default fp(problemDetails, { name: 'problem-details' });
