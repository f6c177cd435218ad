import { addWorkingDays } from '../../calendar.ts';
import type { Actor, QuestionPayment, QuestionRound, QuestionState } from '../contract.ts';
import { closeLiveBids } from './bids.ts';
import { refuse, requireEntry } from './guards.ts';
import { workingRound } from './rounds.ts';
import { LATE_PAYMENT_GRACE_MS } from './settings.ts';
import { activeRound, event, isFinal, keyStem, notify, setRoundStatus, type Step } from './step.ts';

// QA-6: by the promised date the specialist publishes. A free answer is published in full. A paid
// answer is published as a preview showing the scope and quality of the work; the full answer
// opens to the client only once the payment reaches the platform (PAY-2) — `fullAnswerOpen`, which
// the API checks before it returns a word or a file of it. At preview time the service stores the
// SHA-256 of the full answer and passes its digest here; the state keeps it, so after paying the
// client can check the full answer is the one that existed at the preview.
// The seed's row 6: "the administration publishes the answer after the money reaches the
// service's account" and "the specialist may withdraw not earlier than 3 working days after the
// publication of the answer": for a paid answer, "publication" is that opening. So the price is
// captured and settled at once (hold, then settle: earnings.ts) with `publishedAt` = the opening,
// and QA-9's 3 working days count from the same instant.
// Unpaid within `previewPaymentWindowMs`: the round closes `unpaid`, without obligation (settings.ts);
// a declined card opens a fresh checkout while the window runs; a payment arriving after the
// window goes back to the card in full (PAY-6). PAY-3: a repeated callback changes nothing.

const DIGEST = /^[0-9a-f]{64}$/;

export function publishAnswerRefusal(state: QuestionState, by: Actor, answerId: string, digest: string | undefined): void {
  const round = workingRound(state, by);
  requireEntry(answerId, 'The answer (its id)');
  if (round.price > 0 && (typeof digest !== 'string' || !DIGEST.test(digest))) {
    refuse(
      'QUESTION_DIGEST_INVALID',
      'A paid answer is published as a preview with the SHA-256 digest (64 lower-case hex) of the full answer (QA-6).',
    );
  }
}

export function publishAnswer(step: Step, answerId: string, digest: string | undefined): void {
  const { state, now } = step;
  const round = activeRound(state)!;
  const paid = round.price > 0;
  round.answer = { answerId, publishedAt: now, digest: paid ? digest! : null };
  for (const proposal of round.dateProposals)
    if (proposal.status === 'open') Object.assign(proposal, { status: 'rejected', answeredAt: now });
  // The question moved on: the bids kept as QA-10's fall-back close.
  if (round.kind === 'answer') closeLiveBids(step);
  if (!paid) {
    openFullAnswer(step, round);
    notify(step, `round-${round.no}/published`, [state.clientId], 'answer_published', { round: round.no, answerId });
    return;
  }
  setRoundStatus(step, round, 'awaiting_payment');
  const payment = openRoundPayment(step, round, now + state.settings.previewPaymentWindowMs);
  notify(step, `round-${round.no}/preview`, [state.clientId], 'preview_published', {
    round: round.no,
    answerId,
    digest: digest!,
    amount: round.price,
    currency: state.currency,
    payBy: payment.expiresAt,
  });
}

/** QA-6: the full answer opens to the client; QA-9's window and QA-8's rating start. */
function openFullAnswer(step: Step, round: QuestionRound): void {
  const { state, now } = step;
  round.fullAnswerOpen = true;
  round.fullAnswerOpenedAt = now;
  round.rateable = true;
  round.complaintDeadline = addWorkingDays(state.calendar, now, state.settings.complaintWorkingDays);
  setRoundStatus(step, round, 'answered');
}

function openRoundPayment(step: Step, round: QuestionRound, expiresAt: number): QuestionPayment {
  const { state, now } = step;
  const payment: QuestionPayment = {
    key: `${keyStem(step)}/round-${round.no}/payment-${round.payments.length + 1}`,
    amount: round.price,
    paymentId: null,
    checkoutUrl: null,
    status: 'awaiting_payment',
    openedAt: now,
    expiresAt,
    closedAt: null,
    paidAt: null,
    holdId: null,
  };
  round.payments.push(payment);
  const description = `Answer to question ${state.questionId}, round ${round.no}${round.kind === 'extra_drawings' ? ' (extra drawings)' : ''}`;
  step.effects.push({ kind: 'openPayment', paymentKey: payment.key, amount: payment.amount, description });
  return payment;
}

const paymentByKey = (state: QuestionState, key: string) =>
  state.rounds.flatMap((r) => r.payments.map((p) => ({ round: r, payment: p }))).find((x) => x.payment.key === key);

export function paymentOpened(step: Step, paymentKey: string, paymentId: string, checkoutUrl: string): void {
  const found = paymentByKey(step.state, paymentKey);
  if (found) Object.assign(found.payment, { paymentId, checkoutUrl });
}

export function holdPlaced(step: Step, paymentKey: string, holdId: string): void {
  const found = paymentByKey(step.state, paymentKey);
  if (found) found.payment.holdId = holdId;
}

/** The provider's outcome of one payment (the webhook's signal). */
export function paymentSettled(step: Step, outcome: { paymentId: string; status: 'succeeded' | 'failed' }): void {
  const found = step.state.rounds
    .flatMap((r) => r.payments.map((p) => ({ round: r, payment: p })))
    .find((x) => x.payment.paymentId === outcome.paymentId);
  if (!found) return;
  const { round, payment } = found;
  const paid = outcome.status === 'succeeded';
  if (payment.status === 'awaiting_payment') return paid ? paymentReceived(step, round, payment) : paymentFailed(step, round, payment);
  if (paid && (payment.status === 'lapsed' || payment.status === 'failed')) return returnLatePayment(step, round, payment);
  // PAY-3: anything else is a repeated callback.
}

/** PAY-2, QA-6: captured — hold it (settled at once, earnings.ts) and open the full answer. */
function paymentReceived(step: Step, round: QuestionRound, payment: QuestionPayment): void {
  const { state, now } = step;
  Object.assign(payment, { status: 'held', paidAt: now });
  event(step, 'payment_succeeded', payment.key);
  step.effects.push({
    kind: 'hold',
    paymentKey: payment.key,
    amount: payment.amount,
    description: `Answer to question ${state.questionId}, round ${round.no}`,
  });
  openFullAnswer(step, round);
  const params = { round: round.no, amount: payment.amount, currency: state.currency, answerId: round.answer!.answerId };
  notify(step, `round-${round.no}/paid`, [state.clientId, round.specialistId], 'paid', params);
}

function paymentFailed(step: Step, round: QuestionRound, payment: QuestionPayment): void {
  Object.assign(payment, { status: 'failed', closedAt: step.now });
  event(step, 'payment_failed', payment.key);
  notify(step, `round-${round.no}/payment-${round.payments.length}/failed`, [step.state.clientId], 'payment_failed', { round: round.no });
  if (step.now < payment.expiresAt) openRoundPayment(step, round, payment.expiresAt);
}

/** QA-6: the preview was not paid in time — the round closes without obligation; the full answer stays closed. */
export function paymentWindowClosed(step: Step): void {
  const round = activeRound(step.state);
  if (round?.status !== 'awaiting_payment') return;
  const payment = round.payments.find((p) => p.status === 'awaiting_payment');
  const dueBy = round.payments[0]!.expiresAt;
  if (step.now < dueBy) return;
  if (payment) Object.assign(payment, { status: 'lapsed', closedAt: step.now });
  setRoundStatus(step, round, 'unpaid');
  notify(step, `round-${round.no}/unpaid`, [step.state.clientId, round.specialistId], 'payment_lapsed', { round: round.no });
}

/** PAY-6: paid on a checkout page left open after its window: back to the card in full. */
function returnLatePayment(step: Step, round: QuestionRound, payment: QuestionPayment): void {
  payment.status = 'returned';
  step.effects.push({ kind: 'refundPayment', refundKey: `${payment.key}/refund`, paymentId: payment.paymentId!, amount: payment.amount });
  event(step, 'late_payment_returned', payment.key);
  notify(step, `round-${round.no}/returned`, [step.state.clientId], 'late_payment_returned', {
    amount: payment.amount,
    currency: step.state.currency,
  });
}

/** When the last unpaid checkout (if any) stops being listened to. */
export function lateGraceEnd(state: QuestionState): number {
  return state.rounds
    .flatMap((r) => r.payments)
    .filter((p) => (p.status === 'lapsed' || p.status === 'failed') && p.paymentId !== null && p.closedAt !== null)
    .reduce((latest, p) => Math.max(latest, p.closedAt! + LATE_PAYMENT_GRACE_MS), 0);
}

/** Closed, nothing captured left unsettled, no refund still being taken back, no checkout left open within the grace: the workflow may finish. */
export function questionDone(state: QuestionState, now: number): boolean {
  if (!isFinal(state.status)) return false;
  if (state.rounds.some((r) => r.payments.some((p) => p.status === 'held') || r.settlement?.reversal?.status === 'requested')) return false;
  return lateGraceEnd(state) <= now;
}
