import { DEADLINE_WARNING_MS, documentWorkDue, ORAL_LAWYER_NO_SHOW_MS, subscriptionPeriodDue, writtenAdviceDue } from '../deadlines.ts';
import { DOCUMENT_KINDS, type OrderState } from '../model.ts';
import { awaitingPayment, LATE_PAYMENT_GRACE_MS } from './payment.ts';
import { deliveredThisPeriod, event, isFinal, notify, type Step } from './step.ts';
import type { DueTimer } from './types.ts';

// Which deadline an order runs against and which timer fires next: pure functions of the
// state, recomputed after every transition instead of keeping timers. Deadlines: EL-ORD-2
// (payment window), EL-WR-1/2, EL-DOC-1, EL-ORAL-1/3 (the slot, the call), EL-DOC-3 (page
// difference), EL-SUB-1 (period ends). Lawyer and admins are warned 12 h before a written
// deadline and told when it passes.

/** The delivery deadline in force now, or null (court ends with the court's act, a contract at once). */
function deliveryDeadline(state: OrderState): number | null {
  const clock = state.clockStartedAt;
  if (clock === null || state.status === 'awaiting_clarification') return null;
  if (state.kind === 'written_advice') return writtenAdviceDue(clock, state.extensionReason !== null);
  if (DOCUMENT_KINDS.includes(state.kind)) return documentWorkDue(clock, state.docDays ?? 0, state.agreedExtraDays);
  if (state.kind === 'oral_advice') return state.oral?.slotAt ?? null;
  if (state.kind === 'subscription' && state.subscription) {
    const { startedAt, unit, currentPeriod } = state.subscription;
    return subscriptionPeriodDue(startedAt, unit, currentPeriod);
  }
  return null;
}

/** Recomputes `dueAt`; a deadline moved into the future is no longer overdue. A closed order keeps its last one. */
export function refreshDeadline(state: OrderState, now: number): void {
  if (isFinal(state.status)) return;
  state.dueAt = deliveryDeadline(state);
  if (state.dueAt === null || state.dueAt > now) state.overdueSince = null;
}

function workTimers(state: OrderState): DueTimer[] {
  const timers: DueTimer[] = [];
  const oral = state.oral;
  if (state.status === 'awaiting_payment') timers.push({ at: state.paymentExpiresAt, event: 'payment_window_closed' });
  if (oral && state.registeredAt !== null && oral.callStartedAt === null) {
    timers.push({ at: oral.slotAt + ORAL_LAWYER_NO_SHOW_MS, event: 'lawyer_no_show' });
  }
  if (state.status === 'call_in_progress' && oral?.callEndsAt) timers.push({ at: oral.callEndsAt, event: 'call_time_up' });
  if (state.status === 'awaiting_page_payment' && state.pages?.differenceDueAt) {
    timers.push({ at: state.pages.differenceDueAt, event: 'page_payment_expired' });
  }
  // The call itself is the oral deadline; warnings are for written work.
  if (state.dueAt !== null && state.kind !== 'oral_advice') {
    if (state.warnedForDueAt !== state.dueAt) timers.push({ at: state.dueAt - DEADLINE_WARNING_MS, event: 'deadline_warning' });
    if (state.overdueSince === null) timers.push({ at: state.dueAt, event: 'deadline_passed' });
  }
  return timers;
}

/** The earliest timer the order waits for, or null when only a command or payment can move it. */
export function nextTimer(state: OrderState): DueTimer | null {
  const timers = isFinal(state.status)
    ? awaitingPayment(state) && state.outcome
      ? [{ at: state.outcome.at + LATE_PAYMENT_GRACE_MS, event: 'late_payment_window_closed' as const }]
      : []
    : workTimers(state);
  return timers.reduce<DueTimer | null>((first, t) => (first === null || t.at < first.at ? t : first), null);
}

export function deadlineWarning(step: Step): void {
  const { state } = step;
  state.warnedForDueAt = state.dueAt;
  if (state.dueAt !== null && step.now < state.dueAt && !deliveredThisPeriod(state)) {
    notify(
      step,
      `warning-${state.dueAt}`,
      ['lawyer', 'admins'],
      `Deadline soon: ${state.title}`,
      `Order ${state.orderId} is due at ${new Date(state.dueAt).toISOString()}.`,
    );
  }
}

export function deadlinePassed(step: Step): void {
  const { state } = step;
  // EL-SUB-1: a period delivered in time just ends (subscription.ts moves on).
  if (state.kind === 'subscription' && deliveredThisPeriod(state)) return;
  state.overdueSince = state.dueAt; // overdue from the very instant the deadline passed
  event(step, 'overdue');
  notify(
    step,
    `overdue-${state.dueAt}`,
    ['lawyer', 'admins'],
    `OVERDUE: ${state.title}`,
    `Order ${state.orderId} was due at ${new Date(state.dueAt!).toISOString()} and is not delivered.`,
  );
}

/** What an operator sorts by (search attribute OrderNextDeadline): the payment window, then the delivery deadline. */
export const operatorDeadline = (state: OrderState): number | null =>
  isFinal(state.status) ? null : state.status === 'awaiting_payment' ? state.paymentExpiresAt : state.dueAt;
