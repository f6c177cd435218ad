import type { ConsultationOffer, ConsultationPayment, ConsultationState } from '../contract.ts';
import { startSession } from './session.ts';
import { LATE_PAYMENT_GRACE_MS } from './settings.ts';
import { event, isFinal, keyStem, notify, setStatus, systemMessage, type Step } from './step.ts';

// CHAT-3: on acceptance the client pays inside the chat; once paid the money is frozen (PAY-2)
// and both sides see a system message. An accepted offer left unpaid for the payment window
// (settings.ts) expires with no obligation: the parties are back to negotiating. A declined
// card does the same. PAY-3: a repeated provider callback changes nothing. PAY-6: a payment
// that arrives after its window closed serves nothing and goes straight back to the card.
// Where the frozen money goes at the end and after a complaint: earnings.ts (CHAT-4, CHAT-5).

export function openConsultationPayment(step: Step, offer: ConsultationOffer): ConsultationPayment {
  const { state, now } = step;
  const payment: ConsultationPayment = {
    key: `${keyStem(step)}/payment-${state.payments.length + 1}`,
    offerId: offer.id,
    amount: offer.price,
    paymentId: null,
    checkoutUrl: null,
    status: 'awaiting_payment',
    openedAt: now,
    expiresAt: now + state.settings.paymentWindowMs,
    closedAt: null,
    paidAt: null,
    holdId: null,
  };
  state.payments.push(payment);
  step.effects.push({ kind: 'openPayment', paymentKey: payment.key, amount: payment.amount, description: description(state, offer) });
  return payment;
}

const description = (state: ConsultationState, offer: ConsultationOffer): string =>
  `Chat consultation ${state.consultationId}, ${offer.durationMinutes} min (offer v${offer.version})`;

/** `payment-<n>`: the payment's key without the workflow id (the step helpers prefix it). */
const tag = (payment: ConsultationPayment): string => payment.key.slice(payment.key.lastIndexOf('/') + 1);

const awaited = (state: ConsultationState): ConsultationPayment | undefined => state.payments.find((p) => p.status === 'awaiting_payment');

export function paymentOpened(step: Step, paymentKey: string, paymentId: string, checkoutUrl: string): void {
  const payment = step.state.payments.find((p) => p.key === paymentKey);
  if (!payment) return;
  payment.paymentId = paymentId;
  payment.checkoutUrl = checkoutUrl;
}

/** The provider's outcome of one payment (the webhook's signal). */
export function paymentSettled(step: Step, outcome: { paymentId: string; status: 'succeeded' | 'failed'; settledAt: number }): void {
  const payment = step.state.payments.find((p) => p.paymentId === outcome.paymentId);
  if (!payment) return;
  const paid = outcome.status === 'succeeded';
  if (payment.status === 'awaiting_payment') return paid ? paymentReceived(step, payment, outcome.settledAt) : paymentFailed(step, payment);
  if (paid && (payment.status === 'lapsed' || payment.status === 'failed')) return returnLatePayment(step, payment);
  // PAY-3: anything else is a repeated callback.
}

/** CHAT-3, PAY-2: paid — freeze the money, tell both sides, start the agreed time (CHAT-4). */
function paymentReceived(step: Step, payment: ConsultationPayment, settledAt: number): void {
  const { state } = step;
  payment.status = 'held';
  payment.paidAt = settledAt;
  event(step, 'payment_succeeded', payment.key);
  step.effects.push({
    kind: 'hold',
    paymentKey: payment.key,
    amount: payment.amount,
    description: `Frozen for chat consultation ${state.consultationId}`,
  });
  const session = startSession(step, payment);
  const params = { amount: payment.amount, currency: state.currency, startedAt: session.startedAt, endsAt: session.endsAt };
  systemMessage(step, `${tag(payment)}/paid`, 'paid', params);
  notify(step, `${tag(payment)}/paid`, ['specialist'], 'paid', params);
}

function paymentFailed(step: Step, payment: ConsultationPayment): void {
  closeUnpaid(step, payment, 'failed');
  systemMessage(step, `${tag(payment)}/failed`, 'payment_failed', { paymentKey: payment.key });
}

/** CHAT-3: the accepted offer was not paid in time — no obligation either way. */
export function paymentWindowClosed(step: Step): void {
  const payment = awaited(step.state);
  if (!payment || step.now < payment.expiresAt) return;
  closeUnpaid(step, payment, 'lapsed');
  systemMessage(step, `${tag(payment)}/lapsed`, 'payment_lapsed', { paymentKey: payment.key, offerId: payment.offerId });
}

function closeUnpaid(step: Step, payment: ConsultationPayment, status: 'lapsed' | 'failed'): void {
  payment.status = status;
  payment.closedAt = step.now;
  step.state.lastActivityAt = step.now;
  event(step, `payment_${status}`, payment.key);
  setStatus(step, 'negotiating');
}

/** PAY-6: paid on a checkout page left open after its window: back to the card in full. */
function returnLatePayment(step: Step, payment: ConsultationPayment): void {
  payment.status = 'returned';
  step.effects.push({ kind: 'refundPayment', refundKey: `${payment.key}/refund`, paymentId: payment.paymentId!, amount: payment.amount });
  event(step, 'late_payment_returned', payment.key);
  systemMessage(step, `${tag(payment)}/returned`, 'late_payment_returned', { amount: payment.amount, currency: step.state.currency });
}

export function holdPlaced(step: Step, paymentKey: string, holdId: string): void {
  const payment = step.state.payments.find((p) => p.key === paymentKey);
  if (payment) payment.holdId = holdId;
}

/** Ended, nothing frozen, and no checkout left open within the late-payment grace: the workflow may finish. */
export function consultationDone(state: ConsultationState, now: number): boolean {
  if (!isFinal(state.status) || state.payments.some((p) => p.status === 'held')) return false;
  return lateGraceEnd(state) <= now;
}

/** When the last unpaid checkout (if any) stops being listened to. */
export function lateGraceEnd(state: ConsultationState): number {
  return state.payments
    .filter((p) => (p.status === 'lapsed' || p.status === 'failed') && p.paymentId !== null && p.closedAt !== null)
    .reduce((latest, p) => Math.max(latest, p.closedAt! + LATE_PAYMENT_GRACE_MS), 0);
}
