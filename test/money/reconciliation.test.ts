import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SandboxAcquirer, type WebhookTransport } from '../../services/money/payments/sandbox-acquirer.ts';
import { DEV_PAYMENTS_WEBHOOK_SECRET } from '../../infra/config.ts';
import { expectBooksBalanced } from '../support/ledger-invariants.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { balanceOf, createUser } from './ledger-support.ts';
import { acquirerDroppingWebhooks, openCheckout } from '../support/payments.ts';

// The acquirer's side of reconciliation (issue 14): it answers "what became of X" and keeps its
// webhooks durably. The job itself: reconciliation-job.test.ts.

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());
afterEach(() => expectBooksBalanced(stack.database.db));

describe('the acquirer answers what became of a payment, refund or payout', () => {
  it('PAY-3: paymentStatus, refundStatus and payoutStatus report pending, the verdict with its time, or unknown', async () => {
    const acquirer = acquirerDroppingWebhooks(stack, { now: () => Date.parse('2026-12-01T10:00:00Z') });
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

/** Webhooks into this file's app, as stack.ts sends them (inject, no port). */
const toTheService: WebhookTransport = async (request) =>
  (await stack.app.inject({ method: 'POST', url: new URL(request.url).pathname, headers: request.headers, payload: request.body }))
    .statusCode;

describe("the sandbox acquirer's webhooks are kept in the database", () => {
  it('PAY-3: a webhook the service did not take survives a restart of the process and is delivered by the next one', async () => {
    const db = stack.database.db;
    const payer = await createUser(db);
    const { paymentId } = await openCheckout(stack, { payerUserId: payer, amount: 8_800 });
    const { providerPaymentId } = await db.payment.findUniqueOrThrow({ where: { id: paymentId } });
    // The process that took the click cannot reach the service; its next try is a minute away.
    const before = new SandboxAcquirer({
      db,
      secret: DEV_PAYMENTS_WEBHOOK_SECRET,
      publicBaseUrl: 'http://127.0.0.1:3000',
      transport: async () => 503,
      retryDelaysMs: [60_000, 60_000],
    });
    await before.decide(providerPaymentId!, 'pay');
    await before.idle();
    const stored = await db.sandboxAcquirerWebhook.findUniqueOrThrow({ where: { operationId: providerPaymentId! } });
    expect({ attempts: stored.attempts, lastStatus: stored.lastStatus, deliveredAt: stored.deliveredAt }).toEqual({
      attempts: 1,
      lastStatus: 503,
      deliveredAt: null,
    });
    expect(await balanceOf(db, payer)).toEqual({ available: 0, held: 0 });

    // That process is gone (killed); a new one, a minute later, finds the webhook due and sends it.
    const after = new SandboxAcquirer({
      db,
      secret: DEV_PAYMENTS_WEBHOOK_SECRET,
      publicBaseUrl: 'http://127.0.0.1:3000',
      transport: toTheService,
      now: () => Date.now() + 61_000,
    });
    expect(await after.deliverDueWebhooks()).toBe(1);
    expect(await balanceOf(db, payer)).toEqual({ available: 8_800, held: 0 });
    expect((await db.payment.findUniqueOrThrow({ where: { id: paymentId } })).status).toBe('succeeded');
    const delivered = await db.sandboxAcquirerWebhook.findUniqueOrThrow({ where: { operationId: providerPaymentId! } });
    expect({ attempts: delivered.attempts, lastStatus: delivered.lastStatus, nextAttemptAt: delivered.nextAttemptAt }).toEqual({
      attempts: 2,
      lastStatus: 200,
      nextAttemptAt: null,
    });
    expect(await after.deliverDueWebhooks()).toBe(0);
  });

  it('PAY-3: failed attempts are retried with the growing delays, then the webhook is given up', async () => {
    const db = stack.database.db;
    const answers = [503, 0, 200];
    const sent: number[] = [];
    const flaky = new SandboxAcquirer({
      db,
      secret: DEV_PAYMENTS_WEBHOOK_SECRET,
      publicBaseUrl: 'http://127.0.0.1:3000',
      transport: async () => (sent.push(Date.now()), answers.shift()!),
      retryDelaysMs: [20, 200],
    });
    const withdrawalId = randomUUID();
    await flaky.payout({ withdrawalId, amount: 100n, currency: 'UZS', destination: 'card-8600-0001' });
    await flaky.idle();
    expect(sent).toHaveLength(3);
    expect(sent[2]! - sent[1]!).toBeGreaterThanOrEqual(200);
    const operation = await db.sandboxAcquirerOperation.findUniqueOrThrow({
      where: { kind_reference: { kind: 'payout', reference: withdrawalId } },
    });
    expect(await db.sandboxAcquirerWebhook.findUniqueOrThrow({ where: { operationId: operation.id } })).toMatchObject({
      attempts: 3,
      lastStatus: 200,
      nextAttemptAt: null,
    });

    const gone = acquirerDroppingWebhooks(stack);
    const other = randomUUID();
    await gone.payout({ withdrawalId: other, amount: 100n, currency: 'UZS', destination: 'card-8600-0001' });
    await gone.idle();
    const abandoned = await db.sandboxAcquirerOperation.findUniqueOrThrow({
      where: { kind_reference: { kind: 'payout', reference: other } },
    });
    expect(await db.sandboxAcquirerWebhook.findUniqueOrThrow({ where: { operationId: abandoned.id } })).toMatchObject({
      attempts: 1,
      deliveredAt: null,
      nextAttemptAt: null,
    });
  });
});
