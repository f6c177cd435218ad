import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../generated/prisma/enums.ts';
import { registerAndLogin } from '../support/factories.ts';
import { startStack, type Stack } from '../support/stack.ts';

// Every route the OpenAPI document lists gets malformed input: no token, a plain client's
// token, bad path params, wrong JSON types, missing and huge bodies, non-JSON content types,
// bad query strings. The API's promise (COMMON: "bad input → clear 4xx problem details, never
// a 500") is checked on every answer, so a new route is covered the day it is documented.

interface ValueSchema {
  type?: string;
  format?: string;
}

interface Operation {
  method: string;
  path: string;
  private: boolean;
  params: Array<{ name: string; schema?: ValueSchema }>;
  query: Array<{ name: string; schema?: ValueSchema }>;
  bodyProperties: Record<string, ValueSchema>;
}

interface Answer {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

type Headers = Record<string, string>;

// Routes only staff may use (API: role checks on every route). Paths as the document spells them.
const ADMIN_ONLY = /^\/v1\/admin\//;
const STAFF_ONLY = /^\/v1\/support\/tickets/; // operators and admins
const SPECIALIST_ONLY = /^\/v1\/me\/(withdrawals|specialist-profile)/;

const BAD_PATH_VALUES = [
  'not-a-uuid',
  '99999999999999999999999999999',
  '-1',
  '%C3%A9%F0%9F%98%80%E2%80%AE', // "é😀" + right-to-left override
  '00000000-0000-0000-0000-000000000000',
  '%00',
  '%E0%A4%A', // percent-encoding that is not UTF-8
  'x'.repeat(2000), // longer than the router's maxParamLength
];

const HUGE = 'ж'.repeat(200_000); // ~400 KB of UTF-8, under the 1 MiB body limit

function wrongTypeFor(type: string | undefined): unknown {
  switch (type) {
    case 'string':
      return 12345;
    case 'number':
    case 'integer':
      return 'twelve';
    case 'boolean':
      return 'yes';
    case 'array':
      return { not: 'an array' };
    case 'object':
      return [1, 2];
    default:
      return null;
  }
}

function bodiesFor(op: Operation): Array<{ payload?: string; contentType?: string; label: string }> {
  const names = Object.keys(op.bodyProperties);
  const wrongTypes = Object.fromEntries(names.map((name) => [name, wrongTypeFor(op.bodyProperties[name]!.type)]));
  const huge = Object.fromEntries(names.map((name) => [name, HUGE]));
  // Free-form objects nested far deeper than any real document; strings made plausible.
  const deep = '{"x":'.repeat(5000) + '1' + '}'.repeat(5000);
  const nested = `{${names.map((name) => `${JSON.stringify(name)}:${op.bodyProperties[name]!.type === 'object' ? deep : '"abcdef"'}`).join(',')}}`;
  // PostgreSQL text and jsonb cannot hold U+0000; JSON can.
  const nul = Object.fromEntries(
    names.map((name) => [name, op.bodyProperties[name]!.type === 'object' ? { note: 'a\u0000b' } : 'a\u0000b valid@example.test']),
  );
  return [
    { label: 'no body' },
    { label: 'empty object', payload: '{}', contentType: 'application/json' },
    { label: 'array', payload: '[]', contentType: 'application/json' },
    { label: 'JSON null', payload: 'null', contentType: 'application/json' },
    { label: 'JSON string', payload: '"hello"', contentType: 'application/json' },
    { label: 'malformed JSON', payload: '{"a": ', contentType: 'application/json' },
    { label: 'wrong types', payload: JSON.stringify(wrongTypes), contentType: 'application/json' },
    { label: 'huge strings', payload: JSON.stringify({ ...huge, extra: HUGE }), contentType: 'application/json' },
    { label: 'deeply nested', payload: nested, contentType: 'application/json' },
    { label: 'NUL characters', payload: JSON.stringify(nul), contentType: 'application/json' },
    { label: 'text/plain', payload: 'hello', contentType: 'text/plain' },
    { label: 'form', payload: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
    { label: 'multipart without boundary', payload: 'x', contentType: 'multipart/form-data' },
    {
      label: 'multipart file named with control characters',
      payload:
        '--b\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8\'\'a%00%07b.pdf\r\nContent-Type: application/pdf\r\n\r\n' +
        '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n\r\n--b--\r\n',
      contentType: 'multipart/form-data; boundary=b',
    },
    {
      label: 'truncated multipart',
      payload: '--b\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4',
      contentType: 'multipart/form-data; boundary=b',
    },
  ];
}

// Authorization headers that are not a valid bearer token: each must be a 401, never a 500.
const BAD_AUTHORIZATION = ['Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Bearer a.b.c', 'Bearer ' + 'x'.repeat(8000), 'Bearer ж😀'];

const BAD_QUERY_VALUES = ['abc', '-1', '1e400', '99999999999999999999', 'ж😀', '', 'x'.repeat(5000)];

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

// Values a schema accepts that the layers below may not: year 0 (PostgreSQL has none), the
// far future, integers past 32 bits, and well-formed cursors that carry the wrong things.
function edgeValues(name: string, schema: ValueSchema | undefined): string[] {
  if (name === 'cursor') {
    return [
      cursorOf(['2026-01-01T00:00:00.000Z', 'not-a-uuid']),
      cursorOf(['0000-01-01T00:00:00.000Z', '00000000-0000-4000-8000-000000000000']),
      cursorOf([null, 42]),
      cursorOf({ at: 1 }),
      cursorOf(['2026-01-01T00:00:00.000Z']),
    ];
  }
  if (schema?.format === 'date') return ['0000-01-01', '9999-12-31'];
  if (schema?.format === 'date-time') return ['0000-01-01T00:00:00Z', '9999-12-31T23:59:59-14:00'];
  if (schema?.type === 'integer' || schema?.type === 'number') return ['2147483648', '9007199254740993', '0'];
  return [];
}

function edgeBody(op: Operation): string | null {
  const entries = Object.entries(op.bodyProperties).flatMap(([name, schema]) => {
    const [edge] = edgeValues(name, schema);
    if (edge !== undefined) return [[name, schema.type === 'integer' || schema.type === 'number' ? Number(edge) : edge]];
    return [];
  });
  return entries.length > 0 ? JSON.stringify(Object.fromEntries(entries)) : null;
}

function operationsOf(document: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const parameters = (op.parameters ?? []) as Array<{ in: string; name: string; schema?: ValueSchema }>;
      const content = (
        op.requestBody as { content?: Record<string, { schema?: { properties?: Record<string, ValueSchema> } }> } | undefined
      )?.content;
      return {
        method: method.toUpperCase(),
        path,
        private: Array.isArray(op.security) && op.security.length > 0,
        params: parameters.filter((p) => p.in === 'path'),
        query: parameters.filter((p) => p.in === 'query'),
        bodyProperties: content?.['application/json']?.schema?.properties ?? {},
      };
    }),
  );
}

function urlOf(op: Operation, value: string): string {
  return op.path.replace(/\{(\w+)\}/g, () => value);
}

let stack: Stack;
let operations: Operation[];
const tokens = {} as Record<'client' | 'specialist' | 'admin', Headers>;

async function userWithRole(role: Role): Promise<Headers> {
  const user = await registerAndLogin(stack.app);
  if (role !== 'client') await stack.database.db.user.update({ where: { id: user.user.id }, data: { role } });
  return user.auth;
}

beforeAll(async () => {
  stack = await startStack();
  const document = (await stack.app.inject({ method: 'GET', url: '/docs/json' })).json();
  operations = operationsOf(document);
  [tokens.client, tokens.specialist, tokens.admin] = await Promise.all([
    userWithRole('client'),
    userWithRole('specialist'),
    userWithRole('admin'),
  ]);
});
afterAll(() => stack?.close());

// Failures are collected rather than thrown one by one, so a run names every weak route at once.
function judge(failures: string[], what: string, answer: Answer) {
  const { statusCode } = answer;
  if (statusCode >= 500) {
    failures.push(`${what} → ${statusCode} ${answer.body.slice(0, 200)}`);
    return;
  }
  if (statusCode < 400) return;
  const contentType = answer.headers['content-type'];
  const type = typeof contentType === 'string' ? contentType : '';
  if (!type.startsWith('application/problem+json')) {
    failures.push(`${what} → ${statusCode} with content-type "${type}"`);
    return;
  }
  const problem = JSON.parse(answer.body) as { code?: unknown; status?: unknown };
  if (typeof problem.code !== 'string' || problem.code.length === 0 || problem.status !== statusCode) {
    failures.push(`${what} → ${statusCode} problem without a code/status: ${answer.body.slice(0, 200)}`);
  }
}

async function send(method: string, url: string, headers: Headers, body?: { payload?: string; contentType?: string }): Promise<Answer> {
  const response = await stack.app.inject({
    method: method as 'GET',
    url,
    headers: { ...headers, ...(body?.contentType && { 'content-type': body.contentType }) },
    ...(body?.payload !== undefined && { payload: body.payload }),
  });
  return { statusCode: response.statusCode, headers: response.headers, body: response.body };
}

// The least role that passes a route's role check, so malformed input reaches validation.
function permittedTokens(op: Operation): Headers {
  if (ADMIN_ONLY.test(op.path) || STAFF_ONLY.test(op.path)) return tokens.admin;
  if (SPECIALIST_ONLY.test(op.path)) return tokens.specialist;
  return tokens.client;
}

describe('robustness: every documented route against malformed input', () => {
  it('the document lists the money and support routes (so the sweep below is not empty)', () => {
    const listed = operations.map((op) => `${op.method} ${op.path}`);
    expect(listed).toContain('POST /v1/me/withdrawals');
    expect(listed).toContain('GET /v1/support/tickets/{number}');
    expect(listed).toContain('POST /v1/payments/webhook');
    expect(operations.length).toBeGreaterThan(60);
  });

  it('private routes answer 401 without a token; staff and specialist routes 403 to a client', async () => {
    const failures: string[] = [];
    for (const op of operations) {
      const url = urlOf(op, '00000000-0000-4000-8000-000000000000');
      const anonymous = await send(op.method, url, {});
      judge(failures, `${op.method} ${op.path} anonymous`, anonymous);
      if (op.private && anonymous.statusCode !== 401)
        failures.push(`${op.method} ${op.path} anonymous → ${anonymous.statusCode}, want 401`);
      if (op.private) {
        for (const authorization of BAD_AUTHORIZATION) {
          const forged = await send(op.method, url, { authorization });
          judge(failures, `${op.method} ${op.path} authorization "${authorization.slice(0, 20)}"`, forged);
          if (forged.statusCode !== 401)
            failures.push(`${op.method} ${op.path} authorization "${authorization.slice(0, 20)}" → ${forged.statusCode}, want 401`);
        }
      }
      if (ADMIN_ONLY.test(op.path) || STAFF_ONLY.test(op.path) || SPECIALIST_ONLY.test(op.path)) {
        if (!op.private) failures.push(`${op.method} ${op.path} is a role-restricted route but documents no security`);
        const asClient = await send(op.method, url, tokens.client);
        judge(failures, `${op.method} ${op.path} as client`, asClient);
        if (asClient.statusCode !== 403) failures.push(`${op.method} ${op.path} as client → ${asClient.statusCode}, want 403`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('bad path params, bodies and query strings give 4xx problem details, never 5xx', async () => {
    const failures: string[] = [];
    for (const op of operations) {
      const headers = permittedTokens(op);
      const validUrl = urlOf(op, '00000000-0000-4000-8000-000000000000');
      const requests: Array<Promise<void>> = [];
      const check = (label: string, url: string, body?: { payload?: string; contentType?: string }) =>
        requests.push(send(op.method, url, headers, body).then((answer) => judge(failures, `${op.method} ${op.path} ${label}`, answer)));
      if (op.params.length > 0) {
        const edges = op.params.flatMap((param) => edgeValues(param.name, param.schema));
        for (const value of [...BAD_PATH_VALUES, ...edges]) check(`path=${value.slice(0, 30)}`, urlOf(op, value));
      }
      for (const query of op.query) {
        for (const value of [...BAD_QUERY_VALUES, ...edgeValues(query.name, query.schema)]) {
          check(`?${query.name}=${value.slice(0, 30)}`, `${validUrl}?${query.name}=${encodeURIComponent(value)}`);
        }
      }
      if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(op.method)) {
        for (const body of bodiesFor(op)) check(`body: ${body.label}`, validUrl, body);
        const edge = edgeBody(op);
        if (edge) check(`body: edge values ${edge.slice(0, 80)}`, validUrl, { payload: edge, contentType: 'application/json' });
      }
      await Promise.all(requests);
    }
    expect(failures).toEqual([]);
  });
});
