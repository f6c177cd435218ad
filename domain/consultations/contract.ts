import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { BusinessCalendar } from '../calendar.ts';
import type { HeldSettlement, SettlementReversal } from '../earnings.ts';
import { PAYMENT_SETTLED_SIGNAL, type MoneyActivities, type PaymentSettled } from '../money-contract.ts';
import type { Actor } from '../orders/contract.ts';

// The chat consultation's contract (yuridik.uz, CHAT-1…CHAT-6, PAY-2, PAY-7): workflow id and
// type, input, messages, activity interface, search attributes and refusal codes. Pure: the
// workflow, its activities, the services and the API import it, and nothing else of one another.
//
// One workflow per consultation: opened in a conversation the client started (CHAT-1), it runs
// the offers both ways (CHAT-2), the payment and hold (CHAT-3, PAY-2), the timed session and
// its end (CHAT-4), then the complaint window and arbitration (CHAT-5). Chat text never enters
// it (Temporal caps a history at 51,200 events / 50 MB): messages live in PostgreSQL, and the
// workflow hears only what changes the process — an offer, an answer, a payment, the end, a
// complaint, a flag — carrying message ids where text matters (an offer's problem summary, a
// complaint's reason).

export type { Actor } from '../orders/contract.ts';

export const consultationWorkflowId = (consultationId: string): string => `consultation-${consultationId}`;

/** The workflow type consultations start as (the worker registers the function of this name). */
export const CONSULTATION_WORKFLOW_TYPE = 'consultationWorkflow';
export type ConsultationWorkflow = (input: ConsultationInput) => Promise<ConsultationState>;

// Operators find a consultation by its parties, status, next deadline and whether a complaint
// is open (ids, statuses and instants only: search attributes are not encrypted). Registered in
// infra/search-attributes.ts and docker-compose.yml.
//
// SQL visibility (the dev server's SQLite, docker-compose's postgres12) allows 10 custom
// Keyword attributes per namespace and the earlier processes use all 10; so the consultation
// uses none: its id is the built-in WorkflowId (`WorkflowId = 'consultation-<id>'`), its parties
// one KeywordList (`ConsultationParties = 'client:<userId>'` or `'specialist:<userId>'`), its
// status a one-value KeywordList (`ConsultationStatus = 'in_complaint'`, or `IN (…)`).
export const ConsultationPartiesAttribute = defineSearchAttributeKey('ConsultationParties', SearchAttributeType.KEYWORD_LIST);
export const ConsultationStatusAttribute = defineSearchAttributeKey('ConsultationStatus', SearchAttributeType.KEYWORD_LIST);
export const ConsultationNextDeadlineAttribute = defineSearchAttributeKey('ConsultationNextDeadline', SearchAttributeType.DATETIME);
export const ConsultationOpenComplaintAttribute = defineSearchAttributeKey('ConsultationOpenComplaint', SearchAttributeType.BOOL);
export const CONSULTATION_SEARCH_ATTRIBUTES = [
  ConsultationPartiesAttribute,
  ConsultationStatusAttribute,
  ConsultationNextDeadlineAttribute,
  ConsultationOpenComplaintAttribute,
] as const;
/** The values of ConsultationParties for a consultation (role-tagged, so a query can ask for either side). */
export const consultationParties = (clientId: string, specialistId: string): string[] => [
  `client:${clientId}`,
  `specialist:${specialistId}`,
];

/** Stable codes the consultation refuses a command with (HTTP status in domain/errors.ts). */
export const CONSULTATION_REFUSAL_CODES = [
  'NOT_FOUND',
  'FORBIDDEN',
  'VALIDATION_FAILED',
  'CONSULTATION_CLIENT_ONLY',
  'CONSULTATION_STATE_CONFLICT',
  'CONSULTATION_CLOSED',
  'CONSULTATION_OFFER_OPEN',
  'CONSULTATION_NO_OPEN_OFFER',
  'CONSULTATION_OFFER_CHANGED',
  'CONSULTATION_OFFER_EXPIRED',
  'CONSULTATION_OWN_OFFER',
  'COMPLAINT_WINDOW_CLOSED',
  'COMPLAINT_ALREADY_MADE',
] as const;
export type ConsultationRefusalCode = (typeof CONSULTATION_REFUSAL_CODES)[number];

/** Timings, each a setting with the default (and its reason) in core/settings.ts. */
export interface ConsultationSettings {
  /** CHAT-2: how long an offer stays open for the other side's answer. */
  offerTtlMs: number;
  /** CHAT-3: how long an accepted offer waits for the client's payment. */
  paymentWindowMs: number;
  /** CHAT-4: how long after the agreed end a session the specialist never ended completes by itself. */
  autoCompleteAfterMs: number;
  /** CHAT-5: working days after the end within which the client may complain. */
  complaintWorkingDays: number;
  /** CHAT-5: working days the administration has to decide a complaint before it escalates. */
  arbitrationWorkingDays: number;
  /** How long a consultation with no offer activity stays open before it lapses. */
  idleCloseMs: number;
  /** CHAT-6: the flag count (per sender) at which the administration is escalated to. */
  flagEscalationThreshold: number;
}

export interface ConsultationInput {
  consultationId: string;
  conversationId: string;
  clientId: string;
  specialistId: string;
  /**
   * CHAT-1: who started the conversation this consultation belongs to — its client. Later
   * consultations in the same conversation carry the same opener.
   */
  openedBy: Actor;
  openedAt: number;
  currency: string;
  /** The platform's commission on the price, in basis points (1500 = 15 %). */
  commissionBps: number;
  /** CHAT-5's working days, with the public holidays as of the opening (input, so replay agrees). */
  calendar: BusinessCalendar;
  settings?: Partial<ConsultationSettings>;
  /** Set only by continue-as-new: the state carried into the next run. */
  carried?: ConsultationState;
}

/** CHAT-6 / PAY-7: the message service ran the detector on a message and it fired. No text. */
export interface MessageFlagged {
  messageId: string;
  senderId: string;
  /** The detector's signal kinds (card, phone, iban, messenger, payment_app, phrase …). */
  kinds: string[];
  sentAt: number;
}

export const paymentSettled = defineSignal<[PaymentSettled]>(PAYMENT_SETTLED_SIGNAL);
export const messageFlagged = defineSignal<[MessageFlagged]>('messageFlagged');
export const consultationState = defineQuery<ConsultationState>('state');

export interface OfferTerms {
  /** Integer minor units of the consultation's currency. */
  price: number;
  durationMinutes: number;
  /** CHAT-2: the client's problem summary, as a message in the conversation (text stays in PostgreSQL). */
  summaryMessageId?: string;
}

/** CHAT-2: either side offers; the other answers the open offer by its id (a stale id is refused). */
export const makeOffer = defineUpdate<ConsultationState, [{ by: Actor } & OfferTerms]>('makeOffer');
export const acceptOffer = defineUpdate<ConsultationState, [{ by: Actor; offerId: string }]>('acceptOffer');
export const declineOffer = defineUpdate<ConsultationState, [{ by: Actor; offerId: string }]>('declineOffer');
export const counterOffer = defineUpdate<ConsultationState, [{ by: Actor; offerId: string } & OfferTerms]>('counterOffer');
/** CHAT-4: the specialist ends the consultation. */
export const endConsultation = defineUpdate<ConsultationState, [{ by: Actor }]>('endConsultation');
/** CHAT-5: the client complains; the reason is a message id. */
export const complain = defineUpdate<ConsultationState, [{ by: Actor; reasonMessageId: string }]>('complain');
/** CHAT-5: the administration's decision; `refundAmount` only for a partial refund. */
export const decideComplaint = defineUpdate<
  ConsultationState,
  [{ by: Actor; decision: ComplaintDecision; refundAmount?: number; noteMessageId?: string }]
>('decideComplaint');

export type ConsultationAudience = 'client' | 'specialist' | 'admins';

export interface ConsultationNotice {
  consultationId: string;
  conversationId: string;
  clientId: string;
  specialistId: string;
  /** The same notice reaches each recipient once, however often the activity is retried. */
  dedupeKey: string;
  audience: ConsultationAudience[];
  /** A code and ids/amounts: the notifier renders it in the recipient's language. */
  message: SystemMessage;
}

/** The activities the consultation workflow calls; each is idempotent on its key (it will be retried). */
export interface ConsultationActivities extends MoneyActivities {
  /** The API's lists read this mirror; the workflow's `state` query stays the live source. */
  mirrorConsultation(state: ConsultationState): Promise<void>;
  /** CHAT-3…CHAT-5: a system message in the conversation, seen by both sides (and sent over the live stream). */
  postSystemMessage(input: {
    conversationId: string;
    consultationId: string;
    dedupeKey: string;
    message: SystemMessage;
    /** Only this participant sees it (the CHAT-6 nudge); otherwise both sides do. */
    visibleTo?: string;
  }): Promise<{ messageId: string }>;
  /** Mails (or pushes to) the audience; returns how many recipients it queued. */
  notifyConsultation(notice: ConsultationNotice): Promise<number>;
  /** CHAT-6 / PAY-7: queues a flagged message, with its context, for the administration. */
  flagForReview(input: {
    dedupeKey: string;
    consultationId: string;
    conversationId: string;
    messageId: string;
    senderId: string;
    kinds: string[];
  }): Promise<void>;
  /** A deadline the administration missed, or a pattern it must see at once. */
  escalate(input: { dedupeKey: string; consultationId: string; reason: EscalationReason; detail: string }): Promise<void>;
}

/** `refund_not_recovered`: CHAT-5's refund could not be taken back from the specialist's balance (the ledger refused). */
export type EscalationReason = 'arbitration_overdue' | 'repeated_off_platform' | 'refund_not_recovered';

// ── The state (plain JSON: mirrored, queried, carried across continue-as-new) ──

export const CONSULTATION_STATUSES = [
  'negotiating', // talking; offers both ways (CHAT-2)
  'awaiting_payment', // an offer was accepted; the checkout is open in the chat (CHAT-3)
  'in_session', // paid and frozen (PAY-2); the agreed duration runs (CHAT-4)
  'ended', // the specialist ended it (or it completed by itself); the complaint window runs (CHAT-5)
  'in_complaint', // the client complained; the administration decides (CHAT-5)
  // Final states:
  'completed',
  'refunded',
  'partially_refunded',
  'lapsed', // closed without a paid session
] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];
export const FINAL_CONSULTATION_STATUSES: readonly ConsultationStatus[] = ['completed', 'refunded', 'partially_refunded', 'lapsed'];

export const CONSULTATION_PARTIES = ['client', 'specialist'] as const;
export type ConsultationParty = (typeof CONSULTATION_PARTIES)[number];

export const OFFER_STATUSES = ['open', 'accepted', 'declined', 'countered', 'expired'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

export const CONSULTATION_PAYMENT_STATUSES = [
  'awaiting_payment',
  'lapsed', // the window closed unpaid: no obligation (CHAT-3)
  'failed',
  'held', // PAY-2: frozen on the platform
  'settled', // CHAT-4: posted at the end to the specialist and the platform (a CHAT-5 refund takes part back)
  'returned', // paid after it could serve its purpose: back to the card in full (PAY-6)
] as const;
export type ConsultationPaymentStatus = (typeof CONSULTATION_PAYMENT_STATUSES)[number];

export const SESSION_END_REASONS = ['ended_by_specialist', 'auto_completed'] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

export const COMPLAINT_DECISIONS = ['reject', 'full_refund', 'partial_refund'] as const;
export type ComplaintDecision = (typeof COMPLAINT_DECISIONS)[number];

/** What a system message or a notice says: a code the reader's client renders in their language. */
export const SYSTEM_MESSAGE_CODES = [
  'offer_made',
  'offer_countered',
  'offer_declined',
  'offer_expired',
  'offer_accepted',
  'payment_lapsed',
  'payment_failed',
  'paid',
  'time_up',
  'ended',
  'auto_completed',
  'complaint_opened',
  'complaint_decided',
  'completed',
  'late_payment_returned',
  'off_platform_nudge',
  'lapsed',
  // The administration's note on its complaint decision (params.note: the admin's own words).
  'administration_note',
] as const;
export type SystemMessageCode = (typeof SYSTEM_MESSAGE_CODES)[number];

export interface SystemMessage {
  code: SystemMessageCode;
  /** Ids, amounts and instants only — never chat text. */
  params: Record<string, string | number>;
}

export interface ConsultationOffer {
  /** `offer-<version>`: the id the other side answers. */
  id: string;
  /** 1, 2, 3 … across the consultation: every version stays (CHAT-2). */
  version: number;
  by: ConsultationParty;
  price: number;
  durationMinutes: number;
  summaryMessageId: string | null;
  madeAt: number;
  expiresAt: number;
  status: OfferStatus;
  answeredAt: number | null;
  /** The offer this one counters, if any. */
  counters: string | null;
}

export interface ConsultationPayment {
  /** Idempotency-key stem `consultation-<id>/payment-<n>`; `/hold`, `/refund` are appended. */
  key: string;
  offerId: string;
  amount: number;
  paymentId: string | null;
  checkoutUrl: string | null;
  status: ConsultationPaymentStatus;
  openedAt: number;
  expiresAt: number;
  /** When the window closed unpaid or the payment failed (a late payment is returned within the grace). */
  closedAt: number | null;
  paidAt: number | null;
  holdId: string | null;
}

export interface ConsultationSession {
  offerId: string;
  paymentKey: string;
  price: number;
  durationMinutes: number;
  startedAt: number;
  /** CHAT-4: the agreed end (both sides see the time left). */
  endsAt: number;
  timeUpAt: number | null;
  endedAt: number | null;
  endReason: SessionEndReason | null;
}

export interface ConsultationComplaint {
  openedAt: number;
  reasonMessageId: string;
  /** CHAT-5: the administration decides by then, or it escalates. */
  decideBy: number;
  escalatedAt: number | null;
  decision: ComplaintDecision | null;
  refundAmount: number | null;
  decidedAt: number | null;
  decidedBy: string | null;
  noteMessageId: string | null;
}

/**
 * Where the frozen price went (PAY-2); the parts always add up to the price. CHAT-4 posts it at
 * the end (price less commission to the specialist); a CHAT-5 refund then takes part of it back
 * to the client's balance, from the specialist and the commission, as the ledger confirms it.
 * The shape and its rules are shared with the question's rounds (domain/earnings.ts).
 */
export type ConsultationSettlement = HeldSettlement;
/** CHAT-5: what a refund takes back of the settlement; the two parts add up to the refund. */
export type ConsultationReversal = SettlementReversal;
export { REVERSAL_STATUSES, type ReversalStatus } from '../earnings.ts';

export interface OffPlatformFlag {
  messageId: string;
  senderId: string;
  kinds: string[];
  at: number;
}

export interface ConsultationState {
  consultationId: string;
  conversationId: string;
  clientId: string;
  specialistId: string;
  currency: string;
  commissionBps: number;
  calendar: BusinessCalendar;
  settings: ConsultationSettings;
  status: ConsultationStatus;
  openedAt: number;
  /** The last offer, answer or lapse: the idle close counts from it. */
  lastActivityAt: number;
  offers: ConsultationOffer[];
  payments: ConsultationPayment[];
  session: ConsultationSession | null;
  /** CHAT-5: end + 3 working days; a complaint must come before it. */
  complaintDeadline: number | null;
  complaint: ConsultationComplaint | null;
  flags: OffPlatformFlag[];
  settlement: ConsultationSettlement | null;
  closedAt: number | null;
}
