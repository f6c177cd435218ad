import { addWorkingDays } from '../../calendar.ts';
import type { Actor, ConsultationPayment, ConsultationSession, ConsultationState, SessionEndReason } from '../contract.ts';
import { dueAtEnd } from './earnings.ts';
import { requireSpecialist, requireStatus } from './guards.ts';
import { event, notify, setStatus, systemMessage, type Step } from './step.ts';

// CHAT-4: once paid, the agreed duration runs as a timer (both sides see `endsAt`); the
// specialist answers within the question's scope and ends the consultation, "at that moment the
// frozen amount goes to the specialist": the hold is posted at once, the price less the
// commission to the specialist (earnings.ts), and CHAT-5's complaint window opens. PAY-5's 3
// working days before withdrawal count from the end; a complaint within the window blocks the
// earning until the administration decides (complaints.ts, earnings.ts).
//
// Our readings of the cases the source leaves open:
// - the specialist never ends it: at the agreed end both sides are told the time is up; the
//   session completes by itself `autoCompleteAfterMs` (24 h) later, with a notice to both, and
//   the client's complaint window counts from that moment — so a specialist who went silent is
//   a matter for a complaint (the earning is blocked while it is open);
// - the client disappears: nothing changes — the client paid for the specialist's time and
//   answer, the specialist may end the consultation (or it completes by itself) and is paid;
//   before payment an absent client's offer or checkout simply expires (offers.ts, payment.ts).

export function startSession(step: Step, payment: ConsultationPayment): ConsultationSession {
  const offer = step.state.offers.find((o) => o.id === payment.offerId)!;
  const session: ConsultationSession = {
    offerId: offer.id,
    paymentKey: payment.key,
    price: payment.amount,
    durationMinutes: offer.durationMinutes,
    startedAt: step.now,
    endsAt: step.now + offer.durationMinutes * 60_000,
    timeUpAt: null,
    endedAt: null,
    endReason: null,
  };
  step.state.session = session;
  setStatus(step, 'in_session');
  return session;
}

export const autoCompleteAt = (session: ConsultationSession, autoCompleteAfterMs: number): number => session.endsAt + autoCompleteAfterMs;

export function endConsultationRefusal(state: ConsultationState, by: Actor): void {
  requireSpecialist(state, by);
  requireStatus(state, 'in_session');
}

/** The agreed time is up: both sides are told; the specialist is asked to end it. */
export function sessionTimeUp(step: Step): void {
  const session = step.state.session;
  if (step.state.status !== 'in_session' || !session || session.timeUpAt !== null || step.now < session.endsAt) return;
  session.timeUpAt = step.now;
  const params = { endsAt: session.endsAt, autoCompleteAt: autoCompleteAt(session, step.state.settings.autoCompleteAfterMs) };
  systemMessage(step, 'session/time-up', 'time_up', params);
  notify(step, 'session/time-up', ['specialist'], 'time_up', params);
}

/** Nobody ended the session within the grace after the agreed end: it completes by itself. */
export function autoComplete(step: Step): void {
  const session = step.state.session;
  if (step.state.status !== 'in_session' || !session) return;
  if (step.now < autoCompleteAt(session, step.state.settings.autoCompleteAfterMs)) return;
  endSession(step, 'auto_completed');
}

/** CHAT-4 (by the specialist, or by itself): the end — the hold is posted (earnings.ts); CHAT-5's complaint window opens. */
export function endSession(step: Step, reason: SessionEndReason): void {
  const { state, now } = step;
  const session = state.session!;
  session.endedAt = now;
  session.endReason = reason;
  state.complaintDeadline = addWorkingDays(state.calendar, now, state.settings.complaintWorkingDays);
  setStatus(step, 'ended');
  event(step, reason);
  const due = dueAtEnd(state);
  const code = reason === 'auto_completed' ? 'auto_completed' : 'ended';
  const params = {
    endedAt: now,
    complaintDeadline: state.complaintDeadline,
    toSpecialist: due.toSpecialist,
    commission: due.toPlatform,
    currency: state.currency,
  };
  systemMessage(step, 'session/ended', code, params);
  notify(step, 'session/ended', reason === 'auto_completed' ? ['client', 'specialist'] : ['client'], code, params);
}
