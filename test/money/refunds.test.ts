import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMoneyActivities } from '../../activities/money.ts';
import { DEV_PAYMENTS_WEBHOOK_SECRET } from '../../infra/config.ts';
import { SandboxAcquirer, type WebhookRequest } from '../../services/money/payments/sandbox-acquirer.ts';
import { signWebhook } from '../../services/money/payments/webhook-signature.ts';
import { expectBooksBalanced } from '../support/ledger-invariants.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { balanceOf, createUser } from './ledger-support.ts';
import { moneyActivities, paidPayment, sandboxOf } from '../support/payments.ts';

// PAY-6 refunds through the acquirer, and the retry safety of the money activities.

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());
afterEach(() => expectBooksBalanced(stack.database.db));

const failureType = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof ApplicationFailure ? `${error.type}${error.nonRetryable ? '' : ' (retryable)'}` : String(error)),
  );

async function deliver(payload: string) {
  return stack.app.inject({
    method: 'POST',
    url: '/v1/payments/webhook',
    payload,
    headers: {
      'content-type': 'application/json',
      'x-sandbox-signature': signWebhook(DEV_PAYMENTS_WEBHOOK_SECRET, payload, Date.now()),
    },
  });
}

describe('PAY-6 refunds', () => {
  it('PAY-6: a refund is held while the acquirer works and leaves when its webhook confirms', async () => {
    const payer = await createUser(stack.database.db);
    const { paymentId } = await paidPayment(stack, payer, 10_000);
    // An acquirer whose webhooks wait until the test lets them go, to see the pending state.
    const queued: WebhookRequest[] = [];
    const slowAcquirer = new SandboxAcquirer({
      db: stack.database.db,
      secret: DEV_PAYMENTS_WEBHOOK_SECRET,
      publicBaseUrl: 'http://127.0.0.1:3000',
      transport: async (request) => {
        queued.push(request);
        return 503;
      },
      retryDelaysMs: [],
    });
    const activities = createMoneyActivities({ db: stack.database.db, payments: slowAcquirer });

    const started = await activities.refundPayment({ refundKey: `order-${randomUUID()}/refund`, paymentId, amount: 3_000 });
    expect(started.status).toBe('pending');
    await slowAcquirer.idle();
    expect(await balanceOf(stack.database.db, payer)).toEqual({ available: 7_000, held: 3_000 });
    expect(queued).toHaveLength(1);

    const answer = await stack.app.inject({
      method: 'POST',
      url: '/v1/payments/webhook',
      headers: queued[0]!.headers,
      payload: queued[0]!.body,
    });
    expect(answer.statusCode).toBe(200);
    expect(await balanceOf(stack.database.db, payer)).toEqual({ available: 7_000, held: 0 });
    expect((await stack.database.db.refund.findUniqueOrThrow({ where: { id: started.refundId } })).status).toBe('succeeded');

    // Out of order: a failure for the same refund arriving after its success moves nothing.
    const lateFailure = JSON.stringify({
      id: `late-${randomUUID()}`,
      type: 'refund.failed',
      reference: started.refundId,
      occurredAt: new Date().toISOString(),
    });
    expect((await deliver(lateFailure)).statusCode).toBe(200);
    expect(await balanceOf(stack.database.db, payer)).toEqual({ available: 7_000, held: 0 });
    expect((await stack.database.db.refund.findUniqueOrThrow({ where: { id: started.refundId } })).status).toBe('succeeded');
  });

  it('PAY-6: partial refunds never exceed the payment, and a retried refund moves money once', async () => {
    const payer = await createUser(stack.database.db);
    const { paymentId } = await paidPayment(stack, payer, 5_000);
    const activities = moneyActivities(stack);
    const input = { refundKey: `order-${randomUUID()}/refund`, paymentId, amount: 4_000 };
    const first = await activities.refundPayment(input);
    const retry = await activities.refundPayment(input);
    expect(retry.refundId).toBe(first.refundId);
    await expect(failureType(activities.refundPayment({ ...input, amount: 3_999 }))).resolves.toBe('IDEMPOTENCY_KEY_REUSED');
    await expect(failureType(activities.refundPayment({ refundKey: `r-${randomUUID()}`, paymentId, amount: 1_001 }))).resolves.toBe(
      'REFUND_EXCEEDS_PAYMENT',
    );
    await sandboxOf(stack).idle();
    expect(await stack.database.db.refund.count({ where: { paymentId } })).toBe(1);
    expect(await balanceOf(stack.database.db, payer)).toEqual({ available: 1_000, held: 0 });
    await activities.refundPayment({ refundKey: `r-${randomUUID()}`, paymentId, amount: 1_000 });
    await sandboxOf(stack).idle();
    expect(await balanceOf(stack.database.db, payer)).toEqual({ available: 0, held: 0 });
  });

  it('PAY-6: refunds only within 30 days of the payment, and only of a completed payment', async () => {
    const payer = await createUser(stack.database.db);
    const { paymentId } = await paidPayment(stack, payer, 2_000);
    const settledAt = (await stack.database.db.payment.findUniqueOrThrow({ where: { id: paymentId } })).settledAt!.getTime();
    const day = 86_400_000;
    await expect(
      failureType(
        moneyActivities(stack, () => settledAt + 30 * day + 1).refundPayment({
          refundKey: `r-${randomUUID()}`,
          paymentId,
          amount: 100,
        }),
      ),
    ).resolves.toBe('REFUND_WINDOW_CLOSED');
    await expect(
      failureType(
        moneyActivities(stack, () => settledAt + 30 * day).refundPayment({
          refundKey: `r-${randomUUID()}`,
          paymentId,
          amount: 100,
        }),
      ),
    ).resolves.toBe('resolved');

    const unpaid = await moneyActivities(stack).startPayment({
      paymentKey: `p-${randomUUID()}`,
      payerUserId: payer,
      amount: 100,
      currency: 'UZS',
      description: 'x',
      notifyWorkflowId: 'none',
    });
    await expect(
      failureType(moneyActivities(stack).refundPayment({ refundKey: `r-${randomUUID()}`, paymentId: unpaid.paymentId, amount: 100 })),
    ).resolves.toBe('PAYMENT_NOT_SUCCEEDED');
    await sandboxOf(stack).idle();
  });

  it('PAY-2: money frozen in an order cannot be refunded until the hold is released', async () => {
    const payer = await createUser(stack.database.db);
    const { paymentId } = await paidPayment(stack, payer, 1_000);
    const activities = moneyActivities(stack);
    const { holdId } = await activities.holdFunds({
      holdKey: `order-${randomUUID()}/hold`,
      userId: payer,
      amount: 1_000,
      currency: 'UZS',
      description: 'Order',
    });
    await expect(failureType(activities.refundPayment({ refundKey: `r-${randomUUID()}`, paymentId, amount: 1_000 }))).resolves.toBe(
      'INSUFFICIENT_FUNDS',
    );
    await activities.releaseHold({ holdId });
    await activities.refundPayment({ refundKey: `r-${randomUUID()}`, paymentId, amount: 1_000 });
    await sandboxOf(stack).idle();
    expect(await balanceOf(stack.database.db, payer)).toEqual({ available: 0, held: 0 });
  });
});

describe('money activities', () => {
  it('PAY-3: each activity called twice (a retry) moves money once and returns the same result', async () => {
    const db = stack.database.db;
    const [payer, specialist] = [await createUser(db), await createUser(db, 'specialist')];
    await paidPayment(stack, payer, 8_000);
    const activities = moneyActivities(stack);
    const order = `order-${randomUUID()}`;

    const hold = { holdKey: `${order}/hold`, userId: payer, amount: 6_000, currency: 'UZS', description: `Order ${order}` };
    const placed = await activities.holdFunds(hold);
    expect(await activities.holdFunds(hold)).toEqual(placed);
    expect(await balanceOf(db, payer)).toEqual({ available: 2_000, held: 6_000 });

    const settle = {
      holdId: placed.holdId,
      specialistUserId: specialist,
      toSpecialist: 4_500,
      toPlatform: 500,
      publishedAt: Date.UTC(2026, 10, 20, 6),
    };
    const settled = await activities.settleHold(settle);
    expect(settled).toEqual({ holdId: placed.holdId, toSpecialist: 4_500, toPlatform: 500, returnedToPayer: 1_000 });
    expect(await activities.settleHold(settle)).toEqual(settled);
    await expect(failureType(activities.releaseHold({ holdId: placed.holdId }))).resolves.toBe('HOLD_ALREADY_RESOLVED');
    expect(await balanceOf(db, payer)).toEqual({ available: 3_000, held: 0 });
    expect(await balanceOf(db, specialist)).toEqual({ available: 4_500, held: 0 });
    expect(await db.specialistEarning.count({ where: { specialistUserId: specialist } })).toBe(1);

    const second = await activities.holdFunds({ ...hold, holdKey: `${order}/hold-2`, amount: 3_000 });
    const released = await activities.releaseHold({ holdId: second.holdId });
    expect(await activities.releaseHold({ holdId: second.holdId })).toEqual(released);
    expect(released.returnedToPayer).toBe(3_000);
    expect(await balanceOf(db, payer)).toEqual({ available: 3_000, held: 0 });
  });

  it('business refusals are non-retryable failures typed with their code', async () => {
    const payer = await createUser(stack.database.db);
    const outcome = moneyActivities(stack).holdFunds({
      holdKey: `h-${randomUUID()}`,
      userId: payer,
      amount: 1,
      currency: 'UZS',
      description: 'x',
    });
    await expect(failureType(outcome)).resolves.toBe('INSUFFICIENT_FUNDS');
    await expect(failureType(moneyActivities(stack).releaseHold({ holdId: randomUUID() }))).resolves.toBe('NOT_FOUND');
  });
});
