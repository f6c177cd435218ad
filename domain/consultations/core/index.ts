import type { ConsultationInput, ConsultationState } from '../contract.ts';
import {
  arbitrationOverdue,
  complain,
  complainRefusal,
  complaintWindowClosed,
  decideComplaint,
  decideComplaintRefusal,
} from './complaints.ts';
import { reversalRefused, settlementReversed, syncEarnings } from './earnings.ts';
import { messageFlagged } from './flags.ts';
import { Refused, refuse } from './guards.ts';
import * as offers from './offers.ts';
import { holdPlaced, paymentOpened, paymentSettled, paymentWindowClosed } from './payment.ts';
import { resolveSettings } from './settings.ts';
import { autoComplete, endConsultationRefusal, endSession, sessionTimeUp } from './session.ts';
import { copyState, event, type Step } from './step.ts';
import type { ConsultationCommand, ConsultationEffect, ConsultationEvent, ConsultationStimulus, Refusal, TimerEvent } from './types.ts';

// The chat consultation of yuridik.uz (seed 000) as a pure state machine, one module per rule:
//   index.ts start (CHAT-1)        offers.ts (CHAT-2)             payment.ts (CHAT-3, PAY-2/3/6)
//   session.ts (CHAT-4)            complaints.ts (CHAT-5)         flags.ts (CHAT-6, PAY-7)
//   earnings.ts (the money at the end and after a complaint: CHAT-4, CHAT-5, PAY-5)
//   schedule.ts (timers)           settings.ts (the timings' defaults and why)
// No Temporal, no clock: `now` is an argument. The workflow runs it in a thin loop: the update
// validators call `refusal`, everything else goes through `decide`, and the effects come back
// as activities whose results (paymentOpened, holdPlaced, settlementReversed …) are fed to
// `decide` again.

export type * from './types.ts';
export { nextTimer, operatorDeadline, complaintOpen } from './schedule.ts';
export { consultationDone } from './payment.ts';
export { isFinal } from './step.ts';
export { DEFAULT_CONSULTATION_SETTINGS, LATE_PAYMENT_GRACE_MS } from './settings.ts';

export interface Transition {
  state: ConsultationState;
  events: ConsultationEvent[];
  effects: ConsultationEffect[];
}

function refusalOf(check: () => void): Refusal | null {
  try {
    check();
    return null;
  } catch (error) {
    if (error instanceof Refused) return error.refusal;
    throw error;
  }
}

/** CHAT-1: only a client starts a conversation with a specialist (and so its consultations). */
export function startRefusal(input: ConsultationInput): Refusal | null {
  return refusalOf(() => {
    const by = input.openedBy;
    if (by.role !== 'client' || by.userId !== input.clientId) {
      refuse('CONSULTATION_CLIENT_ONLY', 'Only a client can start a conversation with a specialist (CHAT-1).');
    }
    if (input.clientId === input.specialistId) refuse('VALIDATION_FAILED', 'A client cannot consult themself.');
    if (!Number.isInteger(input.commissionBps) || input.commissionBps < 0 || input.commissionBps > 10_000) {
      refuse('VALIDATION_FAILED', `The commission is 0–10000 basis points, got ${input.commissionBps}.`);
    }
  });
}

/** A new consultation, negotiating (or the state carried across continue-as-new), or its refusal. */
export function start(input: ConsultationInput, now: number): { refusal: Refusal } | Transition {
  if (input.carried) return { state: copyState(input.carried), events: [], effects: [] };
  const refused = startRefusal(input);
  if (refused) return { refusal: refused };
  const step: Step = {
    now,
    state: {
      consultationId: input.consultationId,
      conversationId: input.conversationId,
      clientId: input.clientId,
      specialistId: input.specialistId,
      currency: input.currency,
      commissionBps: input.commissionBps,
      calendar: input.calendar,
      settings: resolveSettings(input.settings),
      status: 'negotiating',
      openedAt: input.openedAt,
      lastActivityAt: now,
      offers: [],
      payments: [],
      session: null,
      complaintDeadline: null,
      complaint: null,
      flags: [],
      settlement: null,
      closedAt: null,
    },
    events: [],
    effects: [],
  };
  event(step, 'opened');
  return step;
}

/** Why `command` does not apply to the consultation at `now`, or null when it does. */
export function refusal(state: ConsultationState, command: ConsultationCommand, now: number): Refusal | null {
  return refusalOf(() => commandRefusal(state, command, now));
}

function commandRefusal(state: ConsultationState, c: ConsultationCommand, now: number): void {
  switch (c.type) {
    case 'makeOffer':
      return offers.makeOfferRefusal(state, c.by, c, now);
    case 'acceptOffer':
    case 'declineOffer':
      return offers.answerRefusal(state, c.by, c.offerId, now);
    case 'counterOffer':
      return offers.counterRefusal(state, c.by, c.offerId, c, now);
    case 'endConsultation':
      return endConsultationRefusal(state, c.by);
    case 'complain':
      return complainRefusal(state, c.by, c.reasonMessageId, now);
    case 'decideComplaint':
      return decideComplaintRefusal(state, c.by, c.decision, c.refundAmount);
  }
}

/**
 * Applies a command, a timer, a payment outcome, a flag or an effect's result at `now`. A
 * command is checked first (the same check as `refusal`); the caller's state is never changed.
 */
export function decide(state: ConsultationState, stimulus: ConsultationStimulus, now: number): { refusal: Refusal } | Transition {
  if (isCommand(stimulus)) {
    const refused = refusal(state, stimulus, now);
    if (refused) return { refusal: refused };
  }
  const step: Step = { now, state: copyState(state), events: [], effects: [] };
  apply(step, stimulus);
  // The specialist's money follows the consultation whatever brought the change (earnings.ts).
  if (step.state.session !== null) syncEarnings(step);
  return step;
}

const NOT_COMMANDS = new Set([
  'timer',
  'paymentSettled',
  'messageFlagged',
  'paymentOpened',
  'holdPlaced',
  'settlementReversed',
  'reversalRefused',
]);
const isCommand = (s: ConsultationStimulus): s is ConsultationCommand => !NOT_COMMANDS.has(s.type);

function apply(step: Step, s: ConsultationStimulus): void {
  switch (s.type) {
    case 'timer':
      return onTimer(step, s.event);
    case 'paymentSettled':
      return paymentSettled(step, s);
    case 'messageFlagged':
      return messageFlagged(step, s);
    case 'paymentOpened':
      return paymentOpened(step, s.paymentKey, s.paymentId, s.checkoutUrl);
    case 'holdPlaced':
      return holdPlaced(step, s.paymentKey, s.holdId);
    case 'settlementReversed':
      return settlementReversed(step);
    case 'reversalRefused':
      return reversalRefused(step, s);
    case 'makeOffer':
      return offers.makeOffer(step, s.by, s);
    case 'counterOffer':
      return offers.counterOffer(step, s.by, s);
    case 'acceptOffer':
      return offers.acceptOffer(step);
    case 'declineOffer':
      return offers.declineOffer(step);
    case 'endConsultation':
      return endSession(step, 'ended_by_specialist');
    case 'complain':
      return complain(step, s.reasonMessageId);
    case 'decideComplaint':
      return decideComplaint(step, s.by, s.decision, s.refundAmount, s.noteMessageId);
  }
}

/** Each handler checks its own condition, so a timer that went stale (a command came first) does nothing. */
function onTimer(step: Step, timer: TimerEvent): void {
  switch (timer) {
    case 'offer_expired':
      return offers.offerExpired(step);
    case 'payment_window_closed':
      return paymentWindowClosed(step);
    case 'session_time_up':
      return sessionTimeUp(step);
    case 'auto_complete':
      return autoComplete(step);
    case 'complaint_window_closed':
      return complaintWindowClosed(step);
    case 'arbitration_overdue':
      return arbitrationOverdue(step);
    case 'idle_close':
      return offers.idleClose(step);
    case 'late_payment_grace_over':
      return; // the workflow ends: consultationDone() is now true
  }
}
