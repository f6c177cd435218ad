import { WorkflowNotFoundError } from '@temporalio/client';
import { DomainError } from '../domain/errors.ts';
import type { Priority } from '../domain/sla.ts';
import { queueEmail, dispatchEmail } from './outbox.ts';
import type { SupportDeps } from './support-workflows.ts';
import {
  askCustomer,
  assignTicket,
  recordIdentity,
  reopenTicket,
  replyToCustomer,
  resolveTicket,
  setPriority,
  ticketLabel,
  ticketState,
  ticketWorkflowId,
  type TicketIdentity,
  type TicketSnapshot,
} from '../workflows/ticket-messages.ts';
import { commandRefusal, type TicketCommand } from '../workflows/ticket-state.ts';
import { telegramDeliveryWorkflow, telegramDeliveryWorkflowId } from '../workflows/telegram-delivery.ts';

// Operator work on a ticket. Each command is checked against the workflow's live state (so a
// refused command answers 409/422 at once), then signalled; the workflow records it in history.

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
    throw error;
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
    await deps.temporal.client.workflow.start(telegramDeliveryWorkflow, {
      workflowId: telegramDeliveryWorkflowId(message.id),
      taskQueue: deps.temporal.taskQueue,
      args: [message.id],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
  }
  return message.id;
}

export async function runOperatorCommand(
  deps: SupportDeps,
  number: number,
  actorId: string,
  command: OperatorCommand,
): Promise<TicketSnapshot> {
  const ticket = await findTicket(deps, number);
  const live = await liveTicketState(deps, number);
  const probe: TicketCommand =
    command.type === 'reply' || command.type === 'askCustomer'
      ? { ...command, actorId, messageId: 'pending' }
      : { ...command, actorId } as TicketCommand;
  const refusal = commandRefusal(live, probe);
  if (refusal) throw new DomainError(refusal.code, refusal.message);

  const handle = deps.temporal.client.workflow.getHandle(ticketWorkflowId(number));
  switch (command.type) {
    case 'assign':
      await handle.signal(assignTicket, { actorId, assigneeId: command.assigneeId });
      break;
    case 'reply':
      await handle.signal(replyToCustomer, { actorId, messageId: await sendToCustomer(deps, ticket, actorId, command.message) });
      break;
    case 'askCustomer':
      await handle.signal(askCustomer, { actorId, about: command.about, messageId: await sendToCustomer(deps, ticket, actorId, command.message) });
      break;
    case 'recordIdentity':
      await handle.signal(recordIdentity, { actorId, identity: command.identity });
      break;
    case 'setPriority':
      await handle.signal(setPriority, { actorId, priority: command.priority });
      break;
    case 'resolve':
      await handle.signal(resolveTicket, { actorId, resolution: command.resolution });
      break;
    case 'reopen':
      await handle.signal(reopenTicket, { actorId, reason: command.reason });
      break;
  }
  return handle.query(ticketState);
}
