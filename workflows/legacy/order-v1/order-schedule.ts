import {
  DEADLINE_WARNING_MS,
  documentWorkDue,
  ORAL_LAWYER_NO_SHOW_MS,
  subscriptionPeriodDue,
  writtenAdviceDue,
} from '../../../domain/orders/deadlines.ts';
import { DOCUMENT_KINDS, FINAL_STATUSES, type OrderState, type OrderStatus } from '../../../domain/orders/model.ts';

// Which deadline an order is running against and which timer must fire next. Pure functions
// of the state, so the workflow recomputes them after every change instead of keeping timers.

export const isFinal = (status: OrderStatus): boolean => FINAL_STATUSES.includes(status);

/** The delivery deadline in force now (EL-WR-1/2, EL-DOC-1, EL-ORAL-1, EL-SUB-1), or null. */
export function deliveryDeadline(state: OrderState): number | null {
  const clock = state.clockStartedAt;
  if (clock === null || state.status === 'awaiting_clarification') return null;
  if (state.kind === 'written_advice') return writtenAdviceDue(clock, state.extensionReason !== null);
  if (DOCUMENT_KINDS.includes(state.kind)) return documentWorkDue(clock, state.docDays ?? 0, state.agreedExtraDays);
  if (state.kind === 'oral_advice') return state.oral?.slotAt ?? null;
  if (state.kind === 'subscription' && state.subscription) {
    const { startedAt, unit, currentPeriod } = state.subscription;
    return subscriptionPeriodDue(startedAt, unit, currentPeriod);
  }
  return null; // court (ends with the court's final act) and contracts (generated at once)
}

/** Recomputes `dueAt`; a deadline moved into the future is no longer overdue. */
export function refreshDeadline(state: OrderState, now: number): void {
  if (isFinal(state.status)) return; // a closed order keeps the deadline it had, for the record
  state.dueAt = deliveryDeadline(state);
  if (state.dueAt === null || state.dueAt > now) state.overdueSince = null;
}

export type TimerEvent = 'deadline_warning' | 'deadline_passed' | 'lawyer_no_show' | 'call_time_up' | 'page_payment_expired';

export interface DueTimer {
  at: number;
  event: TimerEvent;
}

/**
 * The earliest timer a paid order is waiting for, or null when only a command can move it.
 * (The payment window before that is a plain timeout in the workflow's first step.)
 */
export function nextTimer(state: OrderState): DueTimer | null {
  const timers: DueTimer[] = [];
  const oral = state.oral;
  if (oral && state.registeredAt !== null && oral.callStartedAt === null && !isFinal(state.status)) {
    timers.push({ at: oral.slotAt + ORAL_LAWYER_NO_SHOW_MS, event: 'lawyer_no_show' });
  }
  if (state.status === 'call_in_progress' && oral?.callEndsAt) timers.push({ at: oral.callEndsAt, event: 'call_time_up' });
  if (state.status === 'awaiting_page_payment' && state.pages?.differenceDueAt) {
    timers.push({ at: state.pages.differenceDueAt, event: 'page_payment_expired' });
  }
  // The call itself is the oral deadline; warnings are for written work.
  if (state.dueAt !== null && state.kind !== 'oral_advice' && !isFinal(state.status)) {
    if (state.warnedForDueAt !== state.dueAt) timers.push({ at: state.dueAt - DEADLINE_WARNING_MS, event: 'deadline_warning' });
    if (state.overdueSince === null) timers.push({ at: state.dueAt, event: 'deadline_passed' });
  }
  return timers.reduce<DueTimer | null>((first, t) => (first === null || t.at < first.at ? t : first), null);
}
