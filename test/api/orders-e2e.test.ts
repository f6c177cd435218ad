import { PDFDocument } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../api/app.ts';
import { orderState, orderWorkflowId } from '../../domain/orders/contract.ts';
import { registerAdmin, registerAndLogin, registerSpecialist } from '../support/factories.ts';
import { expectBooksBalanced } from '../support/ledger-invariants.ts';
import { sandboxOf } from '../support/payments.ts';
import { startStack, type Stack } from '../support/stack.ts';

// End to end through the HTTP API on the Temporal dev server, with the real ledger and the
// built-in sandbox acquirer: register, accept the Terms, order written advice, pay on the
// checkout page, the lawyer delivers, the client downloads, the lawyer's balance shows the earning.

let stack: Stack;
let app: App;
beforeAll(async () => {
  stack = await startStack();
  app = stack.app;
});
afterAll(async () => {
  await expectBooksBalanced(stack.database.db);
  await stack?.close();
});

async function pdf(pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage();
  return Buffer.from(await doc.save());
}

async function upload(auth: Record<string, string>, name: string, bytes: Buffer): Promise<string> {
  const boundary = '----maslahat-test-boundary';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const response = await app.inject({
    method: 'POST',
    url: '/v1/files',
    headers: { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

async function catalogueService(adminAuth: Record<string, string>, body: Record<string, unknown>) {
  const response = await app.inject({ method: 'POST', url: '/v1/admin/catalogue', headers: adminAuth, payload: body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string; price: number }>();
}

async function acceptTerms(auth: Record<string, string>) {
  const terms = (await app.inject({ method: 'GET', url: '/v1/me/terms', headers: auth })).json<{ version: string }>();
  const accepted = await app.inject({
    method: 'POST',
    url: '/v1/me/terms-acceptances',
    headers: auth,
    payload: { version: terms.version },
  });
  expect(accepted.statusCode).toBe(201);
}

async function waitForStatus(orderId: string, auth: Record<string, string>, status: string) {
  await expect
    .poll(
      async () => (await app.inject({ method: 'GET', url: `/v1/orders/${orderId}`, headers: auth })).json<{ status: string }>().status,
      { timeout: 15_000 },
    )
    .toBe(status);
}

describe('EL-ORD / EL-WR / EL-DONE end to end', () => {
  it('EL-ORD-1…3, EL-WR-1, EL-DONE-1, PAY-2, PAY-4: written advice from registration to the lawyer’s earning', async () => {
    const admin = await registerAdmin(app, stack.database.db);
    const service = await catalogueService(admin.auth, {
      kind: 'written_advice',
      title: 'Written legal opinion',
      price: 50_000,
      currency: 'AZN',
    });

    const client = await registerAndLogin(app);
    const order = { serviceId: service.id, form: { question: 'May my landlord raise the rent mid-lease?' } };
    // ACC-5: no order before the current Terms are accepted.
    const refused = await app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: { ...client.auth, 'idempotency-key': 'order-e2e-refused' },
      payload: order,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'TERMS_NOT_ACCEPTED' });
    await acceptTerms(client.auth);

    const headers = { ...client.auth, 'idempotency-key': 'order-e2e-0001' };
    const placed = await app.inject({ method: 'POST', url: '/v1/orders', headers, payload: order });
    expect(placed.statusCode, placed.body).toBe(201);
    const { orderId, checkoutUrl } = placed.json<{ orderId: string; checkoutUrl: string }>();
    // A retried request is the same order, not a second one.
    const retried = await app.inject({ method: 'POST', url: '/v1/orders', headers, payload: order });
    expect(retried.json()).toMatchObject({ orderId, checkoutUrl });
    expect(await stack.database.db.order.count({ where: { clientId: client.user.id } })).toBe(1);

    // PAY-4: a later price change does not touch the placed order.
    await app.inject({ method: 'PATCH', url: `/v1/admin/catalogue/${service.id}`, headers: admin.auth, payload: { price: 70_000 } });

    // The client pays on the sandbox acquirer's checkout page; its webhook signals the workflow.
    const paid = await app.inject({
      method: 'POST',
      url: `${new URL(checkoutUrl).pathname}/pay`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(paid.statusCode, paid.body).toBe(200);
    await sandboxOf(stack).idle();
    await waitForStatus(orderId, client.auth, 'awaiting_lawyer');
    await stack.smtp.waitFor((mail) => mail.to.includes(client.registration.email) && mail.raw.includes('Order registered'));

    // A lawyer takes it from the queue and delivers a PDF.
    const lawyer = await registerSpecialist(app, stack.database.db);
    const queue = (await app.inject({ method: 'GET', url: '/v1/lawyer/queue', headers: lawyer.auth })).json<{
      items: { id: string; price: number }[];
    }>();
    expect(queue.items.find((o) => o.id === orderId)?.price).toBe(50_000);
    expect((await app.inject({ method: 'POST', url: `/v1/orders/${orderId}/accept`, headers: lawyer.auth })).statusCode).toBe(200);
    const opinion = await upload(lawyer.auth, 'opinion.pdf', await pdf(2));
    const delivered = await app.inject({
      method: 'POST',
      url: `/v1/orders/${orderId}/deliveries`,
      headers: lawyer.auth,
      payload: { fileId: opinion },
    });
    expect(delivered.statusCode, delivered.body).toBe(200);
    await waitForStatus(orderId, client.auth, 'delivered');

    // EL-DONE-1: the result is in the client's cabinet.
    const documents = (await app.inject({ method: 'GET', url: `/v1/orders/${orderId}/documents`, headers: client.auth })).json<{
      items: { fileId: string; role: string }[];
    }>();
    expect(documents.items).toEqual([expect.objectContaining({ fileId: opinion, role: 'deliverable' })]);
    const download = await app.inject({ method: 'GET', url: `/v1/files/${opinion}/content`, headers: client.auth });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    // PAY-2: the hold was posted on delivery: price 50 000 minus the 20 % commission.
    // The mirror can show `delivered` before the holds are settled (publish may send the state the
    // delivery produced while its mail activity runs), so wait for the settled outcome (orders-api).
    const settled = async () => (await stack.client.workflow.getHandle(orderWorkflowId(orderId)).query(orderState)).outcome;
    await expect.poll(settled, { timeout: 15_000 }).toMatchObject({ status: 'delivered', toSpecialist: 40_000, kept: 10_000, refunded: 0 });
    const balance = (await app.inject({ method: 'GET', url: '/v1/me/balance', headers: lawyer.auth })).json<{ balances: unknown[] }>();
    expect(balance.balances).toEqual([{ currency: 'AZN', available: 40_000, held: 0 }]);
    await expectBooksBalanced(stack.database.db);

    // Operators find the order in the Temporal UI by its search attributes (visibility lags a little).
    const query = `OrderId = '${orderId}' AND OrderClientId = '${client.user.id}' AND OrderLawyerId = '${lawyer.user.id}' AND OrderKind = 'written_advice' AND OrderStatus = 'delivered'`;
    await expect
      .poll(
        async () => {
          const found: string[] = [];
          for await (const execution of stack.client.workflow.list({ query })) found.push(execution.workflowId);
          return found;
        },
        { timeout: 10_000 },
      )
      .toEqual([orderWorkflowId(orderId)]);
  });
});
