import type { OrderInput } from '../contract.ts';
import type { OrderCharge, OrderState } from '../model.ts';
import { REFUND_POLICY_VERSION } from '../refund-policy.ts';
import { pageDifferenceOpened, pageDifferencePaid } from './documents.ts';
import { initialLanguage } from './language.ts';
import { callExtensionPaid, oralSlotRefusal } from './oral.ts';
import { register } from './registration.ts';
import { chargeByKey, event, finish, isFinal, openCharge, type Step } from './step.ts';

// EL-ORD-2 (§5.5, §7.4–7.7): sending the order obliges the client to pay and sends them straight
// to payment; an order unpaid within the window is not accepted and creates no obligation.
// PAY-2: every payment is held on the platform (a hold per charge) until the order ends.
// PAY-3: a repeated provider callback changes nothing. PAY-6: a payment that arrives after the
// order ended serves nothing and goes straight back to the card.

/** The state of a new order and its first step: the checkout for the price. */
export function placeOrder(input: OrderInput, step: Step): void {
  const placedAt = input.placedAt;
  step.state = {
    orderId: input.orderId,
    clientId: input.clientId,
    lawyerId: null,
    kind: input.kind,
    title: input.title,
    currency: input.currency,
    price: input.price,
    commissionBps: input.commissionBps,
    refundPolicyVersion: REFUND_POLICY_VERSION,
    status: 'awaiting_payment',
    placedAt,
    paymentExpiresAt: placedAt + input.paymentWindowMs,
    paidAt: null,
    registeredAt: null,
    clockStartedAt: null,
    dueAt: null,
    extensionReason: null,
    docDays: input.docDays ?? null,
    agreedExtraDays: 0,
    proposedExtraDays: null,
    warnedForDueAt: null,
    overdueSince: null,
    clarificationRequest: null,
    charges: [],
    deliverables: [],
    extras: [],
    oral:
      input.slotAt === undefined
        ? null
        : {
            bookedSlotAt: input.slotAt,
            slotAt: input.slotAt,
            proposedSlotAt: null,
            callStartedAt: null,
            callEndsAt: null,
            callEndedAt: null,
            paidExtensions: 0,
            noShow: null,
          },
    pages: input.pages ? { ...input.pages, correctedPages: null, differenceDueAt: null } : null,
    subscription: input.subscription ? { ...input.subscription, startedAt: placedAt, currentPeriod: 0 } : null,
    previousOrderId: input.previousOrderId ?? null,
    outcome: null,
    language: initialLanguage(input.language),
  };
  event(step, 'placed');
  // EL-ORAL-1 again on the workflow's side: the API checked it too.
  const slotProblem = oralSlotRefusal(step.state);
  if (slotProblem) return finish(step, 'rejected', 0, slotProblem);
  openCharge(step, 'order', step.state.price, step.state.title);
}

/** EL-ORD-2: the payment window closed with the order still unpaid. */
export function paymentWindowClosed(step: Step): void {
  if (step.state.status === 'awaiting_payment' && step.state.paidAt === null) finish(step, 'expired', 0, 'not paid');
}

export function paymentOpened(step: Step, chargeKey: string, paymentId: string, checkoutUrl: string): void {
  const charge = chargeByKey(step.state, chargeKey);
  if (!charge) return;
  charge.paymentId = paymentId;
  charge.checkoutUrl = checkoutUrl;
  if (charge.purpose === 'page_difference') pageDifferenceOpened(step, charge);
}

/** The provider's outcome of one payment (the webhook's signal). */
export function paymentSettled(step: Step, outcome: { paymentId: string; status: 'succeeded' | 'failed'; settledAt: number }): void {
  const { state } = step;
  const charge = state.charges.find((c) => c.paymentId === outcome.paymentId);
  const paid = outcome.status === 'succeeded';
  // PAY-3: a repeated callback finds the charge already decided. A success after a failure is
  // not a repeat: the client paid on the same checkout after a decline, and the ledger has
  // credited them, so the payment is applied (or returned, if the order ended meanwhile).
  const retriedAfterDecline = charge?.status === 'failed' && paid;
  if (!charge || (charge.status !== 'awaiting_payment' && !retriedAfterDecline)) return;
  charge.status = paid ? 'held' : 'failed';
  charge.paidAt = paid ? outcome.settledAt : null;
  event(step, paid ? 'payment_succeeded' : 'payment_failed', charge.key);
  if (state.outcome !== null) return paid ? returnLatePayment(step, charge) : undefined;
  if (!paid) {
    if (charge.purpose === 'order' && state.status === 'awaiting_payment') finish(step, 'payment_failed', 0, 'not paid');
    return;
  }
  holdCharge(step, charge);
  if (charge.purpose === 'order') {
    // EL-ORD-4 / EL-REF-1 count from the provider's confirmation of the price's payment.
    state.paidAt = charge.paidAt;
    register(step);
  }
  if (charge.purpose === 'call_extension') callExtensionPaid(step, charge);
  if (charge.purpose === 'page_difference') pageDifferencePaid(step, charge);
}

/** PAY-2: the money is frozen on the platform until the order ends. */
function holdCharge(step: Step, charge: OrderCharge): void {
  const { state } = step;
  step.effects.push({ kind: 'hold', chargeKey: charge.key, amount: charge.amount, description: `${state.title} (order ${state.orderId})` });
}

export function holdPlaced(step: Step, chargeKey: string, holdId: string): void {
  const charge = chargeByKey(step.state, chargeKey);
  if (charge) charge.holdId = holdId;
}

/**
 * EL-ORD-2, PAY-6: the order already ended (the client paid on a checkout page left open), so
 * the payment owes nothing either way and goes straight back to the card in full.
 */
function returnLatePayment(step: Step, charge: OrderCharge): void {
  charge.unused = true;
  charge.status = 'settled';
  step.effects.push({ kind: 'refundPayment', refundKey: `${charge.key}/refund`, paymentId: charge.paymentId!, amount: charge.amount });
  step.state.outcome!.refunded += charge.amount;
}

/** How long an ended order still listens for a payment made on a checkout page left open. */
export const LATE_PAYMENT_GRACE_MS = 24 * 3_600_000;

/**
 * A checkout is still open: a payment may yet arrive and must then be returned. A declined
 * attempt leaves its checkout payable, so a failed charge may still succeed too.
 */
export const awaitingPayment = (state: OrderState): boolean =>
  state.charges.some((c) => (c.status === 'awaiting_payment' || c.status === 'failed') && c.paymentId !== null);

/** The order has nothing left to do: ended, every hold resolved, no open checkout within the grace. */
export function orderDone(state: OrderState, now: number): boolean {
  if (!isFinal(state.status) || state.outcome === null) return false;
  if (state.charges.some((c) => c.status === 'held')) return false;
  return !awaitingPayment(state) || now >= state.outcome.at + LATE_PAYMENT_GRACE_MS;
}
