import { addWorkingDays } from '../../calendar.ts';
import { reversalOf } from '../../earnings.ts';
import type { Actor, ComplaintDecision, QuestionRound, QuestionState } from '../contract.ts';
import { dueOnPayment } from './earnings.ts';
import { refuse, requireAdmin, requireClient, requireEntry, requireOpen, requireRoundStatus } from './guards.ts';
import { escalate, event, notify, notifyAdmins, setRoundStatus, type Step } from './step.ts';

// QA-9: the client may complain about the quality of an answer within 3 working days after its
// publication (the platform calendar kept by the administration, holidays included — the input's
// `calendar`), counted from the moment the full answer opened to them (publication.ts). The
// window is [opened, opened + 3 working days). The administration arbitrates with the same
// decisions as consultations (CHAT-5) — reject, full refund or partial refund — within
// `arbitrationWorkingDays` (2), escalated to when that passes; a refund goes back to the client's
// balance, taken from the specialist and the commission (earnings.ts). The decision stays a
// person's: no timer decides. No complaint by the window's close: the round is completed.
// A free answer: the arbitration's only remedy is a refund (seed row 9: "if the claims are
// justified, returns the money to the client"), and nothing was paid, so a complaint is refused
// (COMPLAINT_NOTHING_PAID): the client rates it (QA-8) or writes to the administration (feedback).
// The window still runs for a free answer: it is also the time the specialist may propose extra
// drawings (QA-7) before the question closes.

export function roundOf(state: QuestionState, no: number): QuestionRound {
  const round = state.rounds.find((r) => r.no === no);
  if (!round) refuse('NOT_FOUND', `The question has no round ${no}.`);
  return round;
}

export function complainRefusal(state: QuestionState, by: Actor, no: number, reasonEntryId: string, now: number): void {
  requireClient(state, by);
  const round = roundOf(state, no);
  if (round.complaint !== null) refuse('COMPLAINT_ALREADY_MADE', `A complaint about round ${no} was already made.`);
  if (!round.fullAnswerOpen) refuse('QUESTION_STATE_CONFLICT', `Round ${no} has no answer open to you yet.`);
  if (round.price === 0) refuse('COMPLAINT_NOTHING_PAID', 'A free answer has nothing to refund: rate it, or write to the administration.');
  if (round.status === 'completed' || (round.complaintDeadline !== null && now >= round.complaintDeadline)) {
    refuse('COMPLAINT_WINDOW_CLOSED', 'Complaints are accepted within 3 working days after the answer opened to you (QA-9).');
  }
  requireOpen(state);
  requireRoundStatus(round, 'answered');
  requireEntry(reasonEntryId, 'The reason (an entry)');
}

export function complain(step: Step, no: number, reasonEntryId: string): void {
  const { state, now } = step;
  const round = roundOf(state, no);
  const decideBy = addWorkingDays(state.calendar, now, state.settings.arbitrationWorkingDays);
  round.complaint = {
    openedAt: now,
    reasonEntryId,
    decideBy,
    escalatedAt: null,
    decision: null,
    refundAmount: null,
    decidedAt: null,
    decidedBy: null,
    noteEntryId: null,
  };
  setRoundStatus(step, round, 'in_complaint');
  event(step, 'complaint_opened', `round ${no}`);
  const params = { round: no, decideBy, reasonEntryId, blockedEarning: dueOnPayment(step, round).toSpecialist, currency: state.currency };
  notifyAdmins(step, `round-${no}/complaint/opened`, 'complaint_opened', params);
  notify(step, `round-${no}/complaint/opened/specialist`, [round.specialistId], 'complaint_opened', params);
}

export function decideComplaintRefusal(
  state: QuestionState,
  by: Actor,
  no: number,
  decision: ComplaintDecision,
  refundAmount?: number,
): void {
  requireAdmin(state, by);
  const round = roundOf(state, no);
  requireRoundStatus(round, 'in_complaint');
  if (decision === 'partial_refund') {
    if (refundAmount === undefined || !Number.isSafeInteger(refundAmount) || refundAmount <= 0 || refundAmount >= round.price) {
      refuse('VALIDATION_FAILED', `A partial refund is a whole amount above 0 and below the price (${round.price}).`);
    }
  } else if (refundAmount !== undefined) {
    refuse('VALIDATION_FAILED', 'Only a partial refund carries an amount.');
  }
}

const STATUS_AFTER = { reject: 'completed', full_refund: 'refunded', partial_refund: 'partially_refunded' } as const;

export function decideComplaint(
  step: Step,
  by: Actor,
  no: number,
  decision: ComplaintDecision,
  refundAmount?: number,
  noteEntryId?: string,
): void {
  const { state, now } = step;
  const round = roundOf(state, no);
  const returned = decision === 'reject' ? 0 : decision === 'full_refund' ? round.price : refundAmount!;
  Object.assign(round.complaint!, {
    decision,
    refundAmount: returned,
    decidedAt: now,
    decidedBy: by.userId,
    noteEntryId: noteEntryId ?? null,
  });
  setRoundStatus(step, round, STATUS_AFTER[decision]);
  const back = reversalOf(round.price, state.commissionBps, returned);
  const params = {
    round: no,
    decision,
    returnedToClient: returned,
    returnedBySpecialist: back.fromSpecialist,
    returnedByPlatform: back.fromPlatform,
    toSpecialist: dueOnPayment(step, round).toSpecialist - back.fromSpecialist,
    currency: state.currency,
  };
  notify(step, `round-${no}/complaint/decided`, [state.clientId, round.specialistId], 'complaint_decided', params);
}

/** No complaint within the window: the round is completed (the specialist keeps what was settled). */
export function complaintWindowsClosed(step: Step): void {
  for (const round of step.state.rounds) {
    if (round.status !== 'answered' || round.complaintDeadline === null || step.now < round.complaintDeadline) continue;
    setRoundStatus(step, round, 'completed');
    notify(step, `round-${round.no}/completed`, [round.specialistId], 'round_completed', { round: round.no });
  }
}

/** The administration missed its deadline: escalate once per complaint; it stays open. */
export function arbitrationOverdue(step: Step): void {
  for (const round of step.state.rounds) {
    const complaint = round.complaint;
    if (round.status !== 'in_complaint' || !complaint || complaint.escalatedAt !== null || step.now < complaint.decideBy) continue;
    complaint.escalatedAt = step.now;
    escalate(
      step,
      `round-${round.no}/complaint/overdue`,
      'arbitration_overdue',
      `round ${round.no}: complaint opened ${new Date(complaint.openedAt).toISOString()}, due ${new Date(complaint.decideBy).toISOString()}`,
    );
  }
}
