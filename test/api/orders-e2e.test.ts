import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectBooksBalanced } from '../support/ledger-invariants.ts';
import { addService, mirroredStatus, newAdmin, newClient, newLawyer, payAtCheckout, pdfWithPages, placed, uploadFile, waitFor } from '../support/orders.ts';
import { startStack, type Stack } from '../support/stack.ts';

// The whole life of a written-advice order through the HTTP API, on the Temporal dev server
// with the real worker, database and sandbox acquirer: order → pay → assign → deliver →
// download → the lawyer's earning in their balance, and the books balance.

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.close());

describe('orders end to end through the HTTP API', () => {
  it('EL-ORD-1/2/3, EL-DONE-1, PAY-2: written advice is ordered, paid, assigned, delivered, downloaded, and the lawyer earns price − commission', async () => {
    const { app } = stack;
    const admin = await newAdmin(stack);
    const service = await addService(stack, admin.auth, { kind: 'written_advice', price: 100_000, commissionBps: 2000 });
    const client = await newClient(stack);
    const lawyer = await newLawyer(stack);

    const question = await uploadFile(stack, client.auth, await pdfWithPages(2), 'lease.pdf');
    const order = await placed(stack, client.auth, {
      serviceId: service.id, form: { question: 'Is my landlord allowed to raise the rent mid-lease?' }, documentFileIds: [question],
    });
    expect(order.order).toMatchObject({ id: order.orderId, status: 'awaiting_payment', price: 100_000 });
    expect(order.checkoutUrl).toContain('/v1/payments/checkout/');

    await payAtCheckout(stack, order.checkoutUrl);
    expect(await mirroredStatus(stack, order.orderId, 'awaiting_lawyer')).toBe('awaiting_lawyer');

    const assigned = await app.inject({
      method: 'POST', url: `/v1/admin/orders/${order.orderId}/assignment`, headers: admin.auth, payload: { lawyerId: lawyer.user.id },
    });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json().state).toMatchObject({ status: 'in_progress', lawyerId: lawyer.user.id });

    const mine = await waitFor(
      async () => (await app.inject({ method: 'GET', url: '/v1/lawyer/orders', headers: lawyer.auth })).json(),
      (page) => page.items.length === 1,
    );
    expect(mine.items.map((o: { id: string }) => o.id)).toEqual([order.orderId]);

    const opinionBytes = await pdfWithPages(1);
    const opinion = await uploadFile(stack, lawyer.auth, opinionBytes, 'opinion.pdf');
    const delivered = await app.inject({
      method: 'POST', url: `/v1/orders/${order.orderId}/deliveries`, headers: lawyer.auth, payload: { fileId: opinion, note: 'See section 2.' },
    });
    expect(delivered.statusCode).toBe(200);
    expect(delivered.json().state).toMatchObject({ status: 'delivered', deliverables: [{ fileId: opinion, note: 'See section 2.' }] });

    const documents = await waitFor(
      async () => (await app.inject({ method: 'GET', url: `/v1/orders/${order.orderId}/documents`, headers: client.auth })).json(),
      (list) => list.items.length === 2,
    );
    expect(documents.items.map((d: { fileId: string; role: string }) => [d.fileId, d.role])).toEqual([
      [question, 'attachment'],
      [opinion, 'deliverable'],
    ]);
    const download = await app.inject({ method: 'GET', url: `/v1/files/${opinion}/content`, headers: client.auth });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(opinionBytes)).toBe(true);

    // 100 000 − 20 % commission = 80 000 to the lawyer, once the workflow has settled the hold.
    const balance = await waitFor(
      async () => (await app.inject({ method: 'GET', url: '/v1/me/balance', headers: lawyer.auth })).json(),
      (body) => body.balances.length > 0,
    );
    expect(balance).toEqual({ balances: [{ currency: 'AZN', available: 80_000, held: 0 }] });
    const detail = (await app.inject({ method: 'GET', url: `/v1/orders/${order.orderId}`, headers: client.auth })).json();
    expect(detail.state.outcome).toMatchObject({ status: 'delivered', refunded: 0, toSpecialist: 80_000, kept: 20_000 });
    await expectBooksBalanced(stack.database.db);
  });
});
