import { WorkflowNotFoundError } from '@temporalio/client';
import { DEFAULT_SLA_POLICY, type Priority, type SlaPolicy } from '../../domain/sla.ts';
import type { Config } from '../../infra/config.ts';
import type { Db } from '../../infra/db.ts';
import {
  SlaBreachedAttribute,
  TicketChannelAttribute,
  TicketNumberAttribute,
  TicketPriorityAttribute,
  TicketStatusAttribute,
  TICKET_WORKFLOW_TYPE,
  type TicketWorkflow,
} from '../../domain/tickets/contract.ts';
import { customerReplied, ticketWorkflowId, type TicketChannelName } from '../../domain/tickets/contract.ts';
import { signalProcess, startProcess, type TemporalTarget } from '../platform/temporal/gateway.ts';
import { loadSupportCalendar } from '../platform/business-calendars.ts';

// Starting and signalling ticket workflows from registered rows. Both are safe to repeat: a
// start uses the conflict policy USE_EXISTING, and a row is only marked once Temporal has it.

export interface SupportSettings {
  policy: SlaPolicy;
  qualitySamplePercent: number;
  /** Reply-To of ticket mail: the support mailbox, so a customer's reply joins the ticket (SUP-1). */
  replyTo: string;
  /** How long a read waits for the ticket's workflow (no worker: Temporal holds a query until one polls). */
  queryTimeoutMs: number;
}

export interface SupportDeps {
  db: Db;
  temporal: TemporalTarget;
  settings: SupportSettings;
}

export function supportSettings(config: Config): SupportSettings {
  return {
    policy: {
      ...DEFAULT_SLA_POLICY,
      warningFraction: config.SUPPORT_SLA_WARNING_PERCENT / 100,
      pauseResolutionWhileWaitingForCustomer: config.SUPPORT_PAUSE_RESOLUTION_WHILE_WAITING,
    },
    qualitySamplePercent: config.SUPPORT_QUALITY_SAMPLE_PERCENT,
    replyTo: config.SUPPORT_REPLY_TO,
    queryTimeoutMs: config.WORKFLOW_QUERY_TIMEOUT_MS,
  };
}

interface TicketRow {
  id: string;
  number: number;
  channel: TicketChannelName;
  priority: Priority;
  status: string;
  registeredAt: Date;
  customerName: string | null;
  organisation: string | null;
  stir: string | null;
}

export async function startTicketWorkflow(deps: SupportDeps, ticket: TicketRow): Promise<void> {
  await startProcess<TicketWorkflow>(deps.temporal, TICKET_WORKFLOW_TYPE, {
    workflowId: ticketWorkflowId(ticket.number),
    workflowIdConflictPolicy: 'USE_EXISTING',
    args: [
      {
        ticketId: ticket.id,
        number: ticket.number,
        channel: ticket.channel,
        priority: ticket.priority,
        registeredAt: ticket.registeredAt.getTime(),
        identity: { customerName: ticket.customerName, organisation: ticket.organisation, stir: ticket.stir },
        calendar: await loadSupportCalendar(deps.db),
        policy: deps.settings.policy,
        qualitySamplePercent: deps.settings.qualitySamplePercent,
      },
    ],
    typedSearchAttributes: [
      { key: TicketNumberAttribute, value: ticket.number },
      { key: TicketChannelAttribute, value: ticket.channel },
      { key: TicketPriorityAttribute, value: ticket.priority },
      { key: TicketStatusAttribute, value: ticket.status },
      { key: SlaBreachedAttribute, value: false },
    ],
  });
  await deps.db.supportTicket.updateMany({ where: { id: ticket.id, workflowStartedAt: null }, data: { workflowStartedAt: new Date() } });
}

/** Tells the ticket's workflow about a customer's reply, then marks the message delivered. */
export async function deliverCustomerReply(deps: SupportDeps, message: { id: string; ticketNumber: number }): Promise<void> {
  try {
    await signalProcess(deps.temporal, ticketWorkflowId(message.ticketNumber), customerReplied, [{ messageId: message.id }]);
  } catch (error) {
    // The ticket closed in between: the message stays on record in its history all the same.
    if (!(error instanceof WorkflowNotFoundError)) throw error;
  }
  await deps.db.ticketMessage.update({ where: { id: message.id }, data: { deliveredAt: new Date() } });
}

/**
 * SUP-1, "none is ever lost": finishes what an intake crashed before doing — tickets whose
 * workflow was never started and replies never delivered. Run periodically by the worker.
 */
export async function sweepUndeliveredIntake(
  deps: SupportDeps,
  { now = Date.now(), olderThanMs = 30_000 }: { now?: number; olderThanMs?: number } = {},
): Promise<number> {
  // Only rows older than a grace period: a younger one may still be in its intake's hands.
  const before = new Date(now - olderThanMs);
  const tickets = await deps.db.supportTicket.findMany({ where: { workflowStartedAt: null, registeredAt: { lt: before } }, take: 100 });
  for (const ticket of tickets) await startTicketWorkflow(deps, ticket);
  const messages = await deps.db.ticketMessage.findMany({
    where: { direction: 'inbound', deliveredAt: null, createdAt: { lt: before }, ticket: { workflowStartedAt: { not: null } } },
    include: { ticket: { select: { number: true } } },
    take: 100,
  });
  for (const message of messages) await deliverCustomerReply(deps, { id: message.id, ticketNumber: message.ticket.number });
  return tickets.length + messages.length;
}
