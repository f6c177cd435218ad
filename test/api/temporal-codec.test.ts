import { randomUUID } from 'node:crypto';
import { Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { temporal } from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { buildApp } from '../../api/app.ts';
import { consultationWorkflowId } from '../../domain/consultations/contract.ts';
import { orderWorkflowId } from '../../domain/orders/contract.ts';
import { ticketWorkflowId } from '../../domain/tickets/contract.ts';
import { TEST_PAYLOAD_KEYS, testConfig } from '../support/config.ts';
import { registerAndLogin, registerSpecialist } from '../support/factories.ts';
import { acceptCurrentTerms, newAdmin, type Person } from '../support/orders.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { waitFor } from '../support/wait.ts';

// Issue 17: clients' affairs are encrypted at rest in Temporal. The raw history, read straight
// from the server by a client without the codec, holds no plaintext of an order form, a chat
// offer or a ticket; operators and admins read the same payloads through the codec endpoint,
// clients and strangers cannot.

const ENCRYPTED = Buffer.from('binary/encrypted').toString('base64');
interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

let stack: Stack;
let raw: Connection;
let operator: Person;
let admin: Person;
let client: Person;
beforeAll(async () => {
  stack = await startStack();
  raw = await Connection.connect({ address: inject('temporalAddress') });
  admin = await newAdmin(stack);
  operator = await registerAndLogin(stack.app);
  await stack.database.db.user.update({ where: { id: operator.user.id }, data: { role: 'operator' } });
  client = await registerAndLogin(stack.app);
  await acceptCurrentTerms(stack, client.auth);
});
afterAll(async () => {
  await raw?.close();
  await stack?.close();
});

const post = (url: string, headers: Record<string, string>, payload: object) => stack.app.inject({ method: 'POST', url, headers, payload });

/** The workflow's history as the server stores it: no data converter, no codec. */
async function rawHistory(workflowId: string) {
  const events: temporal.api.history.v1.IHistoryEvent[] = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await raw.workflowService.getWorkflowExecutionHistory({ namespace: 'default', execution: { workflowId }, nextPageToken });
    events.push(...(page.history?.events ?? []));
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  const history = temporal.api.history.v1.History.create({ events });
  return {
    bytes: Buffer.from(temporal.api.history.v1.History.encode(history).finish()),
    json: JSON.parse(historyToJSON(history)) as unknown,
  };
}

/** Every payload in a history's proto JSON, with where it sits (search attributes apart). */
function payloadsOf(node: unknown, path = ''): { path: string; payload: JsonPayload }[] {
  if (node === null || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  if (record.metadata && typeof record.metadata === 'object' && 'encoding' in record.metadata) return [{ path, payload: record }];
  return Object.entries(record).flatMap(([key, value]) => payloadsOf(value, `${path}.${key}`));
}

function expectSealed(history: Awaited<ReturnType<typeof rawHistory>>, plaintexts: string[]) {
  for (const text of plaintexts) expect(history.bytes.includes(Buffer.from(text)), `"${text}" in the raw history`).toBe(false);
  // Search attributes are indexed by the server and cannot be encrypted (search-attributes-privacy.test.ts).
  const payloads = payloadsOf(history.json).filter(({ path }) => !/searchAttributes/i.test(path));
  expect(payloads.length).toBeGreaterThan(0);
  for (const { path, payload } of payloads) expect(payload.metadata!.encoding, path).toBe(ENCRYPTED);
  return payloads.map(({ payload }) => payload);
}

async function decodedText(headers: Record<string, string>, payloads: JsonPayload[], app = stack.app) {
  const response = await app.inject({
    method: 'POST',
    url: '/v1/temporal-codec/decode',
    headers: { ...headers, 'x-namespace': 'default' },
    payload: { payloads },
  });
  expect(response.statusCode, response.body).toBe(200);
  const decoded = response.json<{ payloads: JsonPayload[] }>().payloads;
  // Opened: what the SDK wrote before sealing (JSON, or binary/null for an empty result).
  const encodings = new Set(decoded.map((p) => Buffer.from(p.metadata!.encoding!, 'base64').toString()));
  expect([...encodings].filter((encoding) => !['json/plain', 'binary/null'].includes(encoding))).toEqual([]);
  return decoded.map((p) => Buffer.from(p.data!, 'base64').toString('utf8')).join('\n');
}

describe('encrypted workflow payloads and the codec endpoint (issue 17)', () => {
  it('an order form, a chat offer and a ticket are not in plaintext in Temporal; operators and admins decode them, clients and strangers cannot', async () => {
    // An order whose form (the contract's fields) travels in the workflow's input.
    const service = await post('/v1/admin/catalogue', admin.auth, {
      kind: 'contract_template',
      title: 'Service agreement',
      price: 10_000,
      currency: 'AZN',
      contractTemplateId: 'service-agreement',
    });
    expect(service.statusCode, service.body).toBe(201);
    const fields = {
      city: 'Bakı',
      date: '2026-12-01',
      customer: 'Əliyev Vüqar',
      contractor: 'Quliyeva Aytən',
      subject: 'Bookkeeping for December 2026',
      price: '500.00',
      dueDate: '2026-12-31',
    };
    const placed = await post(
      '/v1/orders',
      { ...client.auth, 'idempotency-key': `order-${randomUUID()}` },
      { serviceId: service.json<{ id: string }>().id, contract: { templateId: 'service-agreement', fields } },
    );
    expect(placed.statusCode, placed.body).toBe(201);
    const order = await rawHistory(orderWorkflowId(placed.json<{ orderId: string }>().orderId));
    const orderPayloads = expectSealed(order, ['Əliyev Vüqar', 'Quliyeva Aytən', 'Bookkeeping for December 2026']);

    // A chat offer (the client's own, with a problem summary) in a consultation workflow.
    const specialist = await registerSpecialist(stack.app, stack.database.db);
    const conversation = await post('/v1/conversations', client.auth, { specialistId: specialist.user.id });
    expect(conversation.statusCode, conversation.body).toBe(201);
    const offered = await post(`/v1/conversations/${conversation.json<{ id: string }>().id}/offers`, client.auth, {
      price: 123_457,
      durationMinutes: 45,
      summary: 'Meros bo‘yicha maslahat: uy hujjatlari.',
    });
    expect(offered.statusCode, offered.body).toBe(200);
    const consultation = await rawHistory(consultationWorkflowId(offered.json<{ id: string }>().id));
    const offerPayloads = expectSealed(consultation, ['123457', 'durationMinutes', 'Meros bo‘yicha']);

    // A ticket from the web form: the customer's name is in the workflow's input.
    const submitted = await post(
      '/v1/support/intake/web',
      { 'idempotency-key': `web-${randomUUID()}` },
      { name: 'Gulnora Tursunova', email: 'gulnora@customer.test', subject: 'Refund question', message: 'My card was charged twice.' },
    );
    expect(submitted.statusCode, submitted.body).toBe(202);
    const workflowId = ticketWorkflowId(submitted.json<{ number: number }>().number);
    const ticket = await waitFor(
      () => rawHistory(workflowId).catch(() => undefined),
      (history) => history !== undefined,
    );
    const ticketPayloads = expectSealed(ticket!, ['Gulnora Tursunova', 'gulnora@customer.test', 'charged twice', 'Refund question']);

    // The same payloads through the codec endpoint: an operator and an admin read them …
    const orderText = await decodedText(operator.auth, orderPayloads);
    expect(orderText).toContain('Əliyev Vüqar');
    expect(orderText).toContain('Bookkeeping for December 2026');
    expect(await decodedText(admin.auth, offerPayloads)).toContain('"price":123457');
    expect(await decodedText(operator.auth, ticketPayloads)).toContain('Gulnora Tursunova');

    // … a client's token is refused (403), no token at all too (401).
    const decode = (headers: Record<string, string>) =>
      stack.app.inject({ method: 'POST', url: '/v1/temporal-codec/decode', headers, payload: { payloads: orderPayloads } });
    const asClient = await decode(client.auth);
    expect(asClient.statusCode).toBe(403);
    expect(asClient.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect(asClient.body).not.toContain('Əliyev');
    const anonymous = await decode({});
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await decode({ authorization: 'Bearer not-a-token' })).statusCode).toBe(401);

    // Rotation: with a new key that encrypts and the old one kept, payloads written under the
    // old key still decode; a payload the codec cannot open is a 422, not a 500.
    const newKey = `test-2:${Buffer.alloc(32, 9).toString('base64')}`;
    const rotated = await buildApp({
      ...stack.app.deps,
      config: testConfig({ PAYLOAD_KEYS: `${newKey},${TEST_PAYLOAD_KEYS}`, PAYLOAD_KEY_ID: 'test-2' }),
    });
    const withoutOld = await buildApp({ ...stack.app.deps, config: testConfig({ PAYLOAD_KEYS: newKey }) });
    try {
      expect(await decodedText(operator.auth, orderPayloads, rotated)).toContain('Quliyeva Aytən');
      const encoded = await rotated.inject({
        method: 'POST',
        url: '/v1/temporal-codec/encode',
        headers: operator.auth,
        payload: {
          payloads: [{ metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('"x"').toString('base64') }],
        },
      });
      expect(
        Buffer.from(encoded.json<{ payloads: JsonPayload[] }>().payloads[0]!.metadata!['encryption-key-id']!, 'base64').toString(),
      ).toBe('test-2');
      const lost = await withoutOld.inject({
        method: 'POST',
        url: '/v1/temporal-codec/decode',
        headers: operator.auth,
        payload: { payloads: orderPayloads },
      });
      expect(lost.statusCode).toBe(422);
      expect(lost.json()).toMatchObject({ code: 'PAYLOAD_UNDECODABLE' });
    } finally {
      await rotated.close();
      await withoutOld.close();
    }
  });

  it('the endpoint answers the Temporal UI’s origin only (CORS) and only for its own namespace', async () => {
    const ui = 'http://127.0.0.1:8233';
    const preflight = await stack.app.inject({
      method: 'OPTIONS',
      url: '/v1/temporal-codec/decode',
      headers: { origin: ui, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(ui);
    expect(preflight.headers['access-control-allow-credentials']).toBe('true');
    expect(String(preflight.headers['access-control-allow-headers'])).toContain('x-namespace');

    const elsewhere = await stack.app.inject({
      method: 'OPTIONS',
      url: '/v1/temporal-codec/decode',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(elsewhere.headers['access-control-allow-origin']).toBeUndefined();

    const refused = await post('/v1/temporal-codec/decode', { origin: ui }, { payloads: [] });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['access-control-allow-origin']).toBe(ui);

    const otherNamespace = await post('/v1/temporal-codec/decode', { ...operator.auth, 'x-namespace': 'someone-else' }, { payloads: [] });
    expect(otherNamespace.statusCode).toBe(400);
  });

  it('the UI’s cookie: an operator’s POST /session keeps the token in an HttpOnly cookie the endpoint accepts; a client gets none', async () => {
    const session = await post('/v1/temporal-codec/session', operator.auth, {});
    expect(session.statusCode).toBe(204);
    const cookie = String(session.headers['set-cookie']);
    expect(cookie).toMatch(/^maslahat_codec=[^;]+; Path=\/v1\/temporal-codec; Max-Age=900; HttpOnly; SameSite=Strict$/);
    const decoded = await post(
      '/v1/temporal-codec/decode',
      { cookie: cookie.split(';')[0]!, origin: 'http://127.0.0.1:8233' },
      { payloads: [] },
    );
    expect(decoded.statusCode, decoded.body).toBe(200);
    expect(decoded.json()).toEqual({ payloads: [] });
    expect((await post('/v1/temporal-codec/session', client.auth, {})).statusCode).toBe(403);
    const clientCookie = `maslahat_codec=${client.tokens.accessToken}`;
    expect((await post('/v1/temporal-codec/decode', { cookie: clientCookie }, { payloads: [] })).statusCode).toBe(403);
  });
});
