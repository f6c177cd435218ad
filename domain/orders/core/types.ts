import type { PaymentSettled } from '../../money-contract.ts';
import type { Actor, OrderAudience, OrderRefusalCode } from '../contract.ts';
import type { AgreedExtraItem, ServiceLanguage } from '../model.ts';

// What the order's core (E-LEGAL §5–§7) reads and writes: the commands parties send, the timers
// and activity results the workflow feeds back, and the effects it asks the workflow to run.
// Data only, so a unit test builds any of them by hand.

/** Commands sent by the parties (the contract's updates, one `type` each). */
export type OrderCommand =
  | { type: 'assignLawyer'; by: Actor; lawyerId: string }
  | { type: 'acceptOrder'; by: Actor }
  | { type: 'cancelOrder'; by: Actor; acceptedRefundBps: number }
  | { type: 'refuseOrder'; by: Actor; reason: string }
  | { type: 'deliver'; by: Actor; fileId: string; note?: string }
  | { type: 'requestClarification'; by: Actor; question: string }
  | { type: 'supplyClarification'; by: Actor; note: string; fileIds: string[] }
  | { type: 'extendDeadline'; by: Actor; reason: string }
  | { type: 'proposeExtension'; by: Actor; days: number; reason: string }
  | { type: 'proposeReschedule'; by: Actor; slotAt: number }
  | { type: 'agreeToProposal'; by: Actor }
  | { type: 'startCall'; by: Actor }
  | { type: 'endCall'; by: Actor }
  | { type: 'reportClientNoShow'; by: Actor }
  | { type: 'requestCallExtension'; by: Actor }
  | { type: 'correctPageCount'; by: Actor; pages: number }
  | { type: 'recordExtraItem'; by: Actor; item: Omit<AgreedExtraItem, 'agreedAt'> }
  | { type: 'requestLanguage'; by: Actor; language: ServiceLanguage }
  | { type: 'answerLanguage'; by: Actor; accept: boolean };

export type TimerEvent =
  | 'payment_window_closed'
  | 'deadline_warning'
  | 'deadline_passed'
  | 'lawyer_no_show'
  | 'call_time_up'
  | 'page_payment_expired'
  | 'late_payment_window_closed';

export interface DueTimer {
  at: number;
  event: TimerEvent;
}

/** Results of effects the workflow ran, fed back so the core records them. */
export type EffectResult =
  | { type: 'paymentOpened'; chargeKey: string; paymentId: string; checkoutUrl: string }
  | { type: 'holdPlaced'; chargeKey: string; holdId: string }
  | { type: 'contractGenerated'; fileId: string };

/** Everything `decide` accepts. `settle` is sent once the order is final and every hold is placed. */
export type OrderStimulus =
  OrderCommand | { type: 'timer'; event: TimerEvent } | ({ type: 'paymentSettled' } & PaymentSettled) | EffectResult | { type: 'settle' };

export type OrderEffect =
  | { kind: 'openPayment'; chargeKey: string; amount: number; description: string }
  | { kind: 'hold'; chargeKey: string; amount: number; description: string }
  | { kind: 'notify'; audience: OrderAudience[]; subject: string; body: string; dedupeKey: string }
  /** EL-CON-1: the template and fields come from the workflow input (the client's data stays out of the mirrored state). */
  | { kind: 'generateContract' }
  | { kind: 'settleHold'; holdId: string; specialistUserId?: string; toSpecialist: number; toPlatform: number; publishedAt?: number }
  | { kind: 'releaseHold'; holdId: string }
  | { kind: 'refundPayment'; refundKey: string; paymentId: string; amount: number }
  /** EL-SUB-1: the period ended; carry the state into a fresh run. */
  | { kind: 'startNextPeriod' };

/** Facts worth a log line; the state itself is the record. */
export interface OrderEvent {
  kind: string;
  at: number;
  detail?: string;
}

export interface Refusal {
  code: OrderRefusalCode;
  message: string;
}
