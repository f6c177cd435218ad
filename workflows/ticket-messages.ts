import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { Pause, Priority, SlaPolicy } from '../domain/sla.ts';

// The ticket workflow's inputs, commands and state, shared by the workflow, the API services
// and the tests. Commands are signals: the API checks them against the `ticket` query first
// and the workflow ignores any that no longer apply (see ticket-state.ts).

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

export interface Actor {
  actorId: string;
}

export const assignTicket = defineSignal<[Actor & { assigneeId: string }]>('assign');
export const replyToCustomer = defineSignal<[Actor & { messageId: string }]>('reply');
export const askCustomer = defineSignal<[Actor & { messageId: string; about: 'identity' | 'question' }]>('askCustomer');
export const customerReplied = defineSignal<[{ messageId: string }]>('customerReplied');
export const recordIdentity = defineSignal<[Partial<Actor> & { identity: Partial<TicketIdentity> }]>('recordIdentity');
export const setPriority = defineSignal<[Actor & { priority: Priority }]>('setPriority');
export const resolveTicket = defineSignal<[Actor & { resolution: string }]>('resolve');
export const reopenTicket = defineSignal<[Actor & { reason: string }]>('reopen');

export const ticketState = defineQuery<TicketSnapshot>('ticket');

export const ticketWorkflowId = (number: number): string => `ticket-${number}`;
export const ticketLabel = (number: number): string => `T-${number}`;
