import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError } from '../../domain/errors.ts';

// JSON can carry U+0000 ("\u0000"); PostgreSQL text and jsonb cannot store it. Such a body
// passes every schema and then fails in the database as a 500. One check for every route,
// before validation, so no route has to remember it. The walk is iterative: a deeply nested
// body must not overflow the stack here either.

function firstNul(body: unknown): string | null {
  const pending: Array<{ value: unknown; path: string }> = [{ value: body, path: 'body' }];
  while (pending.length > 0) {
    const { value, path } = pending.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return path;
    } else if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
      for (const [key, inner] of Object.entries(value)) {
        if (key.includes('\u0000')) return path;
        pending.push({ value: inner, path: `${path}.${key}` });
      }
    }
  }
  return null;
}

async function textGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const path = firstNul(request.body);
    if (path !== null) {
      throw new DomainError('VALIDATION_FAILED', 'Text may not contain the NUL character (U+0000).', [
        { path, message: 'contains U+0000' },
      ]);
    }
  });
}

export default fp(textGuard, { name: 'text-guard' });
