import { condition, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { MoneyActivities, PaymentSettled } from '../../../domain/money-contract.ts';
import type { OrderCharge, OrderState } from '../../../domain/orders/model.ts';
import { deliverySplit, splitByShare } from '../../../domain/orders/refund-policy.ts';

// Every money step of an order goes through the ledger's activities (domain/money-contract.ts):
// a payment is opened, held on the platform once it succeeds (PAY-2), and the hold is resolved
// exactly once when the order ends. Keys derive from the workflow id and the step, so a retried
// activity is a no-op in the ledger (PAY-3).

const money = proxyActivities<MoneyActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumInterval: '1 minute', nonRetryableErrorTypes: ['IDEMPOTENCY_KEY_REUSED'] },
});

export function newCharge(state: OrderState, purpose: OrderCharge['purpose'], amount: number): OrderCharge {
  const sameKind = state.charges.filter((c) => c.purpose === purpose).length;
  // The order's own payment is `order-<id>/payment`; later ones `order-<id>/call_extension-1/payment` …
  const stem = workflowInfo().workflowId;
  const key = purpose === 'order' ? stem : `${stem}/${purpose}-${sameKind + 1}`;
  const charge: OrderCharge = {
    key,
    purpose,
    amount,
    paymentId: null,
    checkoutUrl: null,
    status: 'awaiting_payment',
    paidAt: null,
    holdId: null,
    unused: false,
  };
  state.charges.push(charge);
  return charge;
}

/** Opens the provider's checkout for a charge; the webhook answers with `paymentSettled`. */
export async function openPayment(state: OrderState, charge: OrderCharge, description: string): Promise<void> {
  const started = await money.startPayment({
    paymentKey: `${charge.key}/payment`,
    payerUserId: state.clientId,
    amount: charge.amount,
    currency: state.currency,
    description,
    notifyWorkflowId: workflowInfo().workflowId,
  });
  charge.paymentId = started.paymentId;
  charge.checkoutUrl = started.checkoutUrl;
}

/** Signal handler: records the provider's outcome; the main loop places the hold. */
export function recordPaymentOutcome(state: OrderState, outcome: PaymentSettled): OrderCharge | null {
  const charge = state.charges.find((c) => c.paymentId === outcome.paymentId);
  // A repeated provider callback finds the charge already decided and changes nothing (PAY-3).
  if (!charge || charge.status !== 'awaiting_payment') return null;
  charge.status = outcome.status === 'succeeded' ? 'held' : 'failed';
  charge.paidAt = outcome.status === 'succeeded' ? outcome.settledAt : null;
  // A payment made after the order ended (the checkout page was still open) serves nothing.
  if (state.outcome !== null) charge.unused = true;
  // EL-ORD-4 / EL-REF-1 count from the provider's confirmation of the order's own payment.
  else if (charge.purpose === 'order' && charge.paidAt !== null) state.paidAt = charge.paidAt;
  return charge;
}

/** Charges that were paid but whose hold is not placed yet. */
export const chargesToHold = (state: OrderState): OrderCharge[] => state.charges.filter((c) => c.status === 'held' && c.holdId === null);

export async function holdCharge(state: OrderState, charge: OrderCharge): Promise<void> {
  const placed = await money.holdFunds({
    holdKey: `${charge.key}/hold`,
    userId: state.clientId,
    amount: charge.amount,
    currency: state.currency,
    description: `${state.title} (order ${state.orderId})`,
  });
  charge.holdId = placed.holdId;
}

/**
 * Resolves every hold once the order has its outcome. Delivered: the lawyer gets the price
 * minus the commission, the platform the commission; a payment that came too late to be used
 * is returned in full. Otherwise the outcome's refund share applies to each payment.
 */
export async function settleCharges(state: OrderState): Promise<void> {
  const outcome = state.outcome;
  if (!outcome) throw new Error('settleCharges before the order has an outcome');
  const delivered = outcome.status === 'delivered' || outcome.status === 'completed';
  for (const charge of state.charges) {
    if (charge.status !== 'held' || charge.holdId === null) continue;
    if (delivered && !charge.unused) {
      const split = deliverySplit(charge.amount, state.commissionBps);
      const toSpecialist = state.lawyerId ? split.toSpecialist : 0;
      await money.settleHold({
        holdId: charge.holdId,
        ...(state.lawyerId && { specialistUserId: state.lawyerId }),
        toSpecialist,
        toPlatform: charge.amount - toSpecialist,
        publishedAt: outcome.at,
      });
      outcome.toSpecialist += toSpecialist;
      outcome.kept += charge.amount - toSpecialist;
    } else {
      const { refunded, kept } = splitByShare(charge.amount, charge.unused ? 10_000 : outcome.refundBps);
      if (kept === 0) await money.releaseHold({ holdId: charge.holdId });
      else await money.settleHold({ holdId: charge.holdId, toSpecialist: 0, toPlatform: kept });
      // PAY-6: the refunded part goes back to the card it came from.
      if (refunded > 0) await money.refundPayment({ refundKey: `${charge.key}/refund`, paymentId: charge.paymentId!, amount: refunded });
      outcome.refunded += refunded;
      outcome.kept += kept;
    }
    charge.status = 'settled';
  }
}

/** How long an ended order still listens for a payment made on a checkout page left open. */
export const LATE_PAYMENT_GRACE_MS = 24 * 3_600_000;

/**
 * EL-ORD-2: an order that ended unpaid owes nothing either way, so a payment that still arrives
 * (the client paid on a checkout page left open) goes straight back to the card (PAY-6).
 */
export async function returnLatePayments(state: OrderState): Promise<void> {
  const awaited = () => state.charges.some((c) => c.status === 'awaiting_payment' && c.paymentId !== null);
  const late = () => state.charges.filter((c) => c.status === 'held' && c.holdId === null);
  const until = state.outcome!.at + LATE_PAYMENT_GRACE_MS;
  while (awaited() || late().length > 0) {
    if (late().length === 0 && !(await condition(() => late().length > 0, Math.max(1, until - Date.now())))) return;
    for (const charge of late()) {
      await money.refundPayment({ refundKey: `${charge.key}/refund`, paymentId: charge.paymentId!, amount: charge.amount });
      charge.status = 'settled';
      state.outcome!.refunded += charge.amount;
    }
  }
}
