import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFUND_POLICY_VERSION } from '../../domain/orders/refund-policy.ts';
import { nameBasedUuid } from '../../services/platform/ids.ts';
import { expectBooksBalanced } from '../support/ledger-invariants.ts';
import {
  addService,
  mirroredStatus,
  newAdmin,
  newClient,
  newLawyer,
  payAtCheckout,
  pdfWithPages,
  placed,
  placeOrder,
  uploadFile,
  type Person,
} from '../support/orders.ts';
import { startStack, type Stack } from '../support/stack.ts';

// The orders API beyond test/api/orders.test.ts (the orders branch's): the catalogue and PAY-4,
// fetching the checkout again, idempotent placing after a half-failed attempt, who may read
// an order's files, bad input, and the OpenAPI listing — against the real workflow on the dev server.

let stack: Stack;
let admin: Person;
let writtenAdvice: { id: string };
beforeAll(async () => {
  stack = await startStack();
  admin = await newAdmin(stack);
  writtenAdvice = await addService(stack, admin.auth, { kind: 'written_advice', price: 100_000 });
});
afterAll(async () => stack?.close());

const FORM = { question: 'Please review whether my employer may cut my salary.' };
const get = (url: string, headers: Record<string, string>) => stack.app.inject({ method: 'GET', url, headers });
const post = (url: string, headers: Record<string, string>, payload: object = {}) =>
  stack.app.inject({ method: 'POST', url, headers, payload });

describe('catalogue', () => {
  it('PAY-4: lists services; an admin price edit changes new orders only, never an order already placed', async () => {
    const service = await addService(stack, admin.auth, {
      kind: 'document_preparation',
      title: 'Power of attorney draft',
      price: 50_000,
      docDays: 3,
    });
    const listed = (await stack.app.inject({ method: 'GET', url: '/v1/catalogue' })).json();
    expect(listed.items).toContainEqual(
      expect.objectContaining({ id: service.id, price: 50_000, currency: 'AZN', docDays: 3, perPage: false }),
    );

    const client = await newClient(stack);
    const before = await placed(stack, client.auth, { serviceId: service.id, form: FORM });
    const edit = await stack.app.inject({
      method: 'PATCH',
      url: `/v1/admin/catalogue/${service.id}`,
      headers: admin.auth,
      payload: { price: 70_000 },
    });
    expect(edit.json()).toMatchObject({ price: 70_000 });
    const byClient = await stack.app.inject({
      method: 'PATCH',
      url: `/v1/admin/catalogue/${service.id}`,
      headers: client.auth,
      payload: { price: 1 },
    });
    expect(byClient.statusCode).toBe(403);

    const old = (await get(`/v1/orders/${before.orderId}`, client.auth)).json();
    expect(old).toMatchObject({ price: 50_000, state: { price: 50_000 } });
    expect(old.state.charges).toEqual([expect.objectContaining({ purpose: 'order', amount: 50_000, status: 'awaiting_payment' })]);
    const after = await placed(stack, client.auth, { serviceId: service.id, form: FORM });
    expect(after.order.price).toBe(70_000);
  });

  it("an admin's retried create with the same Idempotency-Key makes one service", async () => {
    const body = { kind: 'written_advice', title: 'Tax opinion', price: 60_000, currency: 'AZN' };
    const headers = { ...admin.auth, 'idempotency-key': 'catalogue-create-0001' };
    const first = await stack.app.inject({ method: 'POST', url: '/v1/admin/catalogue', headers, payload: body });
    const again = await stack.app.inject({ method: 'POST', url: '/v1/admin/catalogue', headers, payload: body });
    expect([first.statusCode, again.statusCode]).toEqual([201, 201]);
    expect(again.json().id).toBe(first.json().id);
    expect(await stack.database.db.catalogueService.count({ where: { title: 'Tax opinion' } })).toBe(1);
  });
});

describe('paying', () => {
  it('EL-ORD-2: the checkout can be fetched again while the order waits for payment, and not once it is paid', async () => {
    const client = await newClient(stack);
    const order = await placed(stack, client.auth, { serviceId: writtenAdvice.id, form: FORM });
    const again = await stack.app.inject({ method: 'GET', url: `/v1/orders/${order.orderId}/checkout`, headers: client.auth });
    expect(again.json()).toEqual({ orderId: order.orderId, paymentId: order.paymentId, checkoutUrl: order.checkoutUrl });
    await payAtCheckout(stack, order.checkoutUrl);
    await mirroredStatus(stack, order.orderId, 'awaiting_lawyer');
    const paid = await stack.app.inject({ method: 'GET', url: `/v1/orders/${order.orderId}/checkout`, headers: client.auth });
    expect([paid.statusCode, paid.json().code]).toEqual([409, 'ORDER_STATE_CONFLICT']);
    await expectBooksBalanced(stack.database.db);
  });
});

describe('placing is idempotent', () => {
  it('EL-ORD-2, PAY-4: the same Idempotency-Key gives the same order, price and workflow, even after a half-failed first attempt', async () => {
    const service = await addService(stack, admin.auth, { kind: 'written_advice', title: 'Employment opinion', price: 100_000 });
    const client = await newClient(stack);
    const body = { serviceId: service.id, form: FORM };
    const first = await placeOrder(stack, client.auth, body, 'retry-key-0001');
    const again = await placeOrder(stack, client.auth, body, 'retry-key-0001');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    // The stored response is lost (as if the first attempt died after starting the workflow)
    // and the price changes meanwhile: the retry still finds the same order at its first price
    // and attaches to the same workflow.
    await stack.database.db.idempotencyRecord.deleteMany({ where: { key: 'retry-key-0001' } });
    await stack.app.inject({ method: 'PATCH', url: `/v1/admin/catalogue/${service.id}`, headers: admin.auth, payload: { price: 1 } });
    const retried = await placeOrder(stack, client.auth, body, 'retry-key-0001');
    expect(retried.statusCode).toBe(201);
    expect(retried.json()).toMatchObject({
      orderId: first.json().orderId,
      order: { price: 100_000 },
      checkoutUrl: first.json().checkoutUrl,
    });
    expect(await stack.database.db.order.count({ where: { clientId: client.user.id } })).toBe(1);
    const runs = await stack.client.workflow.count(`WorkflowId = 'order-${first.json().orderId}'`);
    expect(runs.count).toBe(1);

    const otherBody = await placeOrder(stack, client.auth, { ...body, form: { question: 'And my bonus?' } }, 'retry-key-0001');
    expect(otherBody.statusCode).toBe(422);
    expect(otherBody.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('PAY-4: a retry after an attempt that saved the order but never started its workflow charges the price it was placed at', async () => {
    const service = await addService(stack, admin.auth, { kind: 'written_advice', title: 'Tenancy opinion', price: 70_000 });
    const client = await newClient(stack);
    const key = 'saved-not-started-0001';
    // What the first attempt left behind when it died between saving the order and starting
    // its workflow: the order row at the old price, no workflow, no stored response.
    const orderId = nameBasedUuid(`order/${client.user.id}/${key}`);
    await stack.database.db.order.create({
      data: {
        id: orderId,
        clientId: client.user.id,
        serviceId: service.id,
        kind: 'written_advice',
        title: 'Tenancy opinion',
        status: 'awaiting_payment',
        price: 70_000n,
        currency: 'AZN',
        commissionBps: 2000,
        refundPolicyVersion: REFUND_POLICY_VERSION,
        form: FORM,
      },
    });
    await stack.app.inject({ method: 'PATCH', url: `/v1/admin/catalogue/${service.id}`, headers: admin.auth, payload: { price: 90_000 } });

    const retried = await placeOrder(stack, client.auth, { serviceId: service.id, form: FORM }, key);
    expect(retried.statusCode).toBe(201);
    expect(retried.json()).toMatchObject({ orderId, order: { price: 70_000 } });
    const state = await stack.client.workflow.getHandle(`order-${orderId}`).query<{ price: number }>('state');
    expect(state.price).toBe(70_000);
    const payment = await stack.database.db.payment.findFirstOrThrow({ where: { payerUserId: client.user.id } });
    expect(payment.amount).toBe(70_000n);
  });

  it('EL-ORD-2: a retry arriving after the order has closed never starts its workflow again (no second payment)', async () => {
    const client = await newClient(stack);
    const body = { serviceId: writtenAdvice.id, form: FORM };
    const first = (await placeOrder(stack, client.auth, body, 'late-retry-0001')).json();
    // The workflow has closed. An unpaid order's workflow stays open for its payment window (to
    // return a late payment), so it is ended here directly; any closed run stands for the case.
    await stack.client.workflow.getHandle(`order-${first.orderId}`).terminate('closed for the test');
    await stack.database.db.idempotencyRecord.deleteMany({ where: { key: 'late-retry-0001' } });
    const late = await placeOrder(stack, client.auth, body, 'late-retry-0001');
    expect([late.statusCode, late.json().code]).toEqual([409, 'ORDER_CLOSED']);
    const runs = await stack.client.workflow.count(`WorkflowId = 'order-${first.orderId}'`);
    expect(runs.count).toBe(1);
    expect(await stack.database.db.payment.count({ where: { payerUserId: client.user.id } })).toBe(1);
  });
});

describe('access and bad input', () => {
  it('documents every orders route in OpenAPI', async () => {
    const spec = (await stack.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const documented = Object.entries(spec.paths as Record<string, object>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    for (const route of [
      'GET /v1/catalogue/',
      'POST /v1/admin/catalogue/',
      'PATCH /v1/admin/catalogue/{id}',
      'POST /v1/orders/',
      'GET /v1/orders/',
      'GET /v1/orders/{id}',
      'GET /v1/orders/{id}/checkout',
      'GET /v1/orders/{id}/refund-quote',
      'POST /v1/orders/{id}/cancel',
      'POST /v1/orders/{id}/clarifications',
      'POST /v1/orders/{id}/agreement',
      'POST /v1/orders/{id}/call-extension',
      'GET /v1/orders/{id}/documents',
      'GET /v1/lawyer/orders',
      'GET /v1/lawyer/queue',
      'POST /v1/orders/{id}/accept',
      'POST /v1/orders/{id}/deliveries',
      'POST /v1/orders/{id}/clarification-requests',
      'POST /v1/orders/{id}/deadline-extension',
      'POST /v1/orders/{id}/extension-proposal',
      'POST /v1/orders/{id}/reschedule-proposal',
      'POST /v1/orders/{id}/call/start',
      'POST /v1/orders/{id}/call/end',
      'POST /v1/orders/{id}/call/client-no-show',
      'POST /v1/orders/{id}/page-count',
      'POST /v1/orders/{id}/extra-items',
      'GET /v1/admin/orders/',
      'GET /v1/admin/orders/overdue',
      'POST /v1/admin/orders/{id}/assignment',
      'POST /v1/admin/orders/{id}/refusal',
    ]) {
      expect(documented).toContain(route);
    }
  });

  it('EL-DONE-1: only the parties see an order and its documents; anyone else gets 404', async () => {
    const client = await newClient(stack);
    const file = await uploadFile(stack, client.auth, await pdfWithPages(1));
    const order = await placed(stack, client.auth, { serviceId: writtenAdvice.id, form: FORM, documentFileIds: [file] });
    const stranger = await newClient(stack);
    const lawyer = await newLawyer(stack);
    for (const [who, url] of [
      [stranger, `/v1/orders/${order.orderId}`],
      [stranger, `/v1/orders/${order.orderId}/documents`],
      [stranger, `/v1/files/${file}/content`],
      [stranger, `/v1/orders/${order.orderId}/refund-quote`],
      [stranger, `/v1/orders/${order.orderId}/checkout`],
      // An unpaid order is not in the lawyers' queue, so no lawyer may see it yet.
      [lawyer, `/v1/orders/${order.orderId}`],
      [lawyer, `/v1/files/${file}/content`],
    ] as const) {
      const response = await get(url, who.auth);
      expect({ url, status: response.statusCode }).toEqual({ url, status: 404 });
    }
    expect((await post(`/v1/orders/${order.orderId}/cancel`, stranger.auth, { acceptedRefundBps: 0 })).statusCode).toBe(404);
    expect((await post(`/v1/orders/${order.orderId}/accept`, lawyer.auth)).statusCode).toBe(404);
    expect((await get(`/v1/files/${file}/content`, client.auth)).statusCode).toBe(200);
  });

  it('answers bad input with 4xx problem details, never 500', async () => {
    const client = await newClient(stack);
    const others = await uploadFile(stack, (await newClient(stack)).auth, await pdfWithPages(1));
    const cases: [string, Promise<{ statusCode: number; json(): { code: string } }>, number, string][] = [
      [
        'EL-ORD-2: no Idempotency-Key',
        post('/v1/orders', client.auth, { serviceId: writtenAdvice.id, form: FORM }),
        400,
        'VALIDATION_FAILED',
      ],
      ['serviceId not a UUID', placeOrder(stack, client.auth, { serviceId: 'abc', form: FORM }), 400, 'VALIDATION_FAILED'],
      ['form not an object', placeOrder(stack, client.auth, { serviceId: writtenAdvice.id, form: 'help' }), 400, 'VALIDATION_FAILED'],
      ['unknown service', placeOrder(stack, client.auth, { serviceId: crypto.randomUUID(), form: FORM }), 422, 'SERVICE_NOT_AVAILABLE'],
      [
        "someone else's file",
        placeOrder(stack, client.auth, { serviceId: writtenAdvice.id, form: FORM, documentFileIds: [others] }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'EL-DOC-2: zero declared pages',
        placeOrder(stack, client.auth, { serviceId: writtenAdvice.id, form: FORM, declaredPages: 0 }),
        400,
        'VALIDATION_FAILED',
      ],
      ['bad cursor', get('/v1/orders?cursor=zzz', client.auth), 400, 'VALIDATION_FAILED'],
      ['unknown order', get(`/v1/orders/${crypto.randomUUID()}`, client.auth), 404, 'NOT_FOUND'],
      [
        'refund share not a number',
        post(`/v1/orders/${crypto.randomUUID()}/cancel`, client.auth, { acceptedRefundBps: 'all' }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'refund share above 100 %',
        post(`/v1/orders/${crypto.randomUUID()}/cancel`, client.auth, { acceptedRefundBps: 10_001 }),
        400,
        'VALIDATION_FAILED',
      ],
      ['client on a lawyer route', get('/v1/lawyer/queue', client.auth), 403, 'FORBIDDEN'],
      ['client on an admin route', get('/v1/admin/orders/overdue', client.auth), 403, 'FORBIDDEN'],
      ['no token', get('/v1/orders', {}), 401, 'UNAUTHENTICATED'],
      [
        'EL-DOC-1: document work of 9 days',
        post('/v1/admin/catalogue', admin.auth, {
          kind: 'translation',
          title: 'Slow',
          price: 1,
          currency: 'AZN',
          perPage: true,
          docDays: 9,
        }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'EL-DOC-2: a translation not priced per page',
        post('/v1/admin/catalogue', admin.auth, { kind: 'translation', title: 'Flat', price: 1, currency: 'AZN', docDays: 3 }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'EL-CON-1: a contract service without a template',
        post('/v1/admin/catalogue', admin.auth, { kind: 'contract_template', title: 'Blank', price: 1, currency: 'AZN' }),
        400,
        'VALIDATION_FAILED',
      ],
    ];
    for (const [name, pending, status, code] of cases) {
      const response = await pending;
      expect({ name, status: response.statusCode, code: response.json().code }).toEqual({ name, status, code });
    }
  });
});
