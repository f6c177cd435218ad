import type { OrderInput } from '../contract.ts';
import type { OrderState } from '../model.ts';
import { cancel, cancelRefusal, refuseOrder, refuseOrderRefusal } from './cancellation.ts';
import { contractGenerated } from './contract.ts';
import { recordExtraItem, recordExtraItemRefusal } from './court.ts';
import { deliver, deliverRefusal } from './delivery.ts';
import {
  agreeToDays,
  correctPageCount,
  correctPageCountRefusal,
  pagePaymentExpired,
  proposeExtension,
  proposeExtensionRefusal,
} from './documents.ts';
import { Refused, refuse, requireClient, requireOpen } from './guards.ts';
import * as language from './language.ts';
import * as oral from './oral.ts';
import { holdPlaced, paymentOpened, paymentSettled, paymentWindowClosed, placeOrder } from './payment.ts';
import * as registration from './registration.ts';
import { deadlinePassed, deadlineWarning, refreshDeadline } from './schedule.ts';
import { holdsPending, settle } from './settlement.ts';
import { copyState, type Step } from './step.ts';
import { periodTurn } from './subscription.ts';
import type { OrderCommand, OrderEffect, OrderEvent, OrderStimulus, Refusal, TimerEvent } from './types.ts';
import { extendDeadline, extendDeadlineRefusal } from './written.ts';

// The order process of E-LEGAL §5–§7 as a pure state machine, one module per service kind:
//   payment.ts (EL-ORD-2, PAY-2/3/6)   registration.ts (EL-ORD-3/4)   oral.ts (EL-ORAL-1/2/3)
//   written.ts (EL-WR-1/2)             documents.ts (EL-DOC-1/2/3)    court.ts (EL-CRT-1)
//   contract.ts (EL-CON-1)             subscription.ts (EL-SUB-1)     delivery.ts (EL-DONE-1)
//   cancellation.ts (EL-REF-1/2/3)     settlement.ts (PAY-2 at the end)  schedule.ts (timers)
// No Temporal, no clock: `now` is an argument. workflows/order.ts runs it in a thin loop: the
// update validators call `refusal`, everything else goes through `decide`, and the effects
// come back as activities whose results are fed to `decide` again.

export type * from './types.ts';
export { isFinal } from './step.ts';
export { nextTimer, operatorDeadline } from './schedule.ts';
export { needsSettlement, holdsPending } from './settlement.ts';
export { orderDone } from './payment.ts';

export interface Transition {
  state: OrderState;
  events: OrderEvent[];
  effects: OrderEffect[];
}

/** Why `command` does not apply to the order at `now`, or null when it does. */
export function refusal(state: OrderState, command: OrderCommand, now: number): Refusal | null {
  try {
    commandRefusal(state, command, now);
    return null;
  } catch (error) {
    if (error instanceof Refused) return error.refusal;
    throw error;
  }
}

function commandRefusal(state: OrderState, c: OrderCommand, now: number): void {
  switch (c.type) {
    case 'assignLawyer':
      return registration.assignLawyerRefusal(state, c.by);
    case 'acceptOrder':
      return registration.acceptOrderRefusal(state, c.by);
    case 'requestClarification':
      return registration.requestClarificationRefusal(state, c.by);
    case 'supplyClarification':
      return registration.supplyClarificationRefusal(state, c.by);
    case 'cancelOrder':
      return cancelRefusal(state, c.by, c.acceptedRefundBps, now);
    case 'refuseOrder':
      return refuseOrderRefusal(state, c.by, c.reason);
    case 'deliver':
      return deliverRefusal(state, c.by);
    case 'extendDeadline':
      return extendDeadlineRefusal(state, c.by, c.reason);
    case 'proposeExtension':
      return proposeExtensionRefusal(state, c.by, c.days);
    case 'correctPageCount':
      return correctPageCountRefusal(state, c.by, c.pages);
    case 'recordExtraItem':
      return recordExtraItemRefusal(state, c.by, c.item);
    case 'requestLanguage':
      return language.requestLanguageRefusal(state, c.by, c.language);
    case 'answerLanguage':
      return language.answerLanguageRefusal(state, c.by);
    case 'proposeReschedule':
      return oral.proposeRescheduleRefusal(state, c.by, c.slotAt, now);
    case 'startCall':
      return oral.startCallRefusal(state, c.by, now);
    case 'endCall':
      return oral.endCallRefusal(state, c.by);
    case 'reportClientNoShow':
      return oral.reportClientNoShowRefusal(state, c.by, now);
    case 'requestCallExtension':
      return oral.requestCallExtensionRefusal(state, c.by);
    case 'agreeToProposal':
      requireClient(state, c.by);
      requireOpen(state);
      if (!state.oral?.proposedSlotAt && state.proposedExtraDays === null)
        refuse('ORDER_STATE_CONFLICT', 'There is no proposal from the lawyer to agree to.');
  }
}

/** A new order (EL-ORD-2): its state and the checkout to open, or its rejection (EL-ORAL-1). */
export function start(input: OrderInput, now: number): Transition {
  const step: Step = { now, state: undefined as unknown as OrderState, events: [], effects: [] };
  placeOrder(input, step);
  return step;
}

/**
 * Applies a command, a timer, a payment outcome or an effect's result at `now`. A command is
 * checked first (the same check as `refusal`); the caller's state is never changed.
 */
export function decide(state: OrderState, stimulus: OrderStimulus, now: number): { refusal: Refusal } | Transition {
  if (isCommand(stimulus)) {
    const refused = refusal(state, stimulus, now);
    if (refused) return { refusal: refused };
  }
  const step: Step = { now, state: copyState(state), events: [], effects: [] };
  apply(step, stimulus);
  refreshDeadline(step.state, now);
  periodTurn(step);
  refreshDeadline(step.state, now);
  return step;
}

const NOT_COMMANDS = new Set(['timer', 'paymentSettled', 'paymentOpened', 'holdPlaced', 'contractGenerated', 'settle']);
const isCommand = (s: OrderStimulus): s is OrderCommand => !NOT_COMMANDS.has(s.type);

function apply(step: Step, s: OrderStimulus): void {
  switch (s.type) {
    case 'timer':
      return onTimer(step, s.event);
    case 'paymentSettled':
      return paymentSettled(step, s);
    case 'paymentOpened':
      return paymentOpened(step, s.chargeKey, s.paymentId, s.checkoutUrl);
    case 'holdPlaced':
      return holdPlaced(step, s.chargeKey, s.holdId);
    case 'contractGenerated':
      return contractGenerated(step, s.fileId);
    case 'settle':
      if (holdsPending(step.state)) throw new Error('settle before every hold is placed');
      return settle(step);
    default:
      return applyCommand(step, s);
  }
}

function applyCommand(step: Step, c: OrderCommand): void {
  switch (c.type) {
    case 'assignLawyer':
      return registration.takeOrder(step, c.lawyerId);
    case 'acceptOrder':
      return registration.takeOrder(step, c.by.userId);
    case 'requestClarification':
      return registration.requestClarification(step, c.question);
    case 'supplyClarification':
      return registration.supplyClarification(step, c.note);
    case 'cancelOrder':
      return cancel(step);
    case 'refuseOrder':
      return refuseOrder(step, c.reason);
    case 'deliver':
      return deliver(step, c.fileId, c.note);
    case 'extendDeadline':
      return extendDeadline(step, c.reason);
    case 'proposeExtension':
      return proposeExtension(step, c.days, c.reason);
    case 'correctPageCount':
      return correctPageCount(step, c.pages);
    case 'recordExtraItem':
      return recordExtraItem(step, c.item);
    case 'requestLanguage':
      return language.requestLanguage(step, c.language);
    case 'answerLanguage':
      return language.answerLanguage(step, c.accept);
    case 'proposeReschedule':
      return oral.proposeReschedule(step, c.slotAt);
    case 'startCall':
      return oral.startCall(step);
    case 'endCall':
      return oral.endCall(step);
    case 'reportClientNoShow':
      return oral.reportClientNoShow(step);
    case 'requestCallExtension':
      return oral.requestCallExtension(step);
    // EL-ORAL-2 (a new slot) or EL-DOC-1 (extra days): whichever the lawyer proposed.
    case 'agreeToProposal':
      return step.state.oral?.proposedSlotAt ? oral.agreeToSlot(step) : agreeToDays(step);
  }
}

function onTimer(step: Step, timer: TimerEvent): void {
  switch (timer) {
    case 'payment_window_closed':
      return paymentWindowClosed(step);
    case 'deadline_warning':
      return deadlineWarning(step);
    case 'deadline_passed':
      return deadlinePassed(step);
    case 'lawyer_no_show':
      return oral.lawyerNoShow(step);
    case 'call_time_up':
      return oral.callTimeUp(step);
    case 'page_payment_expired':
      return pagePaymentExpired(step);
    case 'late_payment_window_closed':
      return; // the workflow ends: orderDone() is now true
  }
}
