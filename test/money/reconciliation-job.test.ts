import { randomUUID } from 'node:crypto';
import { testDataConverter } from '../support/config.ts';
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, afterEach, beforeAll, describe, expect, it, inject } from 'vitest';
import { PLATFORM_CALENDAR } from '../../domain/platform-calendar.ts';
import { holdFunds, settleHold } from '../../services/money/ledger/holds.ts';
import { recordPaymentOutcome } from '../../services/money/payments/payments.ts';
import type { PaymentProvider } from '../../services/money/payments/provider.ts';
import { reconcilePayments } from '../../services/money/payments/reconciliation.ts';
import { ensureReconciliationSchedule } from '../../services/money/payments/reconciliation-schedule.ts';
import { refundPayment } from '../../services/money/payments/refunds.ts';
import { requestWithdrawal } from '../../services/money/payments/withdrawals.ts';
import { lateReturnKey } from '../../services/money/payments/late-money.ts';
import { checkStrandedMoney } from '../../services/money/payments/stranded-money.ts';
import { signWebhook } from '../../services/money/payments/webhook-signature.ts';
import { DEV_PAYMENTS_WEBHOOK_SECRET } from '../../infra/config.ts';
import { expectBooksBalanced } from '../support/ledger-invariants.ts';
import { mailText } from '../support/smtp.ts';
import { acquirerDroppingWebhooks, clickCheckout, openCheckout, sandboxOf } from '../support/payments.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { balanceOf, createUser, fund } from './ledger-support.ts';
import { paymentListener, receivedPayments } from './workflows/payment-listener.ts';

// The reconciliation job (issue 14) on the real stack: verdicts whose webhook was lost are
// learnt from the acquirer and applied through the webhook's own path, exactly once.

let stack: Stack;
let listenerWorker: Worker;
let listenerRunning: Promise<void>;
let listenerConnection: NativeConnection;
const listenerQueue = `reconciliation-listener-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  stack = await startStack();
  listenerConnection = await NativeConnection.connect({ address: inject('temporalAddress') });
  listenerWorker = await Worker.create({
    connection: listenerConnection,
    taskQueue: listenerQueue,
    workflowsPath: fileURLToPath(new URL('./workflows/index.ts', import.meta.url)),
    // The service's clients encrypt payloads (issue 17); this worker must read them.
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

const FIVE_MINUTES = 5 * 60_000;
const AN_HOUR = 60 * 60_000;
const silentLog = { info: () => undefined, warn: () => undefined };
const deps = (provider: PaymentProvider = stack.payments) => ({ db: stack.database.db, client: stack.client, log: silentLog, provider });
/** A reconciliation run `minutesLater` from now, asking about what has been pending for 5 minutes. */
const reconcileAt = (minutesLater: number, provider?: PaymentProvider) =>
  reconcilePayments(deps(provider), { pendingForMs: FIVE_MINUTES, strandedAfterMs: AN_HOUR }, Date.now() + minutesLater * 60_000);

async function listeningWorkflow() {
  const workflowId = `order-test-${randomUUID()}`;
  return stack.client.workflow.start(paymentListener, { workflowId, taskQueue: listenerQueue });
}

/** A payment paid on its checkout page and taken by a (stand-in) workflow, which is then finished. */
async function paidAndTaken(payer: string, amount: number) {
  const listener = await listeningWorkflow();
  const checkout = await openCheckout(stack, { payerUserId: payer, amount, notifyWorkflowId: listener.workflowId });
  await clickCheckout(stack, checkout.checkoutPath, 'pay');
  await expect.poll(() => listener.query(receivedPayments), { timeout: 10_000 }).toHaveLength(1);
  await listener.signal('finish');
  await listener.result();
  return checkout;
}

async function deliverWebhook(body: ReturnType<SandboxAcquirerLike['webhookFor']>) {
  return stack.app.inject({ method: 'POST', url: '/v1/payments/webhook', headers: body.headers, payload: body.body });
}
type SandboxAcquirerLike = ReturnType<typeof sandboxOf>;

describe('reconciliation applies what a lost webhook never delivered', () => {
  it('PAY-3: a payment whose webhook is lost is applied once by reconciliation, its workflow told once; a replayed webhook moves nothing', async () => {
    const db = stack.database.db;
    const payer = await createUser(db);
    const listener = await listeningWorkflow();
    const { paymentId } = await openCheckout(stack, { payerUserId: payer, amount: 25_000, notifyWorkflowId: listener.workflowId });
    const { providerPaymentId } = await db.payment.findUniqueOrThrow({ where: { id: paymentId } });
    // The payer pays; the acquirer's webhook never arrives.
    const lossy = acquirerDroppingWebhooks(stack);
    await lossy.decide(providerPaymentId!, 'pay');
    await lossy.idle();
    expect((await db.payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe('pending');

    // Not yet pending for 5 minutes: left alone.
    expect(await reconcileAt(0)).toEqual({ applied: 0, notified: 0, returned: 0, resubmitted: 0, failed: 0 });
    expect(await balanceOf(db, payer)).toEqual({ available: 0, held: 0 });

    expect(await reconcileAt(6)).toEqual({ applied: 1, notified: 0, returned: 0, resubmitted: 0, failed: 0 });
    expect(await balanceOf(db, payer)).toEqual({ available: 25_000, held: 0 });
    const applied = await db.payment.findUniqueOrThrow({ where: { id: paymentId } });
    expect({ status: applied.status, notifiedStatus: applied.notifiedStatus }).toEqual({
      status: 'succeeded',
      notifiedStatus: 'succeeded',
    });
    await expect
      .poll(() => listener.query(receivedPayments), { timeout: 10_000 })
      .toEqual([{ paymentId, status: 'succeeded', settledAt: applied.settledAt!.getTime() }]);

    // Again: nothing left to do. Then the lost webhook turns up after all: nothing moves.
    expect(await reconcileAt(7)).toEqual({ applied: 0, notified: 0, returned: 0, resubmitted: 0, failed: 0 });
    const operation = await sandboxOf(stack).checkout(providerPaymentId!);
    const replay = await deliverWebhook(sandboxOf(stack).webhookFor(operation!));
    expect(replay.statusCode).toBe(200);
    expect(await balanceOf(db, payer)).toEqual({ available: 25_000, held: 0 });
    const account = await db.ledgerAccount.findUniqueOrThrow({ where: { code: `user:${payer}:UZS` } });
    expect(await db.ledgerTransfer.count({ where: { creditAccountId: account.id } })).toBe(1);
    await listener.signal('finish');
    expect(await listener.result()).toHaveLength(1);
  });

  it('PAY-3: a payment whose webhook arrived first is left alone by reconciliation', async () => {
    const db = stack.database.db;
    const payer = await createUser(db);
    const listener = await listeningWorkflow();
    const { checkoutPath } = await openCheckout(stack, { payerUserId: payer, amount: 1_500, notifyWorkflowId: listener.workflowId });
    await sandboxOf(stack).decide(checkoutPath.split('/').at(-1)!, 'pay');
    await sandboxOf(stack).idle();
    expect(await balanceOf(db, payer)).toEqual({ available: 1_500, held: 0 });
    expect(await reconcileAt(6)).toMatchObject({ applied: 0, notified: 0 });
    expect(await balanceOf(db, payer)).toEqual({ available: 1_500, held: 0 });
    await listener.signal('finish');
    expect(await listener.result()).toHaveLength(1);
  });

  it('PAY-3: a payment credited but whose workflow was never told (the process died in between) is signalled by reconciliation', async () => {
    const db = stack.database.db;
    const payer = await createUser(db);
    const listener = await listeningWorkflow();
    const { paymentId } = await openCheckout(stack, { payerUserId: payer, amount: 3_000, notifyWorkflowId: listener.workflowId });
    // The webhook's first half only: the outcome recorded and credited, then the process died.
    await recordPaymentOutcome(db, paymentId, 'succeeded', Date.now());
    expect(await reconcileAt(6)).toEqual({ applied: 0, notified: 1, returned: 0, resubmitted: 0, failed: 0 });
    await expect
      .poll(() => listener.query(receivedPayments), { timeout: 10_000 })
      .toEqual([expect.objectContaining({ paymentId, status: 'succeeded' })]);
    expect(await reconcileAt(7)).toMatchObject({ notified: 0 });
    expect(await balanceOf(db, payer)).toEqual({ available: 3_000, held: 0 });
    await listener.signal('finish');
  });

  it('PAY-6: a refund whose webhook is lost is completed by reconciliation; one the acquirer never received is handed over again', async () => {
    const db = stack.database.db;
    const payer = await createUser(db);
    const { paymentId } = await paidAndTaken(payer, 10_000);
    const lost = await refundPayment(db, acquirerDroppingWebhooks(stack), { refundKey: `r-${randomUUID()}`, paymentId, amount: 4_000 });
    // The acquirer is down when the refund is made: the hold is placed, the instruction fails.
    const down: PaymentProvider = Object.assign(Object.create(stack.payments) as PaymentProvider, {
      refund: () => Promise.reject(new Error('connect ECONNREFUSED')),
    });
    const neverSent = refundPayment(db, down, { refundKey: `r-${randomUUID()}`, paymentId, amount: 1_000 });
    await expect(neverSent).rejects.toThrow('ECONNREFUSED');
    expect(await balanceOf(db, payer)).toEqual({ available: 5_000, held: 5_000 });

    expect(await reconcileAt(6)).toMatchObject({ applied: 1, resubmitted: 1, failed: 0 });
    await sandboxOf(stack).idle();
    expect(await db.refund.findUniqueOrThrow({ where: { id: lost.refundId } })).toMatchObject({ status: 'succeeded' });
    expect(await db.refund.count({ where: { paymentId, status: 'succeeded' } })).toBe(2);
    expect(await balanceOf(db, payer)).toEqual({ available: 5_000, held: 0 });
    expect(await reconcileAt(7)).toMatchObject({ applied: 0, resubmitted: 0 });
  });

  it('PAY-5: a payout whose webhook is lost is completed by reconciliation', async () => {
    const db = stack.database.db;
    const [client, specialist] = [await createUser(db), await createUser(db, 'specialist')];
    await fund(db, client, 20_000);
    const { holdId } = await holdFunds(db, {
      holdKey: `h-${randomUUID()}`,
      userId: client,
      amount: 20_000,
      currency: 'UZS',
      description: 'Answer',
    });
    await settleHold(db, {
      holdId,
      specialistUserId: specialist,
      toSpecialist: 20_000,
      toPlatform: 0,
      publishedAt: Date.now() - 10 * 86_400_000,
    });
    const request = {
      key: `w-${randomUUID()}`,
      specialistUserId: specialist,
      amount: 20_000,
      currency: 'UZS',
      destination: 'card-8600-1111',
    };
    const withdrawal = await requestWithdrawal(db, acquirerDroppingWebhooks(stack), request, {
      now: Date.now,
      calendar: PLATFORM_CALENDAR,
    });
    expect(await balanceOf(db, specialist)).toEqual({ available: 0, held: 20_000 });

    expect(await reconcileAt(6)).toMatchObject({ applied: 1, failed: 0 });
    expect((await db.withdrawal.findUniqueOrThrow({ where: { id: withdrawal.id } })).status).toBe('succeeded');
    expect(await balanceOf(db, specialist)).toEqual({ available: 0, held: 0 });
  });
});

describe('the reconciliation schedule', () => {
  it('PAY-3: is created idempotently at worker start, and a run of it applies a lost payment', async () => {
    const db = stack.database.db;
    const settings = { everyMs: AN_HOUR, pendingForMs: 0, strandedAfterMs: AN_HOUR };
    const scheduleId = await ensureReconciliationSchedule({ client: stack.client, taskQueue: stack.taskQueue }, settings);
    expect(await ensureReconciliationSchedule({ client: stack.client, taskQueue: stack.taskQueue }, settings)).toBe(scheduleId);
    const schedule = stack.client.schedule.getHandle(scheduleId);
    try {
      const described = await schedule.describe();
      expect(described.spec.intervals).toEqual([expect.objectContaining({ every: 3_600_000 })]);
      expect(described.action).toMatchObject({
        workflowType: 'paymentsReconciliationWorkflow',
        taskQueue: stack.taskQueue,
        args: [{ pendingForMs: 0 }],
      });

      const payer = await createUser(db);
      const listener = await listeningWorkflow();
      const { paymentId } = await openCheckout(stack, { payerUserId: payer, amount: 600, notifyWorkflowId: listener.workflowId });
      const { providerPaymentId } = await db.payment.findUniqueOrThrow({ where: { id: paymentId } });
      await acquirerDroppingWebhooks(stack).decide(providerPaymentId!, 'pay');
      await schedule.trigger();
      await expect.poll(() => balanceOf(db, payer), { timeout: 20_000 }).toEqual({ available: 600, held: 0 });
      await expect.poll(() => listener.query(receivedPayments), { timeout: 10_000 }).toHaveLength(1);
      await listener.signal('finish');
    } finally {
      await schedule.delete();
    }
  });
});

/** A signed acquirer event, as the acquirer sends it. */
function deliverEvent(type: 'payment.failed' | 'payment.succeeded', reference: string) {
  const payload = JSON.stringify({ id: `${type}-${randomUUID()}`, type, reference, occurredAt: new Date().toISOString() });
  const signature = signWebhook(DEV_PAYMENTS_WEBHOOK_SECRET, payload, Date.now());
  return stack.app.inject({
    method: 'POST',
    url: '/v1/payments/webhook',
    headers: { 'content-type': 'application/json', 'x-sandbox-signature': signature },
    payload,
  });
}

describe('money of a closed process', () => {
  it('PAY-6: a payment reported failed, then succeeded after its workflow closed, goes back to the card once', async () => {
    const db = stack.database.db;
    const payer = await createUser(db);
    const listener = await listeningWorkflow();
    const { paymentId, checkoutPath } = await openCheckout(stack, {
      payerUserId: payer,
      amount: 7_000,
      notifyWorkflowId: listener.workflowId,
    });
    expect((await deliverEvent('payment.failed', paymentId)).statusCode).toBe(200);
    await expect.poll(() => listener.query(receivedPayments)).toEqual([expect.objectContaining({ status: 'failed' })]);
    // The order ends "not paid" and, its late-payment grace over, its workflow closes.
    await listener.signal('finish');
    await listener.result();
    // Then the payer pays on the page left open: credited, but no process will ever use it.
    await sandboxOf(stack).decide(checkoutPath.split('/').at(-1)!, 'pay');
    await sandboxOf(stack).idle();
    expect(await balanceOf(db, payer)).toEqual({ available: 7_000, held: 0 });

    // (The run runs 6 minutes ahead, so it may also apply the return's own refund verdict.)
    expect(await reconcileAt(6)).toMatchObject({ notified: 0, returned: 1, failed: 0 });
    await sandboxOf(stack).idle();
    expect(await balanceOf(db, payer)).toEqual({ available: 0, held: 0 });
    const refund = await db.refund.findUniqueOrThrow({ where: { key: lateReturnKey(paymentId) } });
    expect({ amount: refund.amount, status: refund.status }).toEqual({ amount: 7_000n, status: 'succeeded' });
    expect(await reconcileAt(7)).toMatchObject({ returned: 0, failed: 0 });
    // The success reported once more: nothing moves.
    expect((await deliverEvent('payment.succeeded', paymentId)).statusCode).toBe(200);
    expect(await reconcileAt(8)).toMatchObject({ returned: 0, failed: 0 });
    expect(await balanceOf(db, payer)).toEqual({ available: 0, held: 0 });
    expect(await db.refund.count({ where: { paymentId } })).toBe(1);
  });

  it('PAY-6: a payment whose workflow Temporal no longer knows (past retention) goes back to the card', async () => {
    const db = stack.database.db;
    const payer = await createUser(db);
    const { paymentId, checkoutPath } = await openCheckout(stack, {
      payerUserId: payer,
      amount: 900,
      notifyWorkflowId: `order-${randomUUID()}`,
    });
    await clickCheckout(stack, checkoutPath, 'pay');
    expect(await balanceOf(db, payer)).toEqual({ available: 900, held: 0 });
    expect(await reconcileAt(6)).toMatchObject({ returned: 1, failed: 0 });
    await sandboxOf(stack).idle();
    expect(await balanceOf(db, payer)).toEqual({ available: 0, held: 0 });
    expect((await db.payment.findUniqueOrThrow({ where: { id: paymentId } })).returnedAt).not.toBeNull();
  });

  it('PAY-6: a payment its workflow took before closing is not returned, even if the note of the signal was lost', async () => {
    const db = stack.database.db;
    const payer = await createUser(db);
    const { paymentId } = await paidAndTaken(payer, 4_000);
    await db.payment.update({ where: { id: paymentId }, data: { notifiedStatus: null } });
    expect(await reconcileAt(6)).toEqual({ applied: 0, notified: 1, returned: 0, resubmitted: 0, failed: 0 });
    expect((await db.payment.findUniqueOrThrow({ where: { id: paymentId } })).notifiedStatus).toBe('succeeded');
    expect(await balanceOf(db, payer)).toEqual({ available: 4_000, held: 0 });
  });

  it('PAY-6: money of a closed process left on a balance longer than the limit is reported to the admins once, and not after its return', async () => {
    const db = stack.database.db;
    const admin = await db.user.update({ where: { id: await createUser(db) }, data: { role: 'admin' } });
    const payer = await createUser(db);
    const closed = await listeningWorkflow();
    await closed.signal('finish');
    await closed.result();
    const { paymentId } = await openCheckout(stack, { payerUserId: payer, amount: 5_000, notifyWorkflowId: closed.workflowId });
    const { providerPaymentId } = await db.payment.findUniqueOrThrow({ where: { id: paymentId } });
    await acquirerDroppingWebhooks(stack).decide(providerPaymentId!, 'pay');
    // Credited two hours ago (its signal found the workflow closed); reconciliation has not run since.
    await recordPaymentOutcome(db, paymentId, 'succeeded', Date.now() - 2 * AN_HOUR);
    const lines: string[] = [];
    const log = { info: () => undefined, warn: (_fields: object, message: string) => void lines.push(message) };
    const check = (strandedAfterMs = AN_HOUR) =>
      checkStrandedMoney({ db, temporal: { client: stack.client, taskQueue: stack.taskQueue }, log }, { strandedAfterMs }, Date.now());

    expect(await check(3 * AN_HOUR)).toEqual({ stranded: 0, alerted: 0 });
    expect(await check()).toEqual({ stranded: 1, alerted: 1 });
    expect(lines).toEqual(["stranded money: UZS\u00a050.00 of a closed process on a client's balance"]);
    const mail = await stack.smtp.waitFor((m) => m.to.includes(admin.email));
    expect(mailText(mail)).toContain(`Payment ${paymentId} of UZS`);
    expect(await check()).toEqual({ stranded: 1, alerted: 0 });

    expect(await reconcileAt(6)).toMatchObject({ returned: 1, failed: 0 });
    await sandboxOf(stack).idle();
    expect(await balanceOf(db, payer)).toEqual({ available: 0, held: 0 });
    expect(await check()).toEqual({ stranded: 0, alerted: 0 });
  });
});
