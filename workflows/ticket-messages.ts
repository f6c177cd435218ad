import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { BusinessCalendar } from '../domain/calendar.ts';
import type { Pause, Priority, SlaPolicy } from '../domain/sla.ts';

// The ticket workflow's inputs, commands and state, shared by the workflow, the API services
// and the tests. Operator commands are updates: the validator refuses one that does not apply
// (before it enters history) and the caller gets the ticket's new state back. A customer's
// reply is a signal: the intake needs no answer from the workflow.

export type TicketChannelName = 'web' | 'email' | 'telegram' | 'phone';
export type TicketStatusName = 'triage' | 'in_progress' | 'waiting_for_customer' | 'resolved' | 'closed';
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
  waitingFor: 'identity' | 'customer' | null;
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

/** An operator's command, as the `command` update carries it (see ticket-state.ts for the rules). */
export type OperatorTicketCommand =
  | { type: 'assign'; actorId: string; assigneeId: string }
  | { type: 'reply'; actorId: string; messageId: string }
  | { type: 'askCustomer'; actorId: string; messageId: string; about: 'identity' | 'question' }
  | { type: 'recordIdentity'; actorId: string; identity: Partial<TicketIdentity> }
  | { type: 'setPriority'; actorId: string; priority: Priority }
  | { type: 'resolve'; actorId: string; resolution: string }
  | { type: 'reopen'; actorId: string; reason: string };

export const ticketCommand = defineUpdate<TicketSnapshot, [OperatorTicketCommand]>('command');
export const customerReplied = defineSignal<[{ messageId: string }]>('customerReplied');
export const ticketState = defineQuery<TicketSnapshot>('ticket');

export const ticketWorkflowId = (number: number): string => `ticket-${number}`;
export const ticketLabel = (number: number): string => `T-${number}`;
