import type { Actor } from '../contract.ts';
import { ORAL_CALL_MS, ORAL_CLIENT_GRACE_MS, oralRescheduleProblem, oralSlotProblem } from '../deadlines.ts';
import type { OrderCharge, OrderState } from '../model.ts';
import { refuse, requireClient, requireKind, requireLawyer, requireStatus } from './guards.ts';
import { event, finish, notify, openCharge, setStatus, type Step } from './step.ts';

// Oral advice, E-LEGAL §6.9:
//   EL-ORAL-1 by video or phone at the slot the client chose, at the earliest 48 h after ordering;
//   EL-ORAL-2 in special cases moved (later) by at most 3 calendar days, once the client agrees;
//   EL-ORAL-3 the call lasts 30 minutes; more time is paid again at the same tariff.
// No-shows are our reading (the source is silent): a client absent 15 minutes after the slot
// still had the service; a call the lawyer never opened is the platform's failure.

/** A lawyer may open the call this long before the slot. */
const CALL_OPENS_BEFORE_SLOT_MS = 15 * 60_000;

/** EL-ORAL-1: why the booked slot cannot be served, or null. */
export const oralSlotRefusal = (state: OrderState): string | null =>
  state.oral ? oralSlotProblem(state.placedAt, state.oral.slotAt) : null;

export function proposeRescheduleRefusal(state: OrderState, by: Actor, slotAt: number, now: number): void {
  requireLawyer(state, by);
  requireKind(state, 'EL-ORAL-2', 'oral_advice');
  requireStatus(state, 'in_progress');
  const problem = oralRescheduleProblem(state.oral!.bookedSlotAt, slotAt, now);
  if (problem) refuse('ORDER_RESCHEDULE_NOT_ALLOWED', problem);
}

/** EL-ORAL-2: a new time proposed by the lawyer; binding only once the client agrees. */
export function proposeReschedule(step: Step, slotAt: number): void {
  step.state.oral!.proposedSlotAt = slotAt;
  notify(step, `reschedule-${slotAt}`, ['client'], 'Your lawyer proposes another time', new Date(slotAt).toISOString());
}

/** EL-ORAL-2: the client agreed to the proposed time. */
export function agreeToSlot(step: Step): void {
  const oral = step.state.oral!;
  oral.slotAt = oral.proposedSlotAt!;
  oral.proposedSlotAt = null;
  event(step, 'slot_moved');
}

function callRefusal(state: OrderState, by: Actor): void {
  requireLawyer(state, by);
  requireKind(state, 'EL-ORAL-3', 'oral_advice');
}

export function startCallRefusal(state: OrderState, by: Actor, now: number): void {
  callRefusal(state, by);
  requireStatus(state, 'in_progress');
  if (now < state.oral!.slotAt - CALL_OPENS_BEFORE_SLOT_MS)
    refuse('ORDER_CALL_TOO_EARLY', 'The call opens 15 minutes before the booked time.');
}

/** EL-ORAL-3: 30 minutes, plus 30 for each extension already paid. */
export function startCall(step: Step): void {
  const oral = step.state.oral!;
  oral.callStartedAt = step.now;
  oral.callEndsAt = step.now + ORAL_CALL_MS * (1 + oral.paidExtensions);
  setStatus(step, 'call_in_progress');
}

export function endCallRefusal(state: OrderState, by: Actor): void {
  callRefusal(state, by);
  requireStatus(state, 'call_in_progress');
}

/** EL-DONE-1: the video-call answer was given. */
export function endCall(step: Step): void {
  step.state.oral!.callEndedAt = step.now;
  finish(step, 'delivered', 0, null);
}

/** EL-ORAL-3: the time is up: 30 minutes (plus paid extensions) and no more. */
export function callTimeUp(step: Step): void {
  step.state.oral!.callEndedAt = step.state.oral!.callEndsAt;
  finish(step, 'delivered', 0, null);
}

export function reportClientNoShowRefusal(state: OrderState, by: Actor, now: number): void {
  callRefusal(state, by);
  requireStatus(state, 'in_progress');
  if (now < state.oral!.slotAt + ORAL_CLIENT_GRACE_MS) {
    refuse('ORDER_STATE_CONFLICT', 'The client may be marked absent 15 minutes after the booked time.');
  }
}

/** Our reading: the lawyer kept the appointment, so the service counts as given. */
export function reportClientNoShow(step: Step): void {
  step.state.oral!.noShow = 'client';
  finish(step, 'delivered', 0, 'the client did not come to the call');
}

/** Our reading: a call the lawyer never opened is the platform's failure: full refund. */
export function lawyerNoShow(step: Step): void {
  step.state.oral!.noShow = 'lawyer';
  notify(
    step,
    'lawyer-no-show',
    ['client', 'admins'],
    `Missed consultation: ${step.state.title}`,
    'The lawyer did not open the call; the full price is refunded.',
  );
  finish(step, 'lawyer_no_show', 10_000, 'the lawyer did not open the call');
}

export function requestCallExtensionRefusal(state: OrderState, by: Actor): void {
  requireClient(state, by);
  requireKind(state, 'EL-ORAL-3', 'oral_advice');
  requireStatus(state, 'call_in_progress');
}

/** EL-ORAL-3: more time costs the same tariff again. */
export function requestCallExtension(step: Step): void {
  openCharge(step, 'call_extension', step.state.price, `Extra 30 minutes: ${step.state.title}`);
}

/** EL-ORAL-3: the extension was paid: another 30 minutes, if the call is still on. */
export function callExtensionPaid(step: Step, charge: OrderCharge): void {
  const oral = step.state.oral;
  if (step.state.status !== 'call_in_progress' || !oral?.callEndsAt) {
    charge.unused = true; // returned in full when the order ends
    return;
  }
  oral.paidExtensions += 1;
  oral.callEndsAt += ORAL_CALL_MS;
  event(step, 'call_extended');
}
