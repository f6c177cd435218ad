import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SandboxAcquirer } from '../../services/money/payments/sandbox-acquirer.ts';
import { DEV_PAYMENTS_WEBHOOK_SECRET } from '../../infra/config.ts';
import { expectBooksBalanced } from '../support/ledger-invariants.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { createUser } from './ledger-support.ts';
import { openCheckout } from '../support/payments.ts';

// Payment reconciliation (issue 14): the acquirer answers "what became of X", keeps its
// webhooks durably, and a scheduled job applies what a lost webhook never delivered.

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());
afterEach(() => expectBooksBalanced(stack.database.db));

/** An acquirer over this file's database whose webhooks never arrive (the network drops them). */
function acquirerDroppingWebhooks(options: { now?: () => number } = {}) {
  return new SandboxAcquirer({
    db: stack.database.db,
    secret: DEV_PAYMENTS_WEBHOOK_SECRET,
    publicBaseUrl: 'http://127.0.0.1:3000',
    transport: async () => 0,
    retryDelaysMs: [],
    ...options,
  });
}

describe('the acquirer answers what became of a payment, refund or payout', () => {
  it('PAY-3: paymentStatus, refundStatus and payoutStatus report pending, the verdict with its time, or unknown', async () => {
    const acquirer = acquirerDroppingWebhooks({ now: () => Date.parse('2026-12-01T10:00:00Z') });
    const payer = await createUser(stack.database.db);
    const { paymentId } = await openCheckout(stack, { payerUserId: payer, amount: 5_000 });
    const payment = await stack.database.db.payment.findUniqueOrThrow({ where: { id: paymentId } });
    const providerPaymentId = payment.providerPaymentId!;

    expect(await acquirer.paymentStatus(providerPaymentId)).toEqual({ status: 'pending' });
    await acquirer.decide(providerPaymentId, 'pay');
    expect(await acquirer.paymentStatus(providerPaymentId)).toEqual({ status: 'succeeded', decidedAt: Date.parse('2026-12-01T10:00:00Z') });
    expect(await acquirer.paymentStatus(randomUUID())).toEqual({ status: 'unknown' });
    expect(await acquirer.paymentStatus('not-an-id')).toEqual({ status: 'unknown' });

    const refundId = randomUUID();
    expect(await acquirer.refundStatus(refundId)).toEqual({ status: 'unknown' });
    await acquirer.refund({ refundId, providerPaymentId, amount: 2_000n, currency: 'UZS' });
    expect(await acquirer.refundStatus(refundId)).toEqual({ status: 'succeeded', decidedAt: Date.parse('2026-12-01T10:00:00Z') });

    const [paid, declined] = [randomUUID(), randomUUID()];
    await acquirer.payout({ withdrawalId: paid, amount: 700n, currency: 'UZS', destination: 'card-8600-0001' });
    await acquirer.payout({ withdrawalId: declined, amount: 700n, currency: 'UZS', destination: 'card-8600-0002' });
    expect(await acquirer.payoutStatus(paid)).toEqual({ status: 'succeeded', decidedAt: Date.parse('2026-12-01T10:00:00Z') });
    expect(await acquirer.payoutStatus(declined)).toEqual({ status: 'failed', decidedAt: Date.parse('2026-12-01T10:00:00Z') });
    expect(await acquirer.payoutStatus(randomUUID())).toEqual({ status: 'unknown' });
    await acquirer.idle();
  });
});
