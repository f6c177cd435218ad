import { DomainError } from '../../domain/errors.ts';
import type { Priority } from '../../domain/sla.ts';
import { queueEmail, dispatchEmail, outboxMessageId } from '../platform/outbox.ts';
import { unavailable } from '../platform/temporal/failures.ts';
import { queryProcess, startProcess, updateProcess } from '../platform/temporal/gateway.ts';
import type { SupportDeps } from './ticket-workflows.ts';
import {
  ticketCommand,
  ticketLabel,
  ticketState,
  ticketWorkflowId,
  type OperatorTicketCommand,
  type TicketIdentity,
  type TicketQuestionTopic,
  type TicketSnapshot,
} from '../../domain/tickets/contract.ts';
import { commandRefusal } from '../../domain/tickets/core.ts';
import {
  telegramDeliveryWorkflowId,
  TELEGRAM_DELIVERY_WORKFLOW_TYPE,
  type TelegramDeliveryWorkflow,
} from '../../domain/delivery/contract.ts';

// Operator work on a ticket. A command is checked against the workflow's live state before
// anything is sent to the customer, then sent as the workflow's `command` update, whose
// validator checks it again; the answer is the ticket's state with the command applied.

export type OperatorCommand =
  | { type: 'assign'; assigneeId: string }
  | { type: 'reply'; message: string }
  | { type: 'askCustomer'; message: string; about: TicketQuestionTopic }
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
  const notFound = { code: 'NOT_FOUND', message: `No ticket ${ticketLabel(number)}.` } as const;
  return (
    queryProcess(deps.temporal, ticketWorkflowId(number), ticketState, [], { codes: { notFound }, waitMs: deps.settings.queryTimeoutMs })
      // Whatever else keeps the workflow from answering (a failing workflow task too) is a 503.
      .catch((error: unknown) => {
        throw error instanceof DomainError ? error : unavailable(error);
      })
  );
}

const feedbackMailFooter = (number: number): string =>
  `You can read this answer and reply to it in your cabinet, under Feedback (${ticketLabel(number)}), or reply to this e-mail.`;

/** Stores an operator's message to the customer and mails it when the customer wrote by e-mail. */
async function sendToCustomer(deps: SupportDeps, ticket: Awaited<ReturnType<typeof findTicket>>, authorId: string, body: string) {
  const { message, outboxId } = await deps.db.$transaction(async (tx) => {
    // The thread so far: the customer's client shows the answer under their own message.
    const latestMail = ticket.contactEmail
      ? await tx.ticketMessage.findFirst({
          where: { ticketId: ticket.id, channel: 'email', externalId: { not: null } },
          orderBy: { createdAt: 'desc' },
        })
      : null;
    const message = await tx.ticketMessage.create({
      // A web-form customer is answered by e-mail: the message goes by that channel.
      data: { ticketId: ticket.id, channel: ticket.contactEmail ? 'email' : ticket.channel, direction: 'outbound', authorId, body },
    });
    // Phone answers are given on the phone; the text stays on record. Telegram: see below.
    if (!ticket.contactEmail) return { message, outboxId: null };
    const outboxId = await queueEmail(tx, {
      recipient: ticket.contactEmail,
      // The tag lets a reply from the customer join this ticket (SUP-1) …
      subject: `[#${ticketLabel(ticket.number)}] Re: ${ticket.subject}`,
      // CHAT-7 / ACC-8: feedback is answered in the cabinet's thread; the mail is a copy that points there.
      body: ticket.channel === 'feedback' ? `${body}\n\n${feedbackMailFooter(ticket.number)}` : body,
      dedupeKey: `ticket-message-${message.id}`,
      // … and the customer's "Reply" must reach the support mailbox, not no-reply.
      replyTo: deps.settings.replyTo,
      inReplyTo: latestMail?.externalId ?? undefined,
    });
    // Recorded as the message's own id, so a reply whose client dropped the subject tag still
    // joins the ticket through its In-Reply-To / References (services/support/intake.ts).
    await tx.ticketMessage.update({ where: { id: message.id }, data: { externalId: outboxMessageId(outboxId) } });
    return { message, outboxId };
  });
  if (outboxId) await dispatchEmail(deps.temporal, outboxId);
  if (ticket.telegramChatId) {
    // If this start fails the command answers 503; the text stays on record, marked undelivered.
    await startProcess<TelegramDeliveryWorkflow>(deps.temporal, TELEGRAM_DELIVERY_WORKFLOW_TYPE, {
      workflowId: telegramDeliveryWorkflowId(message.id),
      args: [message.id],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
  }
  return message.id;
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
  const toRun =
    command.type === 'reply' || command.type === 'askCustomer'
      ? toCommand(await sendToCustomer(deps, ticket, actorId, command.message))
      : toCommand('none');
  return updateProcess(deps.temporal, ticketWorkflowId(number), ticketCommand, toRun, {
    notFound: { code: 'TICKET_CLOSED', message: 'The ticket is closed.' },
  });
}
