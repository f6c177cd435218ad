import type { EscrowEffect, EscrowResult } from '../../earnings.ts';
import type { PaymentSettled } from '../../money-contract.ts';
import type {
  Actor,
  ComplaintDecision,
  ConsultationAudience,
  ConsultationRefusalCode,
  EscalationReason,
  MessageFlagged,
  OfferTerms,
  SystemMessage,
} from '../contract.ts';

// What the consultation's core reads and writes: the commands the parties send, the timers and
// activity results the workflow feeds back, and the effects it asks the workflow to run. Data
// only, so a unit test builds any of them by hand.

/** Commands (the contract's updates, one `type` each). */
export type ConsultationCommand =
  | ({ type: 'makeOffer'; by: Actor } & OfferTerms)
  | { type: 'acceptOffer'; by: Actor; offerId: string }
  | { type: 'declineOffer'; by: Actor; offerId: string }
  | ({ type: 'counterOffer'; by: Actor; offerId: string } & OfferTerms)
  | { type: 'endConsultation'; by: Actor }
  | { type: 'complain'; by: Actor; reasonMessageId: string }
  | { type: 'decideComplaint'; by: Actor; decision: ComplaintDecision; refundAmount?: number; noteMessageId?: string };

export const TIMER_EVENTS = [
  'offer_expired',
  'payment_window_closed',
  'session_time_up',
  'auto_complete',
  'complaint_window_closed',
  'arbitration_overdue',
  'idle_close',
  'late_payment_grace_over',
] as const;
export type TimerEvent = (typeof TIMER_EVENTS)[number];

export interface DueTimer {
  at: number;
  event: TimerEvent;
}

/** Results of effects the workflow ran, fed back so the core records them. */
export type EffectResult = EscrowResult;

/** Everything `decide` accepts. */
export type ConsultationStimulus =
  | ConsultationCommand
  | { type: 'timer'; event: TimerEvent }
  | ({ type: 'paymentSettled' } & PaymentSettled)
  | ({ type: 'messageFlagged' } & MessageFlagged)
  | EffectResult;

export type ConsultationEffect =
  | EscrowEffect
  /** `visibleTo`: only this participant sees it (the CHAT-6 nudge); otherwise both sides do. */
  | { kind: 'postSystemMessage'; dedupeKey: string; message: SystemMessage; visibleTo?: string }
  | { kind: 'notify'; dedupeKey: string; audience: ConsultationAudience[]; message: SystemMessage }
  | { kind: 'flagForReview'; dedupeKey: string; messageId: string; senderId: string; kinds: string[] }
  | { kind: 'escalate'; dedupeKey: string; reason: EscalationReason; detail: string };

/** Facts worth a log line; the state itself is the record. */
export interface ConsultationEvent {
  kind: string;
  at: number;
  detail?: string;
}

export interface Refusal {
  code: ConsultationRefusalCode;
  message: string;
}
