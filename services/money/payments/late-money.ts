import { DomainError } from '../../../domain/errors.ts';
import { PAYMENT_SETTLED_SIGNAL, type PaymentSettled } from '../../../domain/money-contract.ts';
import type { Payment } from '../../../generated/prisma/client.ts';
import { signalsReceived } from '../../platform/temporal/gateway.ts';
import type { PaymentProvider } from './provider.ts';
import { refundPayment } from './refunds.ts';
import { markNotified, type WebhookDeps } from './webhook.ts';

// Money of a closed process that arrives late (issue 14, PAY-6). An order or a consultation
// still running returns a late payment itself (its late-payment grace: domain/orders/core/
// payment.ts, domain/consultations/core/payment.ts). After the grace its workflow is closed,
// and a payment that succeeds then — on a checkout page left open, or reported `failed` first
// and `succeeded` later — is credited to the payer by the webhook while no process will ever
// use it. Reconciliation finds it (settled, its workflow not told, the signal answered "not
// found") and sends it back to the card in full.

export interface ReconciliationDeps extends WebhookDeps {
  provider: PaymentProvider;
}

/** Refusals that leave the money where it is; the stranded-money check (stranded-money.ts) tells the admins. */
const CANNOT_RETURN = new Set(['INSUFFICIENT_FUNDS', 'REFUND_WINDOW_CLOSED', 'REFUND_EXCEEDS_PAYMENT', 'PAYMENT_NOT_SUCCEEDED']);

export const lateReturnKey = (paymentId: string): string => `payment:${paymentId}/returned-late`;

/**
 * For a succeeded payment whose workflow is closed or unknown: 'told' if the workflow did
 * receive this success before it closed (only the note of it was lost), else the money goes
 * back to the card ('returned'), or stays for the admins when it cannot ('kept').
 */
export async function returnLatePayment(deps: ReconciliationDeps, payment: Payment, now: number): Promise<'told' | 'returned' | 'kept'> {
  const { db, log } = deps;
  const received = (await signalsReceived(deps, payment.notifyWorkflowId, PAYMENT_SETTLED_SIGNAL)) ?? [];
  if (received.some(([settled]) => isSuccessOf(settled, payment.id))) {
    await markNotified(db, payment.id, 'succeeded');
    return 'told';
  }
  const context = {
    paymentId: payment.id,
    workflowId: payment.notifyWorkflowId,
    payerUserId: payment.payerUserId,
    amount: String(payment.amount),
  };
  try {
    const refund = await refundPayment(
      db,
      deps.provider,
      { refundKey: lateReturnKey(payment.id), paymentId: payment.id, amount: Number(payment.amount) },
      () => now,
    );
    await db.payment.update({ where: { id: payment.id }, data: { returnedAt: new Date(now) } });
    log.warn({ ...context, refundId: refund.refundId }, 'late payment of a closed process returned to the card (PAY-6)');
    return 'returned';
  } catch (error) {
    if (!(error instanceof DomainError && CANNOT_RETURN.has(error.code))) throw error;
    log.warn({ ...context, code: error.code }, 'late payment of a closed process could not be returned; left for the admins');
    return 'kept';
  }
}

function isSuccessOf(settled: unknown, paymentId: string): boolean {
  const candidate = settled as Partial<PaymentSettled> | null;
  return candidate?.paymentId === paymentId && candidate.status === 'succeeded';
}
