import { addWorkingDays } from '../../calendar.ts';
import type { Actor, ComplaintDecision, ConsultationState } from '../contract.ts';
import { refuse, requireAdmin, requireClient, requireStatus } from './guards.ts';
import { dueAtEnd, reversalOf } from './earnings.ts';
import { escalate, event, notify, setStatus, systemMessage, type Step } from './step.ts';

// CHAT-5: if the advice was not given properly the client may complain; the administration
// reviews, and if a violation is confirmed the money returns to the client's balance.
// Our reading: the client may complain within 3 working days of the end (platform calendar,
// `complaintWorkingDays`), the window being [end, end + 3 working days). The money was posted to
// the specialist at the end (CHAT-4); "while a complaint is open, the specialist's earnings from
// it cannot be withdrawn", so the complaint blocks that earning in the ledger — also past PAY-5's
// 3 working days, since the decision may come later. The administration decides within
// `arbitrationWorkingDays` (2) — reject, full refund or partial refund — and is escalated to when
// that passes; the decision stays a person's: nothing is decided by a timer. A refund goes back
// to the client's balance (from there PAY-6 takes it to the card), taken from the specialist and
// the commission so that what is kept is split as on delivery (earnings.ts); then the block is
// lifted. No complaint by the window's close: the consultation is completed, no money moves.

export function complainRefusal(state: ConsultationState, by: Actor, reasonMessageId: string, now: number): void {
  requireClient(state, by);
  if (state.complaint !== null) refuse('COMPLAINT_ALREADY_MADE', 'A complaint about this consultation was already made.');
  if (state.status === 'completed' || (state.complaintDeadline !== null && now >= state.complaintDeadline)) {
    refuse('COMPLAINT_WINDOW_CLOSED', 'Complaints are accepted within 3 working days of the end of the consultation (CHAT-5).');
  }
  requireStatus(state, 'ended');
  if (!reasonMessageId) refuse('VALIDATION_FAILED', 'Say in a message what was wrong and attach it to the complaint.');
}

export function complain(step: Step, reasonMessageId: string): void {
  const { state, now } = step;
  const decideBy = addWorkingDays(state.calendar, now, state.settings.arbitrationWorkingDays);
  state.complaint = {
    openedAt: now,
    reasonMessageId,
    decideBy,
    escalatedAt: null,
    decision: null,
    refundAmount: null,
    decidedAt: null,
    decidedBy: null,
    noteMessageId: null,
  };
  setStatus(step, 'in_complaint');
  event(step, 'complaint_opened');
  // The specialist is told how much of their earnings waits for the decision (earnings.ts blocks it).
  const blockedEarning = dueAtEnd(state).toSpecialist;
  systemMessage(step, 'complaint/opened', 'complaint_opened', { decideBy });
  notify(step, 'complaint/opened', ['admins', 'specialist'], 'complaint_opened', {
    decideBy,
    reasonMessageId,
    blockedEarning,
    currency: state.currency,
  });
}

export function decideComplaintRefusal(
  state: ConsultationState,
  by: Actor,
  decision: ComplaintDecision,
  refundAmount: number | undefined,
): void {
  requireAdmin(state, by);
  requireStatus(state, 'in_complaint');
  const price = state.session!.price;
  if (decision === 'partial_refund') {
    if (refundAmount === undefined || !Number.isSafeInteger(refundAmount) || refundAmount <= 0 || refundAmount >= price) {
      refuse('VALIDATION_FAILED', `A partial refund is a whole amount above 0 and below the price (${price}).`);
    }
  } else if (refundAmount !== undefined) {
    refuse('VALIDATION_FAILED', 'Only a partial refund carries an amount.');
  }
}

const refundOf = (decision: ComplaintDecision, price: number, refundAmount: number | undefined): number =>
  decision === 'reject' ? 0 : decision === 'full_refund' ? price : refundAmount!;

const STATUS_AFTER = { reject: 'completed', full_refund: 'refunded', partial_refund: 'partially_refunded' } as const;

export function decideComplaint(step: Step, by: Actor, decision: ComplaintDecision, refundAmount?: number, noteMessageId?: string): void {
  const { state, now } = step;
  const complaint = state.complaint!;
  const returned = refundOf(decision, state.session!.price, refundAmount);
  Object.assign(complaint, {
    decision,
    refundAmount: returned,
    decidedAt: now,
    decidedBy: by.userId,
    noteMessageId: noteMessageId ?? null,
  });
  setStatus(step, STATUS_AFTER[decision]);
  // The money follows in earnings.ts; the message says where the price ends up.
  const back = reversalOf(state, returned);
  const params = {
    decision,
    returnedToClient: returned,
    returnedBySpecialist: back.fromSpecialist,
    returnedByPlatform: back.fromPlatform,
    toSpecialist: dueAtEnd(state).toSpecialist - back.fromSpecialist,
    currency: state.currency,
  };
  systemMessage(step, 'complaint/decided', 'complaint_decided', params);
  notify(step, 'complaint/decided', ['client', 'specialist'], 'complaint_decided', params);
}

/** No complaint within the window: completed; the specialist keeps what was posted at the end (no money moves). */
export function complaintWindowClosed(step: Step): void {
  const { state, now } = step;
  if (state.status !== 'ended' || state.complaintDeadline === null || now < state.complaintDeadline) return;
  setStatus(step, 'completed');
  const params = { toSpecialist: dueAtEnd(state).toSpecialist, currency: state.currency };
  systemMessage(step, 'completed', 'completed', params);
  notify(step, 'completed', ['specialist'], 'completed', params);
}

/** The administration missed its deadline: escalate once; the complaint stays open. */
export function arbitrationOverdue(step: Step): void {
  const complaint = step.state.complaint;
  if (step.state.status !== 'in_complaint' || !complaint || complaint.escalatedAt !== null || step.now < complaint.decideBy) return;
  complaint.escalatedAt = step.now;
  escalate(
    step,
    'complaint/overdue',
    'arbitration_overdue',
    `complaint opened ${new Date(complaint.openedAt).toISOString()}, due ${new Date(complaint.decideBy).toISOString()}`,
  );
}
