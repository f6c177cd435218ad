import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { BusinessCalendar } from '../calendar.ts';
import type { Pause, Priority, SlaPolicy } from '../sla.ts';

// The support ticket's contract (SUP-1…SUP-7): inputs, commands, state, activity interface and
// search attributes, shared by the workflow, its activities, the API services and the tests.
// The rules themselves are the pure core next to it (core.ts). Operator commands are updates: the validator refuses one that does not apply
// (before it enters history) and the caller gets the ticket's new state back. A customer's
// reply is a signal: the intake needs no answer from the workflow.

/** `feedback`: CHAT-7 / ACC-8, sent from the cabinet by a logged-in user (SLA as a web form's). */
export const TICKET_CHANNELS = ['web', 'email', 'telegram', 'phone', 'feedback'] as const;
export type TicketChannelName = (typeof TICKET_CHANNELS)[number];
/** CHAT-7 / ACC-8: what a user's feedback to the administration is about. */
export const FEEDBACK_CATEGORIES = ['chat', 'payment', 'specialist', 'bug', 'suggestion', 'other'] as const;
export type FeedbackCategoryName = (typeof FEEDBACK_CATEGORIES)[number];
export const TICKET_STATUSES = ['triage', 'in_progress', 'waiting_for_customer', 'resolved', 'closed'] as const;
export type TicketStatusName = (typeof TICKET_STATUSES)[number];
/** SUP-5 / SUP-6: what a ticket may wait for from the customer. */
export const TICKET_WAITING_FOR = ['identity', 'customer'] as const;
export type TicketWaitingFor = (typeof TICKET_WAITING_FOR)[number];
/** What an operator asks the customer about: their identity (SUP-5) or anything else (SUP-6). */
export const TICKET_QUESTION_TOPICS = ['identity', 'question'] as const;
export type TicketQuestionTopic = (typeof TICKET_QUESTION_TOPICS)[number];
export type SlaClockName = 'first_response' | 'resolution';

export interface TicketIdentity {
  customerName: string | null;
  organisation: string | null;
  stir: string | null;
}

export interface TicketInput {
  ticketId: string;
  number: number;
  channel: TicketChannelName;
  priority: Priority;
  /** Epoch ms of durable registration (SUP-4 counts from here), not of the workflow's start. */
  registeredAt: number;
  identity: TicketIdentity;
  /** SUP-2 with the holidays as of registration (input, so history holds it and replay agrees). */
  calendar: BusinessCalendar;
  /** Defaults to DEFAULT_SLA_POLICY; pausing while waiting for the customer is on by default. */
  policy?: SlaPolicy;
  /** SUP-7: share (0–100) of resolved tickets sent to quality review. */
  qualitySamplePercent?: number;
}

export interface SlaClockState {
  dueAt: number | null;
  warnAt: number | null;
  warnedAt: number | null;
  /** The instant the target was missed (the deadline itself, whenever it was noticed). */
  breachedAt: number | null;
  metAt: number | null;
}

export interface TicketSnapshot {
  ticketId: string;
  number: number;
  channel: TicketChannelName;
  priority: Priority;
  status: TicketStatusName;
  registeredAt: number;
  identity: TicketIdentity;
  /** SUP-5 / SUP-6: what the ticket waits for from the customer, if anything. */
  waitingFor: TicketWaitingFor | null;
  assigneeId: string | null;
  firstResponse: SlaClockState;
  resolution: SlaClockState;
  pauses: Pause[];
  pausedSince: number | null;
  resolvedAt: number | null;
  policy: SlaPolicy;
  /** Earliest pending SLA instant (warning or deadline), for the queue and search attributes. */
  nextDeadline: number | null;
}

/** An operator's command, as the `command` update carries it (see core.ts for the rules). */
export type OperatorTicketCommand =
  | { type: 'assign'; actorId: string; assigneeId: string }
  | { type: 'reply'; actorId: string; messageId: string }
  | { type: 'askCustomer'; actorId: string; messageId: string; about: TicketQuestionTopic }
  | { type: 'recordIdentity'; actorId: string; identity: Partial<TicketIdentity> }
  | { type: 'setPriority'; actorId: string; priority: Priority }
  | { type: 'resolve'; actorId: string; resolution: string }
  | { type: 'reopen'; actorId: string; reason: string };

export const ticketCommand = defineUpdate<TicketSnapshot, [OperatorTicketCommand]>('command');
export const customerReplied = defineSignal<[{ messageId: string }]>('customerReplied');
export const ticketState = defineQuery<TicketSnapshot>('ticket');

export const ticketWorkflowId = (number: number): string => `ticket-${number}`;
export const TICKET_WORKFLOW_TYPE = 'ticketWorkflow';
export type TicketWorkflow = (input: TicketInput) => Promise<TicketSnapshot>;
export const ticketLabel = (number: number): string => `T-${number}`;

/** A resolved ticket can be reopened for this long; then it is closed and the workflow ends. */
export const REOPEN_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

// Operators find a ticket by number, priority, status, channel, breach state and next deadline.
export const TicketNumberAttribute = defineSearchAttributeKey('TicketNumber', SearchAttributeType.INT);
export const TicketPriorityAttribute = defineSearchAttributeKey('TicketPriority', SearchAttributeType.KEYWORD);
export const TicketStatusAttribute = defineSearchAttributeKey('TicketStatus', SearchAttributeType.KEYWORD);
export const TicketChannelAttribute = defineSearchAttributeKey('TicketChannel', SearchAttributeType.KEYWORD);
export const SlaBreachedAttribute = defineSearchAttributeKey('SlaBreached', SearchAttributeType.BOOL);
export const NextDeadlineAttribute = defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME);
export const TICKET_SEARCH_ATTRIBUTES = [
  TicketNumberAttribute,
  TicketPriorityAttribute,
  TicketStatusAttribute,
  TicketChannelAttribute,
  SlaBreachedAttribute,
  NextDeadlineAttribute,
] as const;

/** Codes the `command` update's validator refuses with (HTTP status in domain/errors.ts). */
export const TICKET_REFUSAL_CODES = [
  'TICKET_CLOSED',
  'TICKET_IDENTITY_REQUIRED',
  'TICKET_NOT_RESOLVED',
  'TICKET_RESOLVED',
  'TICKET_INVALID_STIR',
] as const;
export type TicketRefusalCode = (typeof TICKET_REFUSAL_CODES)[number];

/** One entry of the ticket's history, as the core produces it. */
export interface TicketEventDraft {
  kind: string;
  at: number;
  actorId: string | null;
  detail: Record<string, unknown>;
}

export interface SlaNotice {
  ticketId: string;
  number: number;
  kind: 'warn' | 'escalate';
  clock: SlaClockName;
  dueAt: number;
  assigneeId: string | null;
  /** Workflow time when the effect arose, so the history reads in workflow order. */
  at: number;
  dedupeKey: string;
}

/** The activities the ticket workflow calls; each is idempotent (keys derive from the workflow id). */
export interface TicketActivities {
  recordTicket(input: { ticket: TicketSnapshot; events: (TicketEventDraft & { dedupeKey: string })[] }): Promise<void>;
  /** Returns the address it went to. */
  notifySla(input: SlaNotice): Promise<string>;
  /** SUP-7: decides (deterministically per ticket) whether it goes to quality review. */
  sampleForQualityReview(input: { ticketId: string; percent: number }): Promise<boolean>;
}
