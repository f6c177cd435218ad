import type { EscrowEffect, EscrowResult } from '../../earnings.ts';
import type { PaymentSettled } from '../../money-contract.ts';
import type { Actor, BidTerms, ComplaintDecision, QuestionEscalationReason, QuestionMessage, QuestionRefusalCode } from '../contract.ts';

// What the question's core reads and writes: the commands the parties send, the timers and
// activity results the workflow feeds back, and the effects it asks the workflow to run. Data
// only, so a unit test builds any of them by hand.

/** Commands (the contract's updates, one `type` each). */
export type QuestionCommand =
  | { type: 'publishQuestion'; by: Actor }
  | { type: 'deleteQuestion'; by: Actor; entryId: string }
  | { type: 'returnQuestion'; by: Actor; entryId: string }
  | { type: 'requestClarification'; by: Actor; entryId: string }
  | { type: 'supplyClarification'; by: Actor; entryId: string }
  | ({ type: 'placeBid'; by: Actor } & BidTerms)
  | ({ type: 'editBid'; by: Actor; bidId: string } & BidTerms)
  | { type: 'withdrawBid'; by: Actor; bidId: string }
  | { type: 'chooseBid'; by: Actor; bidId: string; bidVersion: number; confirmsPayment: boolean }
  | { type: 'declineBids'; by: Actor }
  | { type: 'proposeNewDate'; by: Actor; promisedAt: number }
  | { type: 'acceptNewDate'; by: Actor }
  | { type: 'rejectNewDate'; by: Actor }
  | { type: 'cancelRound'; by: Actor }
  | { type: 'publishAnswer'; by: Actor; answerId: string; digest?: string }
  | { type: 'proposeExtraDrawings'; by: Actor; entryId: string; price: number; promisedAt: number }
  | { type: 'orderExtraDrawings'; by: Actor; proposalId: string; confirmsPayment: boolean }
  | { type: 'declineExtraDrawings'; by: Actor; proposalId: string }
  | { type: 'complain'; by: Actor; round: number; reasonEntryId: string }
  | { type: 'decideComplaint'; by: Actor; round: number; decision: ComplaintDecision; refundAmount?: number; noteEntryId?: string };

export const TIMER_EVENTS = [
  'moderation_overdue',
  'clarification_lapsed',
  'bidding_closed',
  'promised_date',
  'overdue_close',
  'payment_window_closed',
  'proposal_expired',
  'complaint_window_closed',
  'arbitration_overdue',
  'late_payment_grace_over',
] as const;
export type TimerEvent = (typeof TIMER_EVENTS)[number];

export interface DueTimer {
  at: number;
  event: TimerEvent;
  /** The round it concerns, if any (for the log). */
  round?: number;
}

/** Results of effects the workflow ran, fed back so the core records them. */
export type EffectResult = EscrowResult;

/** Everything `decide` accepts. A timer applies whatever is due at `now` (the event names the one that woke it). */
export type QuestionStimulus =
  QuestionCommand | { type: 'timer'; event: TimerEvent } | ({ type: 'paymentSettled' } & PaymentSettled) | EffectResult;

export type QuestionEffect =
  | EscrowEffect
  | { kind: 'notify'; dedupeKey: string; recipients: string[]; admins: boolean; message: QuestionMessage }
  | { kind: 'escalate'; dedupeKey: string; reason: QuestionEscalationReason; detail: string };

/** Facts worth a log line; the state itself is the record. */
export interface QuestionEvent {
  kind: string;
  at: number;
  detail?: string;
}

export interface Refusal {
  code: QuestionRefusalCode;
  message: string;
}
