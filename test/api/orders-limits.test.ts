import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOperation } from '../../services/money/ledger/ledger.ts';
import { registerAndLogin } from '../support/factories.ts';
import { addService, newAdmin, newClient, placeOrder, uploadFile, type Person } from '../support/orders.ts';
import { moneyActivities, paidPayment } from '../support/payments.ts';
import { startStack, type Stack } from '../support/stack.ts';

// Issue 14 "Ghost orders and numbers out of range": a price of 0 or a total past what the
// ledger can hold must be refused before an order row exists, and no view of the ledger may
// answer 500 because a total stopped fitting a JSON number.

let stack: Stack;
let admin: Person;
const FORM = { question: 'How many pages is this contract?' };
const LARGEST = 1_000_000_000_000; // 10^12 minor units, the bound of one amount

beforeAll(async () => {
  stack = await startStack();
  admin = await newAdmin(stack);
});
afterAll(() => stack?.close());

const catalogue = (payload: Record<string, unknown>) =>
  stack.app.inject({
    method: 'POST',
    url: '/v1/admin/catalogue',
    headers: admin.auth,
    payload: { title: 'Opinion', currency: 'UZS', ...payload },
  });
const ordersOf = (clientId: string) => stack.database.db.order.count({ where: { clientId } });

describe('issue 14: ghost orders and numbers out of range', () => {
  it('ghost orders: the catalogue refuses a price of 0 and a price above 10^12 minor units with 400', async () => {
    for (const price of [0, LARGEST + 1, Number.MAX_SAFE_INTEGER]) {
      const response = await catalogue({ kind: 'written_advice', price });
      expect(response.statusCode, `price ${price}`).toBe(400);
      expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ path: 'body.price' })] });
    }
    const service = await addService(stack, admin.auth, { kind: 'written_advice', price: LARGEST });
    const patched = await stack.app.inject({
      method: 'PATCH',
      url: `/v1/admin/catalogue/${service.id}`,
      headers: admin.auth,
      payload: { price: 0 },
    });
    expect(patched.statusCode).toBe(400);
  });

  it('ghost orders: a service priced 0 before this check is refused with 422 and leaves no order row', async () => {
    const service = await addService(stack, admin.auth, { kind: 'written_advice', price: 1_000 });
    await stack.database.db.catalogueService.update({ where: { id: service.id }, data: { price: 0n } });
    const client = await newClient(stack);
    const response = await placeOrder(stack, client.auth, { serviceId: service.id, form: FORM });
    expect(response.statusCode, response.body).toBe(422);
    expect(response.json()).toMatchObject({ code: 'SERVICE_NOT_AVAILABLE' });
    expect(await ordersOf(client.user.id)).toBe(0);
  });

  it('numbers out of range: a per-page price × pages above 10^12 is refused with 422 ORDER_TOTAL_TOO_LARGE and leaves no order row', async () => {
    const service = await addService(stack, admin.auth, { kind: 'translation', price: LARGEST, perPage: true, docDays: 5 });
    const client = await newClient(stack);
    const word = await uploadFile(
      stack,
      client.auth,
      await readFile(new URL('../fixtures/minimal.docx', import.meta.url)),
      'contract.docx',
    );
    const response = await placeOrder(stack, client.auth, {
      serviceId: service.id,
      form: FORM,
      documentFileIds: [word],
      declaredPages: 9_000,
    });
    expect(response.statusCode, response.body).toBe(422);
    expect(response.json()).toMatchObject({ code: 'ORDER_TOTAL_TOO_LARGE' });
    expect(await ordersOf(client.user.id)).toBe(0);
  });

  it('numbers out of range: a payment or hold above 10^12 minor units is refused', async () => {
    const client = await registerAndLogin(stack.app);
    const activities = moneyActivities(stack);
    await expect(
      activities.startPayment({
        paymentKey: `too-large-${client.user.id}`,
        payerUserId: client.user.id,
        amount: LARGEST + 1,
        currency: 'UZS',
        description: 'Too large',
        notifyWorkflowId: 'nobody',
      }),
    ).rejects.toMatchObject({ type: 'VALIDATION_FAILED' });
    await expect(
      activities.holdFunds({
        holdKey: `too-large-${client.user.id}/hold`,
        userId: client.user.id,
        amount: LARGEST + 1,
        currency: 'UZS',
        description: 'x',
      }),
    ).rejects.toMatchObject({ type: 'VALIDATION_FAILED' });
  });

  it('numbers out of range: two payments at the largest price leave the balance and the admin views of the ledger answering 200', async () => {
    const client = await registerAndLogin(stack.app);
    await paidPayment(stack, client.user.id, LARGEST);
    await paidPayment(stack, client.user.id, LARGEST);
    const balance = await stack.app.inject({ method: 'GET', url: '/v1/me/balance', headers: client.auth });
    expect(balance.statusCode, balance.body).toBe(200);
    expect(balance.json()).toEqual({ balances: [{ currency: 'UZS', available: 2 * LARGEST, held: 0 }] });
    for (const url of ['/v1/admin/ledger/accounts?limit=100', `/v1/admin/accounts/${client.user.id}`]) {
      const response = await stack.app.inject({ method: 'GET', url, headers: admin.auth });
      expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
    }
  });

  it('numbers out of range: the ledger refuses a transfer above 10^12, and one that would take an account total past 2^53 − 1, so no view answers 500', async () => {
    const client = await registerAndLogin(stack.app);
    const { db } = stack.database;
    const fund = (key: string, amount: bigint) =>
      runOperation(db, { key, kind: 'test.fund', request: { key } }, async () => ({
        result: null,
        transfers: [
          {
            kind: 'posted' as const,
            debit: { platform: 'provider_clearing' as const, currency: 'KZT' },
            credit: { userId: client.user.id, currency: 'KZT' },
            amount,
            description: 'Test payment',
          },
        ],
      }));
    await expect(fund(`huge-${client.user.id}`, 2n ** 53n)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await fund(`first-${client.user.id}`, 1n);
    // As if years of payments had gone through this account and the clearing account.
    const nearlyFull = BigInt(Number.MAX_SAFE_INTEGER) - 10n;
    await db.ledgerAccount.update({ where: { code: `user:${client.user.id}:KZT` }, data: { creditsPosted: nearlyFull } });
    await db.ledgerAccount.update({ where: { code: 'platform:provider_clearing:KZT' }, data: { debitsPosted: nearlyFull } });
    await expect(fund(`over-${client.user.id}`, 11n)).rejects.toMatchObject({ code: 'LEDGER_TOTAL_OUT_OF_RANGE' });
    const balance = await stack.app.inject({ method: 'GET', url: '/v1/me/balance', headers: client.auth });
    expect(balance.statusCode, balance.body).toBe(200);
    expect(balance.json()).toEqual({ balances: [{ currency: 'KZT', available: Number.MAX_SAFE_INTEGER - 10, held: 0 }] });
    for (const url of ['/v1/admin/ledger/accounts?limit=100', `/v1/admin/accounts/${client.user.id}`]) {
      const response = await stack.app.inject({ method: 'GET', url, headers: admin.auth });
      expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
    }
  });
});
