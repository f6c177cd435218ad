import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack.ts';

// Issue 14 "API document": error responses are served as application/problem+json and every
// status the app answers (401/403 wherever auth applies, 400, 409/422 on Idempotency-Key routes,
// 503) is documented, so a client generated from the document is not surprised.

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

type Operation = { security?: unknown[]; responses: Record<string, { content?: Record<string, unknown> }> };
const get = (url: string, headers: Record<string, string> = {}) => stack.app.inject({ method: 'GET', url, headers });

async function operations(): Promise<Array<[string, Operation]>> {
  const spec = (await get('/openapi.json')).json<{ paths: Record<string, Record<string, Operation>> }>();
  return Object.entries(spec.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]): [string, Operation] => [`${method.toUpperCase()} ${path}`, op]),
  );
}

describe('issue 14: the API document tells the truth', () => {
  it('API document: every error response is documented as application/problem+json, none as application/json', async () => {
    const wrong: string[] = [];
    for (const [name, op] of await operations()) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        if (Object.keys(response.content ?? {}).join() !== 'application/problem+json') wrong.push(`${name} ${status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('API document: statuses actually answered are documented (401/403 wherever auth applies, 400, 422 on a reused key, 503)', async () => {
    const ops = new Map(await operations());
    for (const [name, op] of ops) {
      if (op.security?.length) expect(Object.keys(op.responses), name).toEqual(expect.arrayContaining(['401', '403']));
      expect(Object.keys(op.responses), name).toContain('503');
    }
    expect(Object.keys(ops.get('GET /v1/me/terms')!.responses)).toEqual(expect.arrayContaining(['401', '403']));
    expect(Object.keys(ops.get('POST /v1/auth/logout')!.responses)).toContain('400');
    expect(Object.keys(ops.get('POST /v1/me/terms-acceptances')!.responses)).toContain('422');
    expect(Object.keys(ops.get('POST /v1/catalogue-cards')!.responses)).toContain('422');
    // And the answers are the documented ones.
    expect((await get('/v1/me/terms')).statusCode).toBe(401);
    expect((await stack.app.inject({ method: 'POST', url: '/v1/auth/logout' })).statusCode).toBe(400);
  });
});
