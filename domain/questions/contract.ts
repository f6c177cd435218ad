import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { BusinessCalendar } from '../calendar.ts';
import { PAYMENT_SETTLED_SIGNAL, type MoneyActivities, type PaymentSettled } from '../money-contract.ts';
import type { Actor } from '../orders/contract.ts';
import { NextDeadlineAttribute } from '../tickets/contract.ts';
import type { HeldSettlement } from '../earnings.ts';

// The question with bids (Archi-help, seed 002; QA-1…QA-10, PAY-2, PAY-5): workflow id and
// type, input, messages, activity interface, search attributes and refusal codes. Pure: the
// workflow, its activities, the services and the API import it, and nothing else of one another.
//
// One workflow per question: moderation (QA-1, QA-2), the specialists' bids (QA-3), the
// client's choice (QA-4), then one or more rounds — the chosen bid, and each order of extra
// drawings (QA-7) — each running clarifications (QA-5), publication, preview and payment
// (QA-6, PAY-2), the complaint window and arbitration (QA-9) and the promised-date timer (QA-10).
// Texts never enter it (Temporal caps a history at 51,200 events / 50 MB, and a history is not
// encrypted): the question, clarifications, recommendations, bid explanations, answers and
// complaint reasons live in PostgreSQL, and commands carry their ids (`entryId`, `answerId`);
// a paid answer carries the SHA-256 digest of its full text, computed by the service (QA-6).
// The rating (QA-8) is kept in the database by the API; the state says which rounds are rateable.

export type { Actor } from '../orders/contract.ts';

export const questionWorkflowId = (questionId: string): string => `question-${questionId}`;

/** The workflow type questions start as (the worker registers the function of this name). */
export const QUESTION_WORKFLOW_TYPE = 'questionWorkflow';
export type QuestionWorkflow = (input: QuestionInput) => Promise<QuestionState>;

// Operators find a question by its client, chosen specialist(s), status and next deadline (ids,
// statuses and instants only: search attributes are not encrypted).
//
// SQL visibility (the dev server's SQLite, docker-compose's postgres12) allows 10 Keyword and
// only 3 of each other type per namespace; the earlier processes use all 10 Keyword, all 3
// Datetime and 2 of 3 KeywordList. So the question takes the last KeywordList, one list of
// role-tagged values — `QuestionTags = 'client:<userId>'`, `'specialist:<userId>'` (every
// chosen specialist, each round), `'status:<status>'` — and its next deadline goes in the
// namespace's generic Datetime `NextDeadline` (defined with the tickets, which set it too:
// scope a query with `WorkflowType = 'questionWorkflow'`). Its id is the built-in WorkflowId.
export const QuestionTagsAttribute = defineSearchAttributeKey('QuestionTags', SearchAttributeType.KEYWORD_LIST);
export const QuestionNextDeadlineAttribute = NextDeadlineAttribute;
/** What infra/search-attributes.ts registers for questions (NextDeadline is the tickets' registration). */
export const QUESTION_SEARCH_ATTRIBUTES = [QuestionTagsAttribute] as const;
/** The values of QuestionTags. */
export const questionTags = (state: Pick<QuestionState, 'clientId' | 'rounds' | 'status'>): string[] => [
  `client:${state.clientId}`,
  ...[...new Set(state.rounds.map((r) => r.specialistId))].map((id) => `specialist:${id}`),
  `status:${state.status}`,
];

/** Stable codes the question refuses a command with (HTTP status in domain/errors.ts). */
export const QUESTION_REFUSAL_CODES = [
  'NOT_FOUND',
  'FORBIDDEN',
  'VALIDATION_FAILED',
  'QUESTION_STATE_CONFLICT',
  'QUESTION_CLOSED',
  'QUESTION_BID_EXISTS',
  'QUESTION_BID_NOT_LIVE',
  'QUESTION_BID_CHANGED',
  'QUESTION_BID_DATE_OUT_OF_RANGE',
  'QUESTION_PAYMENT_NOT_CONFIRMED',
  'QUESTION_DIGEST_INVALID',
  'QUESTION_CLARIFICATION_OPEN',
  'QUESTION_NO_OPEN_CLARIFICATION',
  'QUESTION_NO_DATE_PROPOSAL',
  'QUESTION_NOT_OVERDUE',
  'QUESTION_NO_OPEN_PROPOSAL',
  'COMPLAINT_WINDOW_CLOSED',
  'COMPLAINT_ALREADY_MADE',
  'COMPLAINT_NOTHING_PAID',
] as const;
export type QuestionRefusalCode = (typeof QUESTION_REFUSAL_CODES)[number];

/** Timings and bounds, each a setting with the default (and its reason) in core/settings.ts. */
export interface QuestionSettings {
  /** QA-1, QA-2: working days the administration has for each moderation turn before it escalates (once per turn). */
  moderationWorkingDays: number;
  /** QA-1: how long the administration's request for clarification waits for the client before the question lapses. */
  clarificationWaitMs: number;
  /** QA-3, QA-4: how long a published question takes bids and waits for the client's choice before it lapses. */
  biddingWindowMs: number;
  /** QA-3: the earliest promised publication date, counted from the bid (or the new-date proposal). */
  minPromiseLeadMs: number;
  /** QA-3: the latest promised publication date, counted from the bid (or the new-date proposal). */
  maxPromiseLeadMs: number;
  /** QA-6: how long a published preview waits for the payment before the round closes unpaid, without obligation. */
  previewPaymentWindowMs: number;
  /** QA-10: how long after a missed date the client's choice waits before the round is cancelled at no cost. */
  overdueCloseMs: number;
  /** QA-7: how long an extra-drawings proposal stays open for the client's order. */
  proposalTtlMs: number;
  /** QA-9: working days after the full answer opened within which the client may complain. */
  complaintWorkingDays: number;
  /** QA-9: working days the administration has to decide a complaint before it escalates. */
  arbitrationWorkingDays: number;
}

export interface QuestionInput {
  questionId: string;
  clientId: string;
  /** QA-1: the question as asked (title, text, topic, attachments) — an entry in PostgreSQL. */
  entryId: string;
  askedAt: number;
  /** QA-1: a returned question asked again (from its old text) is a new question that names the old one. */
  askedAgainFrom?: string;
  currency: string;
  /** The platform's commission on the price, in basis points (1500 = 15 %). */
  commissionBps: number;
  /** QA-1's and QA-9's working days, with the public holidays as of the asking (input, so replay agrees). */
  calendar: BusinessCalendar;
  settings?: Partial<QuestionSettings>;
  /** Set only by continue-as-new: the state carried into the next run. */
  carried?: QuestionState;
}

export const paymentSettled = defineSignal<[PaymentSettled]>(PAYMENT_SETTLED_SIGNAL);
export const questionState = defineQuery<QuestionState>('state');

// ── Moderation (QA-1, QA-2): the administration ──
/** QA-1 / QA-2: to the public list. */
export const publishQuestion = defineUpdate<QuestionState, [{ by: Actor }]>('publishQuestion');
/** QA-1: off-topic; QA-2: the clarification was unsatisfactory. The entry holds the reason and the recommendation. */
export const deleteQuestion = defineUpdate<QuestionState, [{ by: Actor; entryId: string }]>('deleteQuestion');
/** QA-1: on topic but badly worded: closed as `returned` with a recommendation; the client may ask again from the old text. */
export const returnQuestion = defineUpdate<QuestionState, [{ by: Actor; entryId: string }]>('returnQuestion');

// ── Clarifications: the administration in moderation (QA-1), the chosen specialist before answering (QA-5) ──
/** Asked by an admin during moderation, or by the round's specialist while working; the entry holds the request. */
export const requestClarification = defineUpdate<QuestionState, [{ by: Actor; entryId: string }]>('requestClarification');
/** The client answers the open request (whoever asked it). */
export const supplyClarification = defineUpdate<QuestionState, [{ by: Actor; entryId: string }]>('supplyClarification');

// ── Bids (QA-3) and the choice (QA-4) ──
export interface BidTerms {
  /** Integer minor units of the question's currency; 0 = free. */
  price: number;
  /** QA-3: the explanation of the price, an entry in PostgreSQL. */
  explanationEntryId: string;
  /** QA-3: the promised publication date (epoch ms), within the settings' bounds from now. */
  promisedAt: number;
}
export const placeBid = defineUpdate<QuestionState, [{ by: Actor } & BidTerms]>('placeBid');
export const editBid = defineUpdate<QuestionState, [{ by: Actor; bidId: string } & BidTerms]>('editBid');
export const withdrawBid = defineUpdate<QuestionState, [{ by: Actor; bidId: string }]>('withdrawBid');
/**
 * QA-4: the client picks a live bid at the version they saw and confirms readiness to pay its
 * price (`confirmsPayment`, required when the price is above 0). Also QA-10's "choose another bid".
 */
export const chooseBid = defineUpdate<QuestionState, [{ by: Actor; bidId: string; bidVersion: number; confirmsPayment: boolean }]>(
  'chooseBid',
);
/** QA-4: the client declines every bid: the question closes. */
export const declineBids = defineUpdate<QuestionState, [{ by: Actor }]>('declineBids');

// ── The promised date (QA-5, QA-10) ──
/** The round's specialist proposes a new date; binding only once the client accepts. */
export const proposeNewDate = defineUpdate<QuestionState, [{ by: Actor; promisedAt: number }]>('proposeNewDate');
export const acceptNewDate = defineUpdate<QuestionState, [{ by: Actor }]>('acceptNewDate');
export const rejectNewDate = defineUpdate<QuestionState, [{ by: Actor }]>('rejectNewDate');
/** QA-10: after a missed date the client cancels the current round at no cost. */
export const cancelRound = defineUpdate<QuestionState, [{ by: Actor }]>('cancelRound');

// ── Publication (QA-6) ──
/**
 * The round's specialist publishes: a free round in full; a paid round as a preview, with the
 * SHA-256 digest (64 lower-case hex) of the full answer the service computed at preview time.
 */
export const publishAnswer = defineUpdate<QuestionState, [{ by: Actor; answerId: string; digest?: string }]>('publishAnswer');

// ── Extra drawings (QA-7) ──
export const proposeExtraDrawings = defineUpdate<QuestionState, [{ by: Actor; entryId: string; price: number; promisedAt: number }]>(
  'proposeExtraDrawings',
);
/** The client orders a proposal (a new round: QA-4…QA-6 again), confirming readiness to pay when the price is above 0. */
export const orderExtraDrawings = defineUpdate<QuestionState, [{ by: Actor; proposalId: string; confirmsPayment: boolean }]>(
  'orderExtraDrawings',
);
export const declineExtraDrawings = defineUpdate<QuestionState, [{ by: Actor; proposalId: string }]>('declineExtraDrawings');

// ── Complaints (QA-9) ──
export const complain = defineUpdate<QuestionState, [{ by: Actor; round: number; reasonEntryId: string }]>('complain');
/** The administration's decision; `refundAmount` only for a partial refund. */
export const decideComplaint = defineUpdate<
  QuestionState,
  [{ by: Actor; round: number; decision: ComplaintDecision; refundAmount?: number; noteEntryId?: string }]
>('decideComplaint');

/** What a notice says: a code the notifier renders in the recipient's language, with ids/amounts/instants only. */
export interface QuestionMessage {
  code: QuestionMessageCode;
  params: Record<string, string | number>;
}

export interface QuestionNotice {
  questionId: string;
  clientId: string;
  /** The same notice reaches each recipient once, however often the activity is retried. */
  dedupeKey: string;
  /** User ids (the client, a specialist, the bidders not chosen …). */
  recipients: string[];
  /** Also the administration's queue and mail. */
  admins: boolean;
  message: QuestionMessage;
}

/** The activities the question workflow calls; each is idempotent on its key (it will be retried). */
export interface QuestionActivities extends MoneyActivities {
  /** The API's lists and pages read this mirror; the workflow's `state` query stays the live source. */
  mirrorQuestion(state: QuestionState): Promise<void>;
  /** Mails (and lists in the recipients' "Messages" section) a notice; returns how many recipients it queued. */
  notifyQuestion(notice: QuestionNotice): Promise<number>;
  /** A deadline missed or a failure the administration must see at once (mail and the admin queue). */
  escalateQuestion(input: { dedupeKey: string; questionId: string; reason: QuestionEscalationReason; detail: string }): Promise<void>;
}

export const QUESTION_ESCALATION_REASONS = [
  'moderation_overdue', // QA-1, QA-2
  'promised_date_missed', // QA-10
  'arbitration_overdue', // QA-9
  'refund_not_recovered', // QA-9: the ledger could not take a refund back from the specialist
] as const;
export type QuestionEscalationReason = (typeof QUESTION_ESCALATION_REASONS)[number];

// ── The state (plain JSON: mirrored, queried, carried across continue-as-new) ──

export const QUESTION_STATUSES = [
  'in_moderation', // QA-1: the administration checks it (or the clarification)
  'awaiting_clarification', // QA-1: the administration asked the client
  'published', // QA-3: in the public list, taking bids; QA-4: the client chooses
  'in_work', // a round runs: the chosen specialist works (QA-5)
  'overdue', // QA-10: a promised date passed without publication; the client chooses what next
  'awaiting_payment', // QA-6: a paid answer's preview is published; the payment is open
  'answered', // QA-6: the answer is open to the client; QA-9's window and QA-7's proposals run
  'in_complaint', // QA-9: the administration arbitrates
  // Final states:
  'deleted', // QA-1 / QA-2
  'returned', // QA-1: with a recommendation; asking again is a new question
  'declined', // QA-4: the client declined every bid
  'lapsed', // no clarification, or no choice, in time
  'cancelled', // QA-10: the client cancelled after a missed date, at no cost
  'closed', // every round finished
] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];
export const FINAL_QUESTION_STATUSES: readonly QuestionStatus[] = ['deleted', 'returned', 'declined', 'lapsed', 'cancelled', 'closed'];

export const ROUND_KINDS = ['answer', 'extra_drawings'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];

export const ROUND_STATUSES = [
  'in_work',
  'overdue',
  'awaiting_payment',
  'answered',
  'in_complaint',
  // Final states:
  'completed', // the complaint window closed, or a complaint was rejected
  'refunded',
  'partially_refunded',
  'cancelled', // QA-10: cancelled at no cost after a missed date
  'replaced', // QA-10: the client chose another bid after a missed date
  'unpaid', // QA-6: the preview was never paid: closed without obligation
] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];
export const FINAL_ROUND_STATUSES: readonly RoundStatus[] = [
  'completed',
  'refunded',
  'partially_refunded',
  'cancelled',
  'replaced',
  'unpaid',
];

export const BID_STATUSES = [
  'live', // editable and withdrawable (QA-3); may still be chosen (QA-4, QA-10)
  'chosen',
  'withdrawn',
  'dropped', // chosen, then its date was missed and the client chose another or cancelled (QA-10)
  'closed', // the question moved on (an answer published, all declined, lapsed)
] as const;
export type BidStatus = (typeof BID_STATUSES)[number];

export const PROPOSAL_STATUSES = ['open', 'ordered', 'declined', 'expired'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const MODERATION_ACTIONS = ['asked', 'clarification_requested', 'clarified', 'published', 'deleted', 'returned', 'lapsed'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

export const QUESTION_PAYMENT_STATUSES = [
  'awaiting_payment',
  'lapsed', // the window closed unpaid: no obligation (QA-6)
  'failed', // the card was declined: a fresh checkout opens while the window runs
  'held', // PAY-2: captured into the platform (settled at once: see `settlement`)
  'settled',
  'returned', // paid after it could serve its purpose: back to the card in full (PAY-6)
] as const;
export type QuestionPaymentStatus = (typeof QUESTION_PAYMENT_STATUSES)[number];

export const COMPLAINT_DECISIONS = ['reject', 'full_refund', 'partial_refund'] as const;
export type ComplaintDecision = (typeof COMPLAINT_DECISIONS)[number];

export const DATE_PROPOSAL_STATUSES = ['open', 'accepted', 'rejected'] as const;
export type DateProposalStatus = (typeof DATE_PROPOSAL_STATUSES)[number];

export const QUESTION_MESSAGE_CODES = [
  'question_asked',
  'clarification_requested',
  'clarification_supplied',
  'question_published',
  'question_deleted',
  'question_returned',
  'question_lapsed',
  'bid_placed',
  'bid_chosen',
  'bid_not_chosen',
  'bids_declined',
  'new_date_proposed',
  'new_date_accepted',
  'new_date_rejected',
  'promised_date_missed',
  'round_cancelled',
  'answer_published',
  'preview_published',
  'payment_failed',
  'payment_lapsed',
  'paid',
  'late_payment_returned',
  'extra_drawings_proposed',
  'extra_drawings_ordered',
  'extra_drawings_declined',
  'extra_drawings_expired',
  'complaint_opened',
  'complaint_decided',
  'round_completed',
] as const;
export type QuestionMessageCode = (typeof QUESTION_MESSAGE_CODES)[number];

export interface ModerationEntry {
  at: number;
  action: ModerationAction;
  /** Who acted (an admin's id, the client's id), or null for the timer. */
  by: string | null;
  /** The text (question, request, clarification, reason, recommendation) in PostgreSQL. */
  entryId: string | null;
}

export interface QuestionModeration {
  /** Whose move it is: the administration's, the client's (a clarification), or nobody's (decided). */
  turn: 'admin' | 'client' | 'done';
  /** QA-1: the administration decides this turn by then, or it escalates (once per turn). */
  decideBy: number | null;
  escalatedAt: number | null;
  /** The client clarifies by then, or the question lapses. */
  clarifyBy: number | null;
  /** Everything said, in order (the texts in PostgreSQL). */
  log: ModerationEntry[];
}

export interface QuestionBid {
  /** `bid-<n>` in the question. */
  id: string;
  specialistId: string;
  price: number;
  explanationEntryId: string;
  promisedAt: number;
  madeAt: number;
  /** 1, then +1 on each edit: the client chooses the version they saw (QUESTION_BID_CHANGED otherwise). */
  version: number;
  updatedAt: number;
  status: BidStatus;
}

export interface ExtraDrawingsProposal {
  /** `extra-<n>` in the question. */
  id: string;
  specialistId: string;
  /** The round whose answer it extends. */
  afterRound: number;
  entryId: string;
  price: number;
  promisedAt: number;
  madeAt: number;
  expiresAt: number;
  status: ProposalStatus;
  answeredAt: number | null;
  /** The round it became, once ordered. */
  round: number | null;
}

export interface Clarification {
  askedAt: number;
  requestEntryId: string;
  answeredAt: number | null;
  answerEntryId: string | null;
}

export interface DateProposal {
  proposedAt: number;
  promisedAt: number;
  status: DateProposalStatus;
  answeredAt: number | null;
}

export interface PublishedAnswer {
  answerId: string;
  /** When the specialist published (the full answer if free, the preview if paid). */
  publishedAt: number;
  /** QA-6: SHA-256 (hex) of the full answer at preview time; null for a free answer. */
  digest: string | null;
}

export interface QuestionPayment {
  /** Idempotency-key stem `question-<id>/round-<n>/payment-<k>`; `/hold`, `/refund` are appended. */
  key: string;
  amount: number;
  paymentId: string | null;
  checkoutUrl: string | null;
  status: QuestionPaymentStatus;
  openedAt: number;
  expiresAt: number;
  closedAt: number | null;
  paidAt: number | null;
  holdId: string | null;
}

export interface QuestionComplaint {
  openedAt: number;
  reasonEntryId: string;
  decideBy: number;
  escalatedAt: number | null;
  decision: ComplaintDecision | null;
  refundAmount: number | null;
  decidedAt: number | null;
  decidedBy: string | null;
  noteEntryId: string | null;
}

export interface QuestionRound {
  /** 1, 2, …: the chosen bid is round 1; each extra-drawings order, or another bid after a missed date, is the next. */
  no: number;
  kind: RoundKind;
  bidId: string | null;
  proposalId: string | null;
  specialistId: string;
  price: number;
  chosenAt: number;
  /** The promised date in force (moved only by a new date the client accepted). */
  promisedAt: number;
  /** QA-10: when the promised date passed unpublished (the administration was alerted then). */
  missedAt: number | null;
  dateProposals: DateProposal[];
  clarifications: Clarification[];
  answer: PublishedAnswer | null;
  /** QA-6: whether the client may read the full answer (free: at publication; paid: once the payment reached the platform). */
  fullAnswerOpen: boolean;
  fullAnswerOpenedAt: number | null;
  payments: QuestionPayment[];
  /** QA-9: full answer opened + 3 working days; a complaint must come before it. */
  complaintDeadline: number | null;
  complaint: QuestionComplaint | null;
  /** PAY-2, PAY-5, QA-9: where the captured price went. */
  settlement: HeldSettlement | null;
  /** QA-8: the client may rate this round's answer (the API keeps the rating, once per answer). */
  rateable: boolean;
  status: RoundStatus;
  closedAt: number | null;
}

export interface QuestionState {
  questionId: string;
  clientId: string;
  entryId: string;
  askedAgainFrom: string | null;
  currency: string;
  commissionBps: number;
  calendar: BusinessCalendar;
  settings: QuestionSettings;
  status: QuestionStatus;
  askedAt: number;
  moderation: QuestionModeration;
  publishedAt: number | null;
  bids: QuestionBid[];
  rounds: QuestionRound[];
  proposals: ExtraDrawingsProposal[];
  closedAt: number | null;
}
