import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DomainError, ERROR_STATUS, type ErrorCode } from '../../domain/errors.ts';
import type { Priority } from '../../domain/sla.ts';
import { queueEmail, dispatchEmail } from '../platform/outbox.ts';
import type { SupportDeps } from './ticket-workflows.ts';
import { ticketCommand, ticketLabel, ticketState, ticketWorkflowId, type OperatorTicketCommand, type TicketIdentity, type TicketSnapshot } from '../../domain/tickets/contract.ts';
import { commandRefusal } from '../../domain/tickets/core.ts';
import { telegramDeliveryWorkflowId, TELEGRAM_DELIVERY_WORKFLOW_TYPE, type TelegramDeliveryWorkflow } from '../../domain/delivery/contract.ts';

// Operator work on a ticket. A command is checked against the workflow's live state before
// anything is sent to the customer, then sent as the workflow's `command` update, whose
// validator checks it again; the answer is the ticket's state with the command applied.

export type OperatorCommand =
  | { type: 'assign'; assigneeId: string }
  | { type: 'reply'; message: string }
  | { type: 'askCustomer'; message: string; about: 'identity' | 'question' }
  | { type: 'recordIdentity'; identity: Partial<TicketIdentity> }
  | { type: 'setPriority'; priority: Priority }
  | { type: 'resolve'; resolution: string }
  | { type: 'reopen'; reason: string };

export async function findTicket(deps: SupportDeps, number: number) {
  const ticket = await deps.db.supportTicket.findUnique({ where: { number } });
  if (!ticket) throw new DomainError('NOT_FOUND', `No ticket ${ticketLabel(number)}.`);
  return ticket;
}

export async function liveTicketState(deps: SupportDeps, number: number): Promise<TicketSnapshot> {
  try {
    return await deps.temporal.client.workflow.getHandle(ticketWorkflowId(number)).query(ticketState);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw new DomainError('NOT_FOUND', `No ticket ${ticketLabel(number)}.`);
    throw new DomainError('DEPENDENCY_UNAVAILABLE', 'The ticket\'s workflow cannot be reached; try again shortly.', undefined, error);
  }
}

/** Stores an operator's message to the customer and mails it when the customer wrote by e-mail. */
async function sendToCustomer(deps: SupportDeps, ticket: Awaited<ReturnType<typeof findTicket>>, authorId: string, body: string) {
  const { message, outboxId } = await deps.db.$transaction(async (tx) => {
    const message = await tx.ticketMessage.create({
      data: { ticketId: ticket.id, channel: ticket.channel, direction: 'outbound', authorId, body },
    });
    // Phone answers are given on the phone; the text stays on record. Telegram: see below.
    const outboxId = ticket.contactEmail
      ? await queueEmail(tx, {
          recipient: ticket.contactEmail,
          // The tag lets a reply from the customer join this ticket (SUP-1).
          subject: `[#${ticketLabel(ticket.number)}] Re: ${ticket.subject}`,
          body,
          dedupeKey: `ticket-message-${message.id}`,
        })
      : null;
    return { message, outboxId };
  });
  if (outboxId) await dispatchEmail(deps.temporal, outboxId);
  if (ticket.telegramChatId) {
    // If this start fails the command answers 503; the text stays on record, marked undelivered.
    await deps.temporal.client.workflow.start<TelegramDeliveryWorkflow>(TELEGRAM_DELIVERY_WORKFLOW_TYPE, {
      workflowId: telegramDeliveryWorkflowId(message.id),
      taskQueue: deps.temporal.taskQueue,
      args: [message.id],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
  }
  return message.id;
}

async function refusalOf(error: unknown): Promise<never> {
  const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
  if (cause instanceof ApplicationFailure && cause.type && cause.type in ERROR_STATUS) {
    throw new DomainError(cause.type as ErrorCode, cause.message);
  }
  if (error instanceof WorkflowNotFoundError) throw new DomainError('TICKET_CLOSED', 'The ticket is closed.');
  throw error;
}

// SLA warnings are mailed to the assignee (activities/support.ts), so only staff may be one:
// a customer or a stale id would receive, or swallow, the desk's internal alerts.
async function assertAssignable(deps: SupportDeps, assigneeId: string): Promise<void> {
  const assignee = await deps.db.user.findUnique({ where: { id: assigneeId }, select: { role: true, suspendedAt: true } });
  if (!assignee || (assignee.role !== 'operator' && assignee.role !== 'admin') || assignee.suspendedAt) {
    throw new DomainError('VALIDATION_FAILED', 'A ticket can only be assigned to an active operator or admin.', [
      { path: 'body.assigneeId', message: 'not an operator or admin' },
    ]);
  }
}

export async function runOperatorCommand(
  deps: SupportDeps,
  number: number,
  actorId: string,
  command: OperatorCommand,
): Promise<TicketSnapshot> {
  const ticket = await findTicket(deps, number);
  const live = await liveTicketState(deps, number);
  // The text itself is stored with the ticket's messages; the command carries its id.
  const toCommand = (messageId: string): OperatorTicketCommand => {
    if (command.type === 'reply') return { type: 'reply', actorId, messageId };
    if (command.type === 'askCustomer') return { type: 'askCustomer', actorId, messageId, about: command.about };
    return { ...command, actorId };
  };
  const refusal = commandRefusal(live, toCommand('not yet stored'));
  if (refusal) throw new DomainError(refusal.code, refusal.message);
  if (command.type === 'assign') await assertAssignable(deps, command.assigneeId);
  const toRun = command.type === 'reply' || command.type === 'askCustomer'
    ? toCommand(await sendToCustomer(deps, ticket, actorId, command.message))
    : toCommand('none');
  const handle = deps.temporal.client.workflow.getHandle(ticketWorkflowId(number));
  return handle.executeUpdate(ticketCommand, { args: [toRun] }).catch(refusalOf);
}
