import { randomUUID } from 'node:crypto';
import { DomainError } from '../../../domain/errors.ts';
import type { PaymentOutcome, RefundPaymentInput, RefundStarted } from '../../../domain/money-contract.ts';
import type { Db } from '../../../infra/db.ts';
import { minorUnits } from '../ledger/amounts.ts';
import { requestHash, runOperation, type Tx } from '../ledger/ledger.ts';
import type { PaymentProvider } from './provider.ts';
import { resolveHeldPayout } from './settlement.ts';

// PAY-6: a refund goes back to the payment method used, within 30 days of the payment. The
// amount is the caller's (the order rules compute it). The money is held on the payer's
// account (pending transfer to refunds payable) until the acquirer confirms: then it leaves
// through the provider clearing account; if the acquirer refuses, the hold is voided.

export const REFUND_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

export async function refundPayment(
  db: Db,
  provider: PaymentProvider,
  input: RefundPaymentInput,
  now: () => number = Date.now,
): Promise<RefundStarted> {
  const amount = minorUnits(input.amount, 'amount', { positive: true });
  const hash = requestHash('refund', { ...input });
  const refund = (await db.refund.findUnique({ where: { key: input.refundKey } })) ?? (await holdRefund(db, input, amount, hash, now));
  if (refund.requestHash !== hash) {
    throw new DomainError('IDEMPOTENCY_KEY_REUSED', `The refund key "${input.refundKey}" was already used for a different refund.`);
  }
  if (refund.status === 'pending') {
    // Also on a retry: the acquirer's refund is idempotent on our id, so a crash between the
    // ledger and the acquirer call is repaired by the activity's retry.
    const payment = await db.payment.findUniqueOrThrow({ where: { id: refund.paymentId } });
    await provider.refund({
      refundId: refund.id,
      providerPaymentId: payment.providerPaymentId!,
      amount: refund.amount,
      currency: payment.currency,
    });
  }
  return { refundId: refund.id, status: refund.status };
}

/** Checks PAY-6 and holds the refund on the payer's account, recording the refund with it. */
async function holdRefund(db: Db, input: RefundPaymentInput, amount: bigint, hash: string, now: () => number) {
  const refundId = randomUUID();
  const holdId = randomUUID();
  await runOperation(db, { key: `refund:${input.refundKey}`, kind: 'refund', request: { ...input } }, async (tx) => {
    const payment = await refundablePayment(tx, input.paymentId, amount, now());
    const currency = payment.currency;
    return {
      result: { refundId },
      transfers: [
        {
          kind: 'pending',
          id: holdId,
          debit: { userId: payment.payerUserId, currency },
          credit: { platform: 'refunds_payable', currency },
          amount,
          description: `Refund: ${payment.description}`,
        },
      ],
      afterApply: async (inner) => {
        await inner.refund.create({
          data: { id: refundId, key: input.refundKey, requestHash: hash, paymentId: payment.id, amount, holdTransferId: holdId },
        });
      },
    };
  });
  return db.refund.findUniqueOrThrow({ where: { key: input.refundKey } });
}

async function refundablePayment(tx: Tx, paymentId: string, amount: bigint, now: number) {
  // Locked first, so concurrent refunds of one payment cannot together exceed it.
  await tx.$executeRaw`SELECT 1 FROM payments WHERE id = ${paymentId}::uuid FOR UPDATE`;
  const payment = await tx.payment.findUnique({ where: { id: paymentId } });
  if (!payment) throw new DomainError('NOT_FOUND', 'No such payment.');
  if (payment.status !== 'succeeded' || !payment.settledAt) {
    throw new DomainError('PAYMENT_NOT_SUCCEEDED', 'Only a completed payment can be refunded.');
  }
  if (now - payment.settledAt.getTime() > REFUND_WINDOW_MS) {
    const paidAt = payment.settledAt.toISOString();
    throw new DomainError('REFUND_WINDOW_CLOSED', `PAY-6: refunds are possible within 30 days of the payment (${paidAt}).`);
  }
  const earlier = await tx.refund.aggregate({ where: { paymentId, status: { not: 'failed' } }, _sum: { amount: true } });
  const left = payment.amount - (earlier._sum.amount ?? 0n);
  if (amount > left) throw new DomainError('REFUND_EXCEEDS_PAYMENT', `At most ${left} of this payment can still be refunded.`);
  return payment;
}

/** The acquirer's verdict on a refund: the held money leaves, or returns to the payer. */
export async function recordRefundOutcome(db: Db, refundId: string, outcome: PaymentOutcome, occurredAt: number): Promise<void> {
  const refund = await db.refund.findUnique({ where: { id: refundId } });
  if (!refund) throw new DomainError('NOT_FOUND', 'No such refund.');
  await resolveHeldPayout(db, {
    key: `refund:${refund.id}:outcome`,
    holdId: refund.holdTransferId,
    outcome,
    via: 'refunds_payable',
    markDone: (tx) => tx.refund.update({ where: { id: refund.id }, data: { status: outcome, completedAt: new Date(occurredAt) } }),
  });
}
