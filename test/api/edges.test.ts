import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../api/app.ts';
import { createDb } from '../../infra/db.ts';
import { registerAndLogin } from '../support/factories.ts';
import { addService, newAdmin, newClient, placeOrder } from '../support/orders.ts';
import { startStack, type Stack } from '../support/stack.ts';

// Issue 14 "Edges that answer 500": a database that refuses connections, a JSON body nested
// thousands of levels deep and a lone UTF-16 surrogate must each get problem details with a
// 4xx or 503, never 500 INTERNAL.

let stack: Stack;
let serviceId: string;
const servers: Server[] = [];

beforeAll(async () => {
  stack = await startStack();
  const admin = await newAdmin(stack);
  serviceId = (await addService(stack, admin.auth, { kind: 'written_advice', price: 50_000 })).id;
});
afterAll(async () => {
  for (const server of servers) server.close();
  await stack?.close();
});

/** A TCP server that plays a database going wrong: `close` drops each connection, `hang` never answers. */
async function brokenDatabase(behaviour: 'close' | 'hang'): Promise<string> {
  const server = createServer((socket) => (behaviour === 'close' ? socket.destroy() : socket.on('error', () => undefined)));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `postgresql://postgres@127.0.0.1:${(server.address() as AddressInfo).port}/test`;
}

async function appOn(databaseUrl: string, options: { connectTimeoutMs?: number } = {}): Promise<App> {
  const { config, temporal, storage, payments } = stack.app.deps;
  return buildApp({ config, db: createDb(databaseUrl, options), temporal, storage, payments });
}

/** JSON text nested `depth` objects deep (built as text: a recursive stringify would overflow). */
const nested = (depth: number, leaf: string) => '{"a":'.repeat(depth) + leaf + '}'.repeat(depth);

describe('issue 14: edges that answered 500', () => {
  it.each([
    ['refusing connections (ECONNREFUSED, Prisma P1001)', async () => 'postgresql://postgres@127.0.0.1:1/test', {}],
    ['closing each connection at once ("Connection terminated unexpectedly")', () => brokenDatabase('close'), {}],
    ['not answering (connection timeout)', () => brokenDatabase('hang'), { connectTimeoutMs: 300 }],
  ])('edges that answer 500: a database %s gives 503 problem details with Retry-After', async (_name, url, options) => {
    const client = await registerAndLogin(stack.app);
    const app = await appOn(await url(), options);
    try {
      for (const request of [
        { method: 'GET' as const, url: '/v1/catalogue' },
        { method: 'GET' as const, url: '/v1/me', headers: client.auth },
        { method: 'POST' as const, url: '/v1/auth/login', payload: { email: client.user.email, password: 'whatever-password' } },
      ]) {
        const response = await app.inject(request);
        expect(response.statusCode, `${request.url}: ${response.body}`).toBe(503);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.headers['retry-after']).toBe('5');
        expect(response.json()).toMatchObject({ status: 503, code: 'DEPENDENCY_UNAVAILABLE' });
      }
    } finally {
      await app.close();
    }
  });

  it('edges that answer 500: an order form nested 10,000 levels deep is refused with 400, as is any deep JSON body', async () => {
    const client = await newClient(stack);
    const order = await stack.app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: { ...client.auth, 'idempotency-key': `deep-${client.user.id}`, 'content-type': 'application/json' },
      payload: `{"serviceId":"${serviceId}","form":${nested(10_000, '"x"')}}`,
    });
    expect(order.statusCode, order.body).toBe(400);
    expect(order.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'body', message: 'nests deeper than 64 levels' }] });
    const login = await stack.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: `{"email":"a@b.c","password":${nested(100, '1')}}`,
    });
    expect(login.statusCode).toBe(400);
    expect(login.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await stack.database.db.order.count({ where: { clientId: client.user.id } })).toBe(0);
  });

  it('edges that answer 500: a lone surrogate in an order form, card content or a nested key is refused with 400', async () => {
    const client = await newClient(stack);
    for (const form of [{ question: 'broken \ud800 text' }, { details: { deeper: ['ok', '\udc00'] } }, { ['key\ud83d']: 'value' }]) {
      const order = await placeOrder(stack, client.auth, { serviceId, form });
      expect(order.statusCode, order.body).toBe(400);
      expect(order.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ message: 'contains a lone UTF-16 surrogate' }] });
    }
    const card = await stack.app.inject({
      method: 'POST',
      url: '/v1/catalogue-cards',
      headers: { ...client.auth, 'idempotency-key': `card-${client.user.id}` },
      payload: { title: 'Green tea 100 g', content: { gtin: '\ud800' } },
    });
    expect(card.statusCode, card.body).toBe(400);
    expect(card.json()).toMatchObject({ errors: [{ path: 'body.content.gtin', message: 'contains a lone UTF-16 surrogate' }] });
    // A whole pair (an emoji) is fine.
    const fine = await placeOrder(stack, client.auth, { serviceId, form: { question: 'Is 😀 a valid signature?' } });
    expect(fine.statusCode, fine.body).toBe(201);
  });
});
