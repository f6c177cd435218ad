import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newRegistration, registerAdmin, registerAndLogin } from '../support/factories.ts';
import { startStack, type Stack } from '../support/stack.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

describe('API conventions', () => {
  it('answers health and readiness, readiness checking the database and Temporal', async () => {
    expect((await stack.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await stack.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: { ok: true }, temporal: { ok: true } } });
  });

  it('serves an OpenAPI 3.1 document listing every route, and the interactive docs', async () => {
    const spec = (await stack.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(spec.openapi).toBe('3.1.0');
    const documented = Object.entries(spec.paths as Record<string, object>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    for (const expected of [
      'POST /v1/auth/register',
      'POST /v1/auth/login',
      'POST /v1/auth/refresh',
      'POST /v1/auth/logout',
      'POST /v1/auth/password-reset',
      'POST /v1/auth/password-reset/confirm',
      'GET /v1/me/',
      'PATCH /v1/me/',
      'PUT /v1/me/email',
      'PUT /v1/me/password',
      'GET /v1/me/terms',
      'POST /v1/me/terms-acceptances',
      'GET /v1/me/eligibility',
      'POST /v1/files/',
      'GET /v1/files/',
      'GET /v1/files/{id}',
      'GET /v1/files/{id}/content',
      'POST /v1/me/verifications',
      'GET /v1/me/verifications',
      'GET /v1/verifications/{id}',
      'GET /v1/admin/users',
      'POST /v1/admin/users/{id}/suspension',
      'DELETE /v1/admin/users/{id}/suspension',
      'PUT /v1/admin/users/{id}/role',
      'GET /v1/admin/verifications',
      'POST /v1/admin/verifications/{id}/decision',
      'POST /v1/admin/terms',
      'GET /healthz',
      'GET /readyz',
    ]) {
      expect(documented).toContain(expected);
    }
    const docs = await stack.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await stack.app.inject({ method: 'GET', url: '/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND', instance: '/v1/nothing-here' });
  });

  it('answers malformed JSON and a wrong content type with 4xx problems, never 500', async () => {
    const malformed = await stack.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: '{"email": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ status: 400, type: expect.stringContaining('/problems/') });
    const wrongType = await stack.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: 'email=a',
      headers: { 'content-type': 'text/csv' },
    });
    expect(wrongType.statusCode).toBe(415);
    expect(wrongType.json().status).toBe(415);
    const badUuid = await stack.app.inject({
      method: 'GET',
      url: '/v1/files/not-a-uuid',
      headers: (await registerAndLogin(stack.app)).auth,
    });
    expect(badUuid.statusCode).toBe(400);
    expect(badUuid.json().errors[0]).toEqual({ path: 'params.id', message: 'must be a UUID' });
  });

  it("keeps a caller's X-Request-Id, or makes one, and returns it in the header and in problems", async () => {
    const given = await stack.app.inject({ method: 'GET', url: '/nope', headers: { 'x-request-id': 'trace-abc-123' } });
    expect(given.headers['x-request-id']).toBe('trace-abc-123');
    expect(given.json().requestId).toBe('trace-abc-123');
    const made = await stack.app.inject({ method: 'GET', url: '/healthz' });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('requires a bearer token on private routes (401 problem)', async () => {
    const response = await stack.app.inject({ method: 'GET', url: '/v1/me' });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('UNAUTHENTICATED');
    const forged = await stack.app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: 'Bearer abc.def.ghi' } });
    expect(forged.json().code).toBe('TOKEN_INVALID');
  });
});

describe('Idempotency-Key', () => {
  it('replays the first response for a retried POST and creates nothing twice', async () => {
    const registration = newRegistration();
    const headers = { 'idempotency-key': 'register-retry-0001' };
    const first = await stack.app.inject({ method: 'POST', url: '/v1/auth/register', payload: registration, headers });
    const second = await stack.app.inject({ method: 'POST', url: '/v1/auth/register', payload: registration, headers });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    expect(await stack.database.db.user.count({ where: { email: registration.email } })).toBe(1);
  });

  it('refuses the same key with a different body (422)', async () => {
    const headers = { 'idempotency-key': 'register-retry-0002' };
    await stack.app.inject({ method: 'POST', url: '/v1/auth/register', payload: newRegistration(), headers });
    const other = await stack.app.inject({ method: 'POST', url: '/v1/auth/register', payload: newRegistration(), headers });
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('releases the key when the first attempt failed, so a corrected retry can succeed', async () => {
    const taken = newRegistration();
    await stack.app.inject({ method: 'POST', url: '/v1/auth/register', payload: taken });
    const headers = { 'idempotency-key': 'register-retry-0003' };
    const failed = await stack.app.inject({
      method: 'POST',
      url: '/v1/auth/register',
      payload: newRegistration({ email: taken.email }),
      headers,
    });
    expect(failed.statusCode).toBe(409);
    const retried = await stack.app.inject({
      method: 'POST',
      url: '/v1/auth/register',
      payload: newRegistration({ email: taken.email }),
      headers,
    });
    expect(retried.statusCode).toBe(409);
    expect(await stack.database.db.idempotencyRecord.count({ where: { key: 'register-retry-0003' } })).toBe(0);
  });
});

describe('cursor pagination', () => {
  it('walks every user once, newest first, with a stable cursor; a bad cursor is 400', async () => {
    const admin = await registerAdmin(stack.app, stack.database.db);
    for (let i = 0; i < 5; i++) await registerAndLogin(stack.app);
    const total = await stack.database.db.user.count();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const page = (await stack.app.inject({ method: 'GET', url: `/v1/admin/users${query}`, headers: admin.auth })).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((u: { id: string }) => u.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    const bad = await stack.app.inject({ method: 'GET', url: '/v1/admin/users?cursor=zzz', headers: admin.auth });
    expect(bad.statusCode).toBe(400);
    const tooMany = await stack.app.inject({ method: 'GET', url: '/v1/admin/users?limit=1000', headers: admin.auth });
    expect(tooMany.json().errors[0].path).toBe('querystring.limit');
  });
});
