import { DomainError } from '../../../domain/errors.ts';
import type { PaymentOutcome, PaymentSettled, StartedPayment, StartPaymentInput } from '../../../domain/money-contract.ts';
import type { Db } from '../../../infra/db.ts';
import { assertCurrency } from '../ledger/accounts.ts';
import { minorUnits } from '../ledger/amounts.ts';
import { requestHash, runOperation } from '../ledger/ledger.ts';
import type { PaymentProvider } from './provider.ts';

// Payments into the platform. Starting one moves no money: it records the payment and opens
// the acquirer's checkout. Only the acquirer's confirmation (webhook) credits the payer's
// available balance from the provider clearing account, so a failed or abandoned payment
// leaves nothing moved.

export async function startPayment(db: Db, provider: PaymentProvider, input: StartPaymentInput): Promise<StartedPayment> {
  const amount = minorUnits(input.amount, 'amount', { positive: true });
  assertCurrency(input.currency);
  const hash = requestHash('payment', { ...input });
  // Checked before the acquirer takes money: a payment nobody's balance can receive is refused.
  if (!(await db.user.findUnique({ where: { id: input.payerUserId }, select: { id: true } }))) {
    throw new DomainError('NOT_FOUND', 'No such payer.');
  }
  await db.payment.createMany({
    data: [
      {
        key: input.paymentKey,
        requestHash: hash,
        payerUserId: input.payerUserId,
        amount,
        currency: input.currency,
        description: input.description,
        notifyWorkflowId: input.notifyWorkflowId,
        provider: provider.name,
      },
    ],
    skipDuplicates: true,
  });
  const payment = await db.payment.findUniqueOrThrow({ where: { key: input.paymentKey } });
  if (payment.requestHash !== hash) {
    throw new DomainError('IDEMPOTENCY_KEY_REUSED', `The payment key "${input.paymentKey}" was already used for a different payment.`);
  }
  if (payment.checkoutUrl) return { paymentId: payment.id, checkoutUrl: payment.checkoutUrl };
  // A retry after a crash lands here too: the acquirer's createPayment is idempotent on our id.
  const checkout = await provider.createPayment({
    paymentId: payment.id,
    amount,
    currency: payment.currency,
    description: payment.description,
  });
  await db.payment.update({
    where: { id: payment.id },
    data: { providerPaymentId: checkout.providerPaymentId, checkoutUrl: checkout.checkoutUrl },
  });
  return { paymentId: payment.id, checkoutUrl: checkout.checkoutUrl };
}

/**
 * Records the acquirer's verdict. Success is final: it credits the payer once (the ledger key
 * is derived from the payment), even when a failure was reported earlier, because the money
 * did arrive. A failure after a success is a stale event and changes nothing.
 */
export async function recordPaymentOutcome(db: Db, paymentId: string, outcome: PaymentOutcome, occurredAt: number) {
  const payment = await db.payment.findUnique({ where: { id: paymentId } });
  if (!payment) throw new DomainError('NOT_FOUND', 'No such payment.');
  if (outcome === 'failed') {
    await db.payment.updateMany({
      where: { id: paymentId, status: 'pending' },
      data: { status: 'failed', settledAt: new Date(occurredAt) },
    });
  } else {
    const currency = payment.currency;
    await runOperation(db, { key: `payment:${payment.id}:credit`, kind: 'payment.credit', request: { paymentId } }, async () => ({
      result: null,
      transfers: [
        {
          kind: 'posted',
          debit: { platform: 'provider_clearing', currency },
          credit: { userId: payment.payerUserId, currency },
          amount: payment.amount,
          description: payment.description,
        },
      ],
      afterApply: async (inner) => {
        await inner.payment.update({
          where: { id: paymentId },
          data: { status: 'succeeded', settledAt: new Date(occurredAt) },
        });
      },
    }));
  }
  return db.payment.findUniqueOrThrow({ where: { id: paymentId } });
}

export function paymentSettled(payment: { id: string; status: string; settledAt: Date | null }): PaymentSettled | null {
  if (payment.status === 'pending' || payment.settledAt === null) return null;
  return { paymentId: payment.id, status: payment.status as PaymentSettled['status'], settledAt: payment.settledAt.getTime() };
}
