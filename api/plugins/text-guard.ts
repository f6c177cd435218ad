import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError } from '../../domain/errors.ts';

// What JSON can carry and PostgreSQL (or a recursive walk) cannot take, refused for every
// route's body before validation, so no route has to remember it (issue 14):
//   - U+0000 ("\u0000"): PostgreSQL text and jsonb cannot store it;
//   - a lone UTF-16 surrogate ("\ud800"): not a character, so not valid UTF-8 for PostgreSQL;
//   - nesting deeper than MAX_JSON_DEPTH: no body of this API is deeper, and a form nested
//     10,000 levels fails in serialisation and in the database.
// Each would pass the route's schema and then fail later as a 500. The walk is iterative, so
// a deeply nested body cannot overflow the stack here either; keys are checked like values.

export const MAX_JSON_DEPTH = 64;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

interface TextProblem {
  path: string;
  message: string;
  detail: string;
}

function textProblem(text: string, path: string): TextProblem | null {
  if (text.includes('\u0000')) return { path, message: 'contains U+0000', detail: 'Text may not contain the NUL character (U+0000).' };
  if (LONE_SURROGATE.test(text)) {
    return {
      path,
      message: 'contains a lone UTF-16 surrogate',
      detail: 'Text must be valid Unicode: a lone UTF-16 surrogate is not a character.',
    };
  }
  return null;
}

function bodyProblem(body: unknown): TextProblem | null {
  const pending: Array<{ value: unknown; path: string; depth: number }> = [{ value: body, path: 'body', depth: 0 }];
  while (pending.length > 0) {
    const { value, path, depth } = pending.pop()!;
    if (typeof value === 'string') {
      const problem = textProblem(value, path);
      if (problem) return problem;
    } else if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
      if (depth >= MAX_JSON_DEPTH) {
        return {
          path: 'body',
          message: `nests deeper than ${MAX_JSON_DEPTH} levels`,
          detail: `A JSON body may nest at most ${MAX_JSON_DEPTH} levels.`,
        };
      }
      for (const [key, inner] of Object.entries(value)) {
        const problem = textProblem(key, path);
        if (problem) return problem;
        pending.push({ value: inner, path: `${path}.${key}`, depth: depth + 1 });
      }
    }
  }
  return null;
}

async function textGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const problem = bodyProblem(request.body);
    if (problem) throw new DomainError('VALIDATION_FAILED', problem.detail, [{ path: problem.path, message: problem.message }]);
  });
}

export default fp(textGuard, { name: 'text-guard' });
