import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addService, mirroredStatus, newAdmin, newClient, newLawyer, payAtCheckout, placed } from '../support/orders.ts';
import { startStack, type Stack } from '../support/stack.ts';

// An order's detail while the worker is down: Temporal holds a query until a worker polls, so
// the API bounds its wait and answers from the database copy. This file stops its own worker,
// hence a stack of its own.

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ WORKFLOW_QUERY_TIMEOUT_MS: '1500' });
});
afterAll(async () => stack?.close());

const get = (url: string, headers: Record<string, string>) => stack.app.inject({ method: 'GET', url, headers });

describe('orders while no worker runs', () => {
  it('issue 18 (4): GET /v1/orders/{id} answers from the database copy after WORKFLOW_QUERY_TIMEOUT_MS, saying so and how fresh it is', async () => {
    const admin = await newAdmin(stack);
    const service = await addService(stack, admin.auth, { kind: 'written_advice', price: 100_000 });
    const client = await newClient(stack);
    const order = await placed(stack, client.auth, {
      serviceId: service.id,
      form: { question: 'Is my lease still valid after the sale?' },
    });
    await payAtCheckout(stack, order.checkoutUrl);
    await mirroredStatus(stack, order.orderId, 'awaiting_lawyer');
    const url = `/v1/orders/${order.orderId}`;
    expect((await get(url, client.auth)).json()).toMatchObject({ status: 'awaiting_lawyer', source: 'workflow' });

    await stack.stopWorker();
    const asked = Date.now();
    const answer = await Promise.race([get(url, client.auth), sleep(10_000, null)]);
    expect(answer, 'no answer within 10 s').not.toBeNull();
    expect(Date.now() - asked).toBeLessThan(5_000);
    const row = await stack.database.db.order.findUniqueOrThrow({ where: { id: order.orderId } });
    expect(answer!.statusCode).toBe(200);
    expect(answer!.json()).toMatchObject({
      id: order.orderId,
      status: 'awaiting_lawyer',
      source: 'mirror',
      mirroredAt: row.updatedAt.toISOString(),
      state: { status: 'awaiting_lawyer', lawyerId: null },
    });
    // Who may see it is decided on the copy then: 404 for another client, the queue for lawyers.
    expect((await get(url, (await newClient(stack)).auth)).statusCode).toBe(404);
    expect((await get(url, (await newLawyer(stack)).auth)).json()).toMatchObject({ source: 'mirror', lawyerId: null });

    const spec = (await stack.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(spec.paths['/v1/orders/{id}'].get.description).toContain('`source: mirror`');
  });
});
