import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { startPayment } from '../../services/money/payments/payments.ts';
import { SandboxAcquirer } from '../../services/money/payments/sandbox-acquirer.ts';
import { signWebhook } from '../../services/money/payments/webhook-signature.ts';
import { DEV_PAYMENTS_WEBHOOK_SECRET } from '../../infra/config.ts';
import { expectBooksBalanced } from '../support/ledger-invariants.ts';
import { testDataConverter } from '../support/config.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { balanceOf, createUser } from './ledger-support.ts';
import { clickCheckout, moneyActivities, openCheckout, paidPayment, sandboxOf } from '../support/payments.ts';
import { moneySteps } from './workflows/money-steps.ts';
import { paymentListener, receivedPayments } from './workflows/payment-listener.ts';

// Payments through the sandbox acquirer and its signed webhooks, on the real stack: real
// PostgreSQL, the Temporal dev server, the HTTP app through inject().

let stack: Stack;
let listenerWorker: Worker;
let listenerRunning: Promise<void>;
let listenerConnection: NativeConnection;
const listenerQueue = `payment-listener-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  stack = await startStack();
  listenerConnection = await NativeConnection.connect({ address: inject('temporalAddress') });
  listenerWorker = await Worker.create({
    connection: listenerConnection,
    taskQueue: listenerQueue,
    workflowsPath: fileURLToPath(new URL('./workflows/index.ts', import.meta.url)),
    dataConverter: testDataConverter(),
  });
  listenerRunning = listenerWorker.run();
});
afterAll(async () => {
  listenerWorker?.shutdown();
  await listenerRunning;
  await listenerConnection?.close();
  await stack?.close();
});
afterEach(() => expectBooksBalanced(stack.database.db));

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: { type?: string; code?: string }) => error.type ?? error.code,
  );

async function deliver(payload: string, signature = signWebhook(DEV_PAYMENTS_WEBHOOK_SECRET, payload, Date.now())) {
  return stack.app.inject({
    method: 'POST',
    url: '/v1/payments/webhook',
    headers: { 'content-type': 'application/json', 'x-sandbox-signature': signature },
    payload,
  });
}

async function webhookOf(checkoutPath: string) {
  const operation = await sandboxOf(stack).checkout(checkoutPath.split('/').at(-1)!);
  return sandboxOf(stack).webhookFor(operation!).body;
}

describe('payments through the sandbox acquirer', () => {
  it('PAY-2: paying on the checkout page credits the payer once the signed webhook arrives, and signals the workflow', async () => {
    const payer = await createUser(stack.database.db);
    const workflowId = `order-test-${randomUUID()}`;
    const listener = await stack.client.workflow.start(paymentListener, { workflowId, taskQueue: listenerQueue });
    const checkout = await openCheckout(stack, { payerUserId: payer, amount: 150_000, notifyWorkflowId: workflowId });
    expect(checkout.checkoutUrl).toMatch(/^http:\/\/127\.0\.0\.1:3000\/v1\/payments\/checkout\/[0-9a-f-]{36}$/);

    const page = await stack.app.inject({ method: 'GET', url: checkout.checkoutPath });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('UZS\u00a01,500.00'); // 150 000 minor units, shown in major units
    expect(page.body).toMatch(/<button type="submit">Pay<\/button>[\s\S]*<button type="submit">Decline<\/button>/);
    expect(await balanceOf(stack.database.db, payer)).toEqual({ available: 0, held: 0 });

    await clickCheckout(stack, checkout.checkoutPath, 'pay');
    expect(await balanceOf(stack.database.db, payer)).toEqual({ available: 150_000, held: 0 });
    const payment = await stack.database.db.payment.findUniqueOrThrow({ where: { id: checkout.paymentId } });
    expect(payment.status).toBe('succeeded');
    await expect
      .poll(() => listener.query(receivedPayments), { timeout: 10_000 })
      .toEqual([{ paymentId: checkout.paymentId, status: 'succeeded', settledAt: payment.settledAt!.getTime() }]);
    await listener.signal('finish');
  });

  it('a declined payment moves no money and tells the workflow it failed', async () => {
    const payer = await createUser(stack.database.db);
    const workflowId = `order-test-${randomUUID()}`;
    const listener = await stack.client.workflow.start(paymentListener, { workflowId, taskQueue: listenerQueue });
    const checkout = await openCheckout(stack, { payerUserId: payer, amount: 9_000, notifyWorkflowId: workflowId });
    const page = await clickCheckout(stack, checkout.checkoutPath, 'decline');
    expect(page.body).toContain('This payment is declined');
    expect(await balanceOf(stack.database.db, payer)).toEqual({ available: 0, held: 0 });
    await expect
      .poll(() => listener.query(receivedPayments), { timeout: 10_000 })
      .toEqual([expect.objectContaining({ paymentId: checkout.paymentId, status: 'failed' })]);
    await listener.signal('finish');
    // A later click cannot turn the decided checkout into a payment.
    await clickCheckout(stack, checkout.checkoutPath, 'pay');
    expect(await balanceOf(stack.database.db, payer)).toEqual({ available: 0, held: 0 });
  });

  it('an abandoned payment moves no money', async () => {
    const payer = await createUser(stack.database.db);
    await openCheckout(stack, { payerUserId: payer, amount: 5_000 });
    expect(await balanceOf(stack.database.db, payer)).toEqual({ available: 0, held: 0 });
    expect(await stack.database.db.ledgerAccount.count({ where: { userId: payer } })).toBe(0);
  });

  it('PAY-3: startPayment retried with the same key opens the same checkout; another body is refused', async () => {
    const payer = await createUser(stack.database.db);
    const input = {
      paymentKey: `order-${randomUUID()}/payment`,
      payerUserId: payer,
      amount: 700,
      currency: 'UZS',
      description: 'Order',
      notifyWorkflowId: 'order-x',
    };
    const first = await moneyActivities(stack).startPayment(input);
    expect(await moneyActivities(stack).startPayment(input)).toEqual(first);
    await expect(rejection(moneyActivities(stack).startPayment({ ...input, amount: 701 }))).resolves.toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await stack.database.db.sandboxAcquirerOperation.count({ where: { reference: first.paymentId } })).toBe(1);
  });
});

describe('money activities on the worker', () => {
  it('PAY-2: a workflow holds and settles through the registered activities; a refusal reaches it as a non-retryable failure', async () => {
    const db = stack.database.db;
    const [payer, specialist] = [await createUser(db), await createUser(db, 'specialist')];
    await paidPayment(stack, payer, 1_000);
    const orderId = `order-${randomUUID()}`;
    const result = await stack.client.workflow.execute(moneySteps, {
      workflowId: orderId,
      taskQueue: listenerQueue,
      args: [{ activityTaskQueue: stack.taskQueue, orderId, payer, specialist }],
    });
    expect(result).toEqual({
      settled: { holdId: expect.any(String), toSpecialist: 500, toPlatform: 100, returnedToPayer: 0 },
      refusal: 'INSUFFICIENT_FUNDS/true',
    });
    expect(await balanceOf(db, payer)).toEqual({ available: 400, held: 0 });
    expect(await balanceOf(db, specialist)).toEqual({ available: 500, held: 0 });
  });
});

describe('payment webhook', () => {
  it('PAY-3: refuses a bad signature with 401 and moves nothing', async () => {
    const payer = await createUser(stack.database.db);
    const checkout = await openCheckout(stack, { payerUserId: payer, amount: 4_000 });
    await sandboxOf(stack)
      .decide(checkout.checkoutPath.split('/').at(-1)!, 'pay')
      .then(() => undefined);
    await sandboxOf(stack).idle();
    const before = await balanceOf(stack.database.db, payer);
    const forged = JSON.stringify({
      id: 'forged-1',
      type: 'payment.succeeded',
      reference: checkout.paymentId,
      occurredAt: new Date().toISOString(),
    });

    const wrongKey = await deliver(forged, signWebhook('another-secret-another-secret-another-secret', forged, Date.now()));
    expect(wrongKey.statusCode).toBe(401);
    expect(wrongKey.json()).toMatchObject({ code: 'WEBHOOK_SIGNATURE_INVALID' });
    expect((await deliver(forged, 'garbage')).statusCode).toBe(401);
    expect((await deliver(forged, signWebhook(DEV_PAYMENTS_WEBHOOK_SECRET, forged, Date.now() - 3_600_000))).statusCode).toBe(401);
    const unsigned = await stack.app.inject({
      method: 'POST',
      url: '/v1/payments/webhook',
      headers: { 'content-type': 'application/json' },
      payload: forged,
    });
    expect(unsigned.statusCode).toBe(401);
    expect(await balanceOf(stack.database.db, payer)).toEqual(before);
  });

  it('PAY-3: a bad signature on an unpaid payment leaves it unpaid', async () => {
    const payer = await createUser(stack.database.db);
    const checkout = await openCheckout(stack, { payerUserId: payer, amount: 4_000 });
    const forged = JSON.stringify({
      id: 'forged-2',
      type: 'payment.succeeded',
      reference: checkout.paymentId,
      occurredAt: new Date().toISOString(),
    });
    expect((await deliver(forged, signWebhook('x'.repeat(40), forged, Date.now()))).statusCode).toBe(401);
    expect(await balanceOf(stack.database.db, payer)).toEqual({ available: 0, held: 0 });
    expect((await stack.database.db.payment.findUniqueOrThrow({ where: { id: checkout.paymentId } })).status).toBe('pending');
  });

  it('PAY-3: the same event delivered three times moves the money once', async () => {
    const payer = await createUser(stack.database.db);
    const checkout = await paidPayment(stack, payer, 12_345);
    const event = await webhookOf(checkout.checkoutPath);
    const answers = [await deliver(event), await deliver(event), await deliver(event)];
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    expect(answers.map((a) => a.json().duplicate)).toEqual([true, true, true]);
    expect(await balanceOf(stack.database.db, payer)).toEqual({ available: 12_345, held: 0 });
    const account = await stack.database.db.ledgerAccount.findUniqueOrThrow({ where: { code: `user:${payer}:UZS` } });
    expect(await stack.database.db.ledgerTransfer.count({ where: { creditAccountId: account.id } })).toBe(1);
  });

  it('PAY-3: the same event delivered three times at once moves the money once', async () => {
    const payer = await createUser(stack.database.db);
    const checkout = await openCheckout(stack, { payerUserId: payer, amount: 4_321 });
    const event = JSON.stringify({
      id: `concurrent-${randomUUID()}`,
      type: 'payment.succeeded',
      reference: checkout.paymentId,
      occurredAt: new Date().toISOString(),
    });
    const answers = await Promise.all([deliver(event), deliver(event), deliver(event)]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    expect(answers.filter((a) => a.json().duplicate === false)).toHaveLength(1);
    expect(await balanceOf(stack.database.db, payer)).toEqual({ available: 4_321, held: 0 });
  });

  it('PAY-3: events out of order — a late failure after a success changes nothing; a success after a failure credits once', async () => {
    const payer = await createUser(stack.database.db);
    const checkout = await paidPayment(stack, payer, 2_000);
    const lateFailure = JSON.stringify({
      id: `late-${randomUUID()}`,
      type: 'payment.failed',
      reference: checkout.paymentId,
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
    });
    expect((await deliver(lateFailure)).statusCode).toBe(200);
    expect((await stack.database.db.payment.findUniqueOrThrow({ where: { id: checkout.paymentId } })).status).toBe('succeeded');
    expect(await balanceOf(stack.database.db, payer)).toEqual({ available: 2_000, held: 0 });

    const other = await openCheckout(stack, { payerUserId: payer, amount: 300 });
    const failure = JSON.stringify({
      id: `f-${randomUUID()}`,
      type: 'payment.failed',
      reference: other.paymentId,
      occurredAt: new Date().toISOString(),
    });
    const success = JSON.stringify({
      id: `s-${randomUUID()}`,
      type: 'payment.succeeded',
      reference: other.paymentId,
      occurredAt: new Date().toISOString(),
    });
    expect((await deliver(failure)).statusCode).toBe(200);
    expect((await deliver(success)).statusCode).toBe(200);
    expect((await deliver(success)).statusCode).toBe(200);
    expect(await balanceOf(stack.database.db, payer)).toEqual({ available: 2_300, held: 0 });
  });

  it('answers an event for an unknown payment with 404 and a malformed signed body with 400', async () => {
    const unknown = JSON.stringify({
      id: 'u-1',
      type: 'payment.succeeded',
      reference: randomUUID(),
      occurredAt: new Date().toISOString(),
    });
    expect((await deliver(unknown)).statusCode).toBe(404);
    const malformed = JSON.stringify({ id: 'm-1', type: 'payment.teleported' });
    expect((await deliver(malformed)).statusCode).toBe(400);
  });

  it("PAY-3: the sandbox acquirer's default transport delivers the signed webhook over real HTTP", async () => {
    await stack.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = stack.app.server.address() as AddressInfo;
    const acquirer = new SandboxAcquirer({
      db: stack.database.db,
      secret: DEV_PAYMENTS_WEBHOOK_SECRET,
      publicBaseUrl: `http://127.0.0.1:${port}`,
    });
    const payer = await createUser(stack.database.db);
    const started = await startPayment(stack.database.db, acquirer, {
      paymentKey: `http-${randomUUID()}`,
      payerUserId: payer,
      amount: 777,
      currency: 'UZS',
      description: 'Over HTTP',
      notifyWorkflowId: 'none',
    });
    const page = await fetch(started.checkoutUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Over HTTP');
    await acquirer.decide(new URL(started.checkoutUrl).pathname.split('/').at(-1)!, 'pay');
    await acquirer.idle();
    expect(await balanceOf(stack.database.db, payer)).toEqual({ available: 777, held: 0 });
  });

  it('serves no checkout for an unknown id', async () => {
    expect((await stack.app.inject({ method: 'GET', url: `/v1/payments/checkout/${randomUUID()}` })).statusCode).toBe(404);
  });
});
