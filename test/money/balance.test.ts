import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerAdmin, registerAndLogin } from '../support/factories.ts';
import { expectBooksBalanced } from '../support/ledger-invariants.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { moneyActivities, paidPayment } from '../support/payments.ts';

// ACC-8 "Balance": the cabinet shows each user's money (available / held per currency) and
// every movement with what it was for; admins can look at any user's accounts.

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());
afterEach(() => expectBooksBalanced(stack.database.db));

async function orderSettled() {
  const client = await registerAndLogin(stack.app);
  const specialist = await registerAndLogin(stack.app);
  await paidPayment(stack, client.user.id, 10_000);
  const activities = moneyActivities(stack);
  const { holdId } = await activities.holdFunds({
    holdKey: `order-${randomUUID()}/hold`,
    userId: client.user.id,
    amount: 4_000,
    currency: 'UZS',
    description: 'Order 7',
  });
  await activities.settleHold({
    holdId,
    specialistUserId: specialist.user.id,
    toSpecialist: 3_000,
    toPlatform: 0,
    publishedAt: Date.UTC(2026, 10, 20, 6),
  });
  return { client, specialist };
}

describe('ACC-8 balance and statement', () => {
  it('ACC-8: shows available and held money per currency', async () => {
    const client = await registerAndLogin(stack.app);
    expect((await stack.app.inject({ method: 'GET', url: '/v1/me/balance', headers: client.auth })).json()).toEqual({
      balances: [],
    });
    await paidPayment(stack, client.user.id, 9_000);
    await paidPayment(stack, client.user.id, 250, 'AZN');
    await moneyActivities(stack).holdFunds({
      holdKey: `order-${randomUUID()}/hold`,
      userId: client.user.id,
      amount: 2_500,
      currency: 'UZS',
      description: 'Order 8',
    });
    const response = await stack.app.inject({ method: 'GET', url: '/v1/me/balance', headers: client.auth });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      balances: [
        { currency: 'AZN', available: 250, held: 0 },
        { currency: 'UZS', available: 6_500, held: 2_500 },
      ],
    });
  });

  it('ACC-8: the statement lists every movement, newest first, with what it was for', async () => {
    const { client, specialist } = await orderSettled();
    const statement = await stack.app.inject({ method: 'GET', url: '/v1/me/statement', headers: client.auth });
    expect(statement.statusCode).toBe(200);
    expect(statement.json().items).toEqual([
      expect.objectContaining({
        currency: 'UZS',
        availableChange: 1_000,
        heldChange: -4_000,
        kind: 'post',
        operation: 'hold.settle',
        description: 'Order 7: settled',
      }),
      expect.objectContaining({
        currency: 'UZS',
        availableChange: -4_000,
        heldChange: 4_000,
        kind: 'pending',
        operation: 'hold',
        description: 'Order 7',
      }),
      expect.objectContaining({
        currency: 'UZS',
        availableChange: 10_000,
        heldChange: 0,
        kind: 'posted',
        operation: 'payment.credit',
        description: 'Consultation',
      }),
    ]);
    const earnings = await stack.app.inject({ method: 'GET', url: '/v1/me/statement', headers: specialist.auth });
    expect(earnings.json().items).toEqual([
      expect.objectContaining({
        availableChange: 3_000,
        heldChange: 0,
        kind: 'posted',
        operation: 'hold.settle',
        description: 'Order 7: earning',
      }),
    ]);
  });

  it('ACC-8: the statement pages with a cursor and filters by currency', async () => {
    const { client } = await orderSettled();
    await paidPayment(stack, client.user.id, 70, 'AZN');
    const first = await stack.app.inject({ method: 'GET', url: '/v1/me/statement?limit=2', headers: client.auth });
    expect(first.json().items.map((m: { availableChange: number }) => m.availableChange)).toEqual([70, 1_000]);
    const cursor = first.json().nextCursor as string;
    const second = await stack.app.inject({
      method: 'GET',
      url: `/v1/me/statement?limit=2&cursor=${cursor}`,
      headers: client.auth,
    });
    expect(second.json()).toEqual({
      items: [expect.objectContaining({ availableChange: -4_000 }), expect.objectContaining({ availableChange: 10_000 })],
      nextCursor: null,
    });
    const azn = await stack.app.inject({ method: 'GET', url: '/v1/me/statement?currency=AZN', headers: client.auth });
    expect(azn.json().items).toEqual([expect.objectContaining({ currency: 'AZN', availableChange: 70 })]);
    expect((await stack.app.inject({ method: 'GET', url: '/v1/me/statement?currency=usd', headers: client.auth })).statusCode).toBe(400);
    expect((await stack.app.inject({ method: 'GET', url: '/v1/me/statement?cursor=nonsense', headers: client.auth })).statusCode).toBe(400);
  });

  it('needs a login', async () => {
    expect((await stack.app.inject({ method: 'GET', url: '/v1/me/balance' })).statusCode).toBe(401);
    expect((await stack.app.inject({ method: 'GET', url: '/v1/me/statement' })).statusCode).toBe(401);
  });
});

describe('money routes in the OpenAPI document', () => {
  it('lists every money route', async () => {
    const spec = (await stack.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const documented = Object.entries(spec.paths as Record<string, object>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented).toEqual(
      expect.arrayContaining([
        'GET /v1/me/balance',
        'GET /v1/me/statement',
        'POST /v1/me/withdrawals',
        'GET /v1/me/withdrawals',
        'GET /v1/admin/accounts/{id}',
        'GET /v1/admin/accounts/{id}/statement',
        'GET /v1/admin/ledger/accounts',
        'GET /v1/me/withdrawals/{id}',
        'POST /v1/payments/webhook',
        'GET /v1/payments/checkout/{id}',
        'POST /v1/payments/checkout/{id}/pay',
        'POST /v1/payments/checkout/{id}/decline',
      ]),
    );
  });
});

describe('admin view of accounts', () => {
  it("shows any user's accounts with their raw totals and statement, to admins only", async () => {
    const { client } = await orderSettled();
    const admin = await registerAdmin(stack.app, stack.database.db);
    const view = await stack.app.inject({ method: 'GET', url: `/v1/admin/accounts/${client.user.id}`, headers: admin.auth });
    expect(view.statusCode).toBe(200);
    expect(view.json()).toEqual({
      userId: client.user.id,
      accounts: [
        expect.objectContaining({
          code: `user:${client.user.id}:UZS`,
          currency: 'UZS',
          available: 7_000,
          held: 0,
          debitsPending: 0,
          debitsPosted: 3_000,
          creditsPending: 0,
          creditsPosted: 10_000,
        }),
      ],
    });
    const statement = await stack.app.inject({
      method: 'GET',
      url: `/v1/admin/accounts/${client.user.id}/statement`,
      headers: admin.auth,
    });
    expect(statement.json().items).toHaveLength(3);
    const escrow = await stack.app.inject({
      method: 'GET',
      url: '/v1/admin/ledger/accounts?kind=escrow&currency=UZS',
      headers: admin.auth,
    });
    expect(escrow.json().items).toEqual([expect.objectContaining({ code: 'platform:escrow:UZS', kind: 'escrow', currency: 'UZS' })]);
    expect((await stack.app.inject({ method: 'GET', url: '/v1/admin/ledger/accounts', headers: client.auth })).statusCode).toBe(403);
    expect((await stack.app.inject({ method: 'GET', url: `/v1/admin/accounts/${client.user.id}`, headers: client.auth })).statusCode).toBe(
      403,
    );
    expect((await stack.app.inject({ method: 'GET', url: `/v1/admin/accounts/${randomUUID()}`, headers: admin.auth })).statusCode).toBe(
      404,
    );
  });

  it("answers an unknown user's statement with 404, as the accounts view does (not an empty page)", async () => {
    const admin = await registerAdmin(stack.app, stack.database.db);
    const unknown = await stack.app.inject({ method: 'GET', url: `/v1/admin/accounts/${randomUUID()}/statement`, headers: admin.auth });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'NOT_FOUND' });
  });
});
