import { randomUUID } from 'node:crypto';
import { PDFDocument } from '@cantoo/pdf-lib';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../api/app.ts';
import { registerAdmin, registerAndLogin, registerSpecialist } from '../support/factories.ts';
import { expectBooksBalanced } from '../support/ledger-invariants.ts';
import { sandboxOf } from '../support/payments.ts';
import { startStack, type Stack } from '../support/stack.ts';

// The orders API on the dev server with the real ledger: who may order what (ACC-4/5,
// EL-ORAL-1, EL-DOC-2, EL-CON-1), the refund quote and cancellation (EL-REF-1), roles.

let stack: Stack;
let app: App;
let adminAuth: Record<string, string>;
const services: Record<string, { id: string }> = {};

beforeAll(async () => {
  stack = await startStack();
  app = stack.app;
  adminAuth = (await registerAdmin(app, stack.database.db)).auth;
  for (const [name, body] of Object.entries({
    written: { kind: 'written_advice', title: 'Written opinion', price: 50_000, currency: 'AZN' },
    oral: { kind: 'oral_advice', title: 'Video consultation', price: 30_000, currency: 'AZN' },
    review: { kind: 'document_review', title: 'Contract review', price: 4_000, currency: 'AZN', perPage: true, docDays: 3 },
    contract: {
      kind: 'contract_template',
      title: 'Service agreement',
      price: 10_000,
      currency: 'AZN',
      contractTemplateId: 'service-agreement',
    },
  })) {
    const created = await app.inject({ method: 'POST', url: '/v1/admin/catalogue', headers: adminAuth, payload: body });
    expect(created.statusCode, created.body).toBe(201);
    services[name] = created.json<{ id: string }>();
  }
});
afterAll(async () => {
  await expectBooksBalanced(stack.database.db);
  await stack?.close();
});

async function client(overrides: Record<string, unknown> = {}) {
  const user = await registerAndLogin(app, overrides);
  const terms = (await app.inject({ method: 'GET', url: '/v1/me/terms', headers: user.auth })).json<{ version: string }>();
  await app.inject({ method: 'POST', url: '/v1/me/terms-acceptances', headers: user.auth, payload: { version: terms.version } });
  return user;
}

const place = (auth: Record<string, string>, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: '/v1/orders', headers: { ...auth, 'idempotency-key': `order-${randomUUID()}` }, payload });

async function uploadPdf(auth: Record<string, string>, pages: number): Promise<string> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage();
  const boundary = '----orders-test';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="contract.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    Buffer.from(await doc.save()),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const response = await app.inject({
    method: 'POST',
    url: '/v1/files',
    headers: { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
  return response.json<{ id: string }>().id;
}

describe('placing orders', () => {
  it('ACC-4: a 16-year-old without an approved court act is refused with VERIFICATION_REQUIRED', async () => {
    const teen = await client({ birthDate: DateTime.now().minus({ years: 16, days: 10 }).toISODate() });
    const response = await place(teen.auth, { serviceId: services.written!.id });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'VERIFICATION_REQUIRED' });
  });

  it('EL-ORAL-1: the server refuses a slot 47 h 59 min ahead and accepts 48 h 01 min (Baku wall clock)', async () => {
    const user = await client();
    const baku = (ms: number) => DateTime.fromMillis(Date.now() + ms, { zone: 'Asia/Baku' }).toFormat("yyyy-MM-dd'T'HH:mm");
    const early = await place(user.auth, { serviceId: services.oral!.id, slot: baku(47 * 3_600_000 + 59 * 60_000) });
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({ code: 'ORDER_SLOT_TOO_EARLY' });
    const ok = await place(user.auth, { serviceId: services.oral!.id, slot: baku(48 * 3_600_000 + 2 * 60_000) });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ order: { status: 'awaiting_payment', kind: 'oral_advice' } });
  });

  it('EL-DOC-2: a PDF’s pages are counted from the file and priced per page', async () => {
    const user = await client();
    const fileId = await uploadPdf(user.auth, 3);
    const response = await place(user.auth, { serviceId: services.review!.id, documentFileIds: [fileId] });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ order: { price: 12_000 } });
    const { orderId } = response.json<{ orderId: string }>();
    const docs = (await app.inject({ method: 'GET', url: `/v1/orders/${orderId}/documents`, headers: user.auth })).json<{
      items: unknown[];
    }>();
    expect(docs.items).toEqual([expect.objectContaining({ fileId, role: 'attachment', pages: 3 })]);
  });

  it('EL-CON-1: missing or invalid template fields are refused field by field', async () => {
    const user = await client();
    const response = await place(user.auth, {
      serviceId: services.contract!.id,
      contract: { templateId: 'service-agreement', fields: { city: 'Bakı', date: '2026-13-01' } },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json<{ code: string; errors: { path: string }[] }>();
    expect(body.code).toBe('CONTRACT_FIELDS_INVALID');
    expect(body.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['fields.date', 'fields.customer', 'fields.price']));
  });

  it('EL-CON-1, EL-DONE-1: a paid contract order is generated at once and downloadable from the cabinet', async () => {
    const user = await client();
    const fields = {
      city: 'Bakı',
      date: '2026-12-01',
      customer: 'Əliyev Vüqar',
      contractor: 'Quliyeva Aytən',
      subject: 'Bookkeeping for December 2026',
      price: '500.00',
      dueDate: '2026-12-31',
    };
    const placed = await place(user.auth, { serviceId: services.contract!.id, contract: { templateId: 'service-agreement', fields } });
    expect(placed.statusCode, placed.body).toBe(201);
    const { orderId, checkoutUrl } = placed.json<{ orderId: string; checkoutUrl: string }>();
    await app.inject({
      method: 'POST',
      url: `${new URL(checkoutUrl).pathname}/pay`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    await sandboxOf(stack).idle();
    await expect
      .poll(async () => (await stack.database.db.order.findUniqueOrThrow({ where: { id: orderId } })).status, { timeout: 15_000 })
      .toBe('delivered');
    const docs = (await app.inject({ method: 'GET', url: `/v1/orders/${orderId}/documents`, headers: user.auth })).json<{
      items: { fileId: string; role: string }[];
    }>();
    const contract = docs.items.find((d) => d.role === 'deliverable')!;
    const download = await app.inject({ method: 'GET', url: `/v1/files/${contract.fileId}/content`, headers: user.auth });
    expect(download.statusCode).toBe(200);
    expect(download.body).toContain('Əliyev Vüqar (the Customer) and Quliyeva Aytən (the Contractor) agree as follows.');
  });

  it('EL-ORD-2: placing an order needs an Idempotency-Key, so a retry can never make a second order', async () => {
    const user = await client();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: user.auth,
      payload: { serviceId: services.written!.id },
    });
    expect(response.statusCode).toBe(400);
    expect(await stack.database.db.order.count({ where: { clientId: user.user.id } })).toBe(0);
  });

  it('EL-ORD-1: lawyers and anonymous callers cannot order', async () => {
    expect((await app.inject({ method: 'POST', url: '/v1/orders', payload: { serviceId: services.written!.id } })).statusCode).toBe(401);
    expect((await place(adminAuth, { serviceId: services.written!.id })).statusCode).toBe(403);
  });
});

describe('EL-REF-1: cancelling with the quote shown first', () => {
  it('EL-REF-1, PAY-6: within 3 h of payment the quote is 90 % until the tier boundary; confirming refunds it to the card', async () => {
    const user = await client();
    const placed = await place(user.auth, { serviceId: services.written!.id });
    const { orderId, checkoutUrl } = placed.json<{ orderId: string; checkoutUrl: string }>();
    await app.inject({
      method: 'POST',
      url: `${new URL(checkoutUrl).pathname}/pay`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    await sandboxOf(stack).idle();
    await expect
      .poll(
        async () =>
          (await app.inject({ method: 'GET', url: `/v1/orders/${orderId}`, headers: user.auth })).json<{ status: string }>().status,
        { timeout: 15_000 },
      )
      .toBe('awaiting_lawyer');

    const quote = (await app.inject({ method: 'GET', url: `/v1/orders/${orderId}/refund-quote`, headers: user.auth })).json<
      Record<string, unknown>
    >();
    expect(quote).toMatchObject({ refundBps: 9000, refunded: 45_000, kept: 5_000, policyVersion: 'e-legal-7.9-7.10/2026-1' });
    const order = (await app.inject({ method: 'GET', url: `/v1/orders/${orderId}`, headers: user.auth })).json<{ paidAt: string }>();
    expect(Date.parse(quote.validUntil as string) - Date.parse(order.paidAt)).toBe(3 * 3_600_000);

    const stale = await app.inject({
      method: 'POST',
      url: `/v1/orders/${orderId}/cancel`,
      headers: user.auth,
      payload: { acceptedRefundBps: 7000 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'REFUND_QUOTE_EXPIRED' });
    const cancelled = await app.inject({
      method: 'POST',
      url: `/v1/orders/${orderId}/cancel`,
      headers: user.auth,
      payload: { acceptedRefundBps: 9000 },
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', refunded: 45_000, kept: 5_000 });
    const refund = await stack.database.db.refund.findFirst({ where: { payment: { payerUserId: user.user.id } } });
    expect(Number(refund?.amount)).toBe(45_000);
    await expect.poll(async () => (await stack.database.db.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe('cancelled');
    // Closed: a second cancellation is refused.
    expect(
      (await app.inject({ method: 'POST', url: `/v1/orders/${orderId}/cancel`, headers: user.auth, payload: { acceptedRefundBps: 9000 } }))
        .statusCode,
    ).toBe(409);
  });

  it('EL-ORD-3, EL-REF-3: an admin assigns a lawyer (only a specialist) and may refuse the service: 85 % back', async () => {
    const user = await client();
    const { orderId, checkoutUrl } = (await place(user.auth, { serviceId: services.written!.id })).json<{
      orderId: string;
      checkoutUrl: string;
    }>();
    await app.inject({
      method: 'POST',
      url: `${new URL(checkoutUrl).pathname}/pay`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    await sandboxOf(stack).idle();
    await expect
      .poll(async () => (await stack.database.db.order.findUniqueOrThrow({ where: { id: orderId } })).status, { timeout: 15_000 })
      .toBe('awaiting_lawyer');
    const notALawyer = await app.inject({
      method: 'POST',
      url: `/v1/admin/orders/${orderId}/assignment`,
      headers: adminAuth,
      payload: { lawyerId: user.user.id },
    });
    expect(notALawyer.statusCode).toBe(400);
    const lawyer = await registerSpecialist(app, stack.database.db);
    const assigned = await app.inject({
      method: 'POST',
      url: `/v1/admin/orders/${orderId}/assignment`,
      headers: adminAuth,
      payload: { lawyerId: lawyer.user.id },
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    await expect
      .poll(async () =>
        (await app.inject({ method: 'GET', url: '/v1/lawyer/orders', headers: lawyer.auth }))
          .json<{ items: { id: string }[] }>()
          .items.map((o) => o.id),
      )
      .toEqual([orderId]);
    const refused = await app.inject({
      method: 'POST',
      url: `/v1/admin/orders/${orderId}/refusal`,
      headers: adminAuth,
      payload: { reason: 'claims against the platform (§10.4)' },
    });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json()).toMatchObject({ status: 'refused', refundBps: 8500, refunded: 42_500, kept: 7_500 });
  });

  it('other clients cannot see or cancel an order; a client cannot use the lawyer or admin routes', async () => {
    const owner = await client();
    const { orderId } = (await place(owner.auth, { serviceId: services.written!.id })).json<{ orderId: string }>();
    const stranger = await client();
    expect((await app.inject({ method: 'GET', url: `/v1/orders/${orderId}`, headers: stranger.auth })).statusCode).toBe(404);
    expect(
      (await app.inject({ method: 'POST', url: `/v1/orders/${orderId}/cancel`, headers: stranger.auth, payload: { acceptedRefundBps: 0 } }))
        .statusCode,
    ).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/v1/lawyer/queue', headers: owner.auth })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/v1/admin/orders/overdue', headers: owner.auth })).statusCode).toBe(403);
    const all = (await app.inject({ method: 'GET', url: '/v1/admin/orders?status=awaiting_payment', headers: adminAuth })).json<{
      items: { id: string }[];
    }>();
    expect(all.items.map((o) => o.id)).toContain(orderId);
    // EL-ORD-2: cancelling before paying costs nothing.
    const cancelled = await app.inject({
      method: 'POST',
      url: `/v1/orders/${orderId}/cancel`,
      headers: owner.auth,
      payload: { acceptedRefundBps: 0 },
    });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', refunded: 0, kept: 0 });
  });
});
