import type { Priority } from '../../domain/sla.ts';
import { DomainError } from '../../domain/errors.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { ticketLabel, type FeedbackCategoryName, type TicketChannelName, type TicketIdentity } from '../../domain/tickets/contract.ts';
import { identityComplete } from '../../domain/tickets/core.ts';
import { deliverCustomerReply, startTicketWorkflow, type SupportDeps } from './ticket-workflows.ts';

type Tx = Prisma.TransactionClient;

// SUP-1: every request from every channel is registered, exactly once. The row (unique on the
// channel's own message id) is written first; only then is the workflow started or signalled,
// and only after that does the channel get its acknowledgement. A redelivery finds the row and
// finishes whatever the first attempt left undone; the worker's sweep covers a crash in between.

export interface InboundMessage {
  channel: TicketChannelName;
  /** The channel's own id: e-mail Message-ID, Telegram update_id, web/phone submission key. */
  externalId: string;
  subject: string;
  body: string;
  contact: { email?: string | undefined; telegramChatId?: string | undefined; phone?: string | undefined };
  identity?: Partial<TicketIdentity> | undefined;
  priority?: Priority | undefined;
  /** SUP-7: a logged call's recording. */
  recordingUrl?: string | undefined;
  /** E-mail threading: Message-IDs this message answers (In-Reply-To, References). */
  references?: string[] | undefined;
  /** Posted in a known ticket's own thread (the cabinet's feedback): joins that ticket, which must be open. */
  ticketId?: string | undefined;
  /** CHAT-7 / ACC-8: the logged-in sender of cabinet feedback and what it is about, kept on the ticket it opens. */
  feedback?: FeedbackOrigin | undefined;
}

export interface FeedbackOrigin {
  requesterUserId: string;
  conversationId: string | null;
  category: FeedbackCategoryName | null;
}

export interface IntakeResult {
  ticketId: string;
  number: number;
  messageId: string;
  /** The same channel message was registered before: nothing new was created. */
  duplicate: boolean;
  /** The message joined an open ticket of the same customer instead of opening one. */
  joined: boolean;
}

const identityOf = (message: InboundMessage): TicketIdentity => ({
  customerName: message.identity?.customerName ?? null,
  organisation: message.identity?.organisation ?? null,
  stir: message.identity?.stir ?? null,
});

const OPEN = { notIn: ['resolved' as const, 'closed' as const] };
const SUBJECT_TAG = /\[#T-(\d{1,9})\]/;

/** The ticket a message posted in its thread joins: it must still be open (a resolved one is past answering). */
async function threadTicket(db: Tx, ticketId: string): Promise<{ id: string; number: number }> {
  const ticket = await db.supportTicket.findUnique({ where: { id: ticketId } });
  if (!ticket) throw new DomainError('NOT_FOUND', 'No such ticket.');
  if (ticket.status === 'resolved' || ticket.status === 'closed') {
    throw new DomainError(
      ticket.status === 'closed' ? 'TICKET_CLOSED' : 'TICKET_RESOLVED',
      `${ticketLabel(ticket.number)} is ${ticket.status}: a new message cannot join it; send a new request instead.`,
    );
  }
  return ticket;
}

/** An open ticket of the same customer that this message continues, if any. */
async function ticketToJoin(db: Tx, message: InboundMessage): Promise<{ id: string; number: number } | null> {
  if (message.ticketId) return threadTicket(db, message.ticketId);
  if (message.channel === 'telegram' && message.contact.telegramChatId) {
    return db.supportTicket.findFirst({
      where: { telegramChatId: message.contact.telegramChatId, status: OPEN },
      orderBy: { registeredAt: 'desc' },
    });
  }
  if (message.channel === 'email' && message.contact.email) {
    const email = message.contact.email;
    const tagged = SUBJECT_TAG.exec(message.subject);
    if (tagged) {
      const ticket = await db.supportTicket.findFirst({ where: { number: Number(tagged[1]), contactEmail: email, status: OPEN } });
      if (ticket) return ticket;
    }
    if (message.references?.length) {
      const earlier = await db.ticketMessage.findFirst({
        where: { channel: 'email', externalId: { in: message.references }, ticket: { contactEmail: email, status: OPEN } },
        include: { ticket: true },
      });
      if (earlier) return earlier.ticket;
    }
  }
  return null;
}

async function findRegistered(deps: SupportDeps, message: InboundMessage) {
  return deps.db.ticketMessage.findUnique({
    where: { channel_externalId: { channel: message.channel, externalId: message.externalId } },
    include: { ticket: true },
  });
}

type Registered = NonNullable<Awaited<ReturnType<typeof findRegistered>>>;

/** Finishes a registration: the workflow runs and knows about the message. Safe to repeat. */
async function completeDelivery(deps: SupportDeps, registered: Registered): Promise<void> {
  if (registered.ticket.workflowStartedAt === null) await startTicketWorkflow(deps, registered.ticket);
  if (registered.deliveredAt === null) {
    await deliverCustomerReply(deps, { id: registered.id, ticketNumber: registered.ticket.number });
  }
}

/** Whose messages join one open ticket: the chat or the sender's address. */
function customerKey(message: InboundMessage): string | null {
  if (message.channel === 'telegram' && message.contact.telegramChatId) return `telegram:${message.contact.telegramChatId}`;
  if (message.channel === 'email' && message.contact.email) return `email:${message.contact.email}`;
  return null;
}

async function createRegistration(deps: SupportDeps, message: InboundMessage, receivedAt: Date) {
  return deps.db.$transaction(async (tx) => {
    // One customer's messages register one at a time: two arriving together would otherwise
    // both find no open ticket and open two. The lock ends with the transaction.
    const customer = customerKey(message);
    if (customer) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`support-intake:${customer}`}))`;
    const join = await ticketToJoin(tx, message);
    const ticket =
      join ??
      (await tx.supportTicket.create({
        data: {
          channel: message.channel,
          priority: message.priority ?? 'medium',
          status: identityComplete(identityOf(message)) ? 'in_progress' : 'triage',
          subject: message.subject.slice(0, 300),
          contactEmail: message.contact.email ?? null,
          telegramChatId: message.contact.telegramChatId ?? null,
          contactPhone: message.contact.phone ?? null,
          ...identityOf(message),
          recordingUrl: message.recordingUrl ?? null,
          requesterUserId: message.feedback?.requesterUserId ?? null,
          conversationId: message.feedback?.conversationId ?? null,
          feedbackCategory: message.feedback?.category ?? null,
          registeredAt: receivedAt,
        },
      }));
    return tx.ticketMessage.create({
      data: {
        ticketId: ticket.id,
        channel: message.channel,
        externalId: message.externalId,
        direction: 'inbound',
        body: message.body,
        createdAt: receivedAt,
        // The first message reaches the workflow as its start input; a reply by signal.
        deliveredAt: join ? null : receivedAt,
      },
      include: { ticket: true },
    });
  });
}

export async function registerInbound(deps: SupportDeps, message: InboundMessage, receivedAt = new Date()): Promise<IntakeResult> {
  let registered = await findRegistered(deps, message);
  const duplicate = registered !== null;
  if (!registered) {
    try {
      registered = await createRegistration(deps, message, receivedAt);
    } catch (error) {
      // A concurrent delivery of the same message won the unique (channel, external id).
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) throw error;
      registered = await findRegistered(deps, message);
      if (!registered) throw error;
    }
  }
  try {
    await completeDelivery(deps, registered);
  } catch (error) {
    throw new DomainError(
      'DEPENDENCY_UNAVAILABLE',
      'The request is saved but could not be handed on yet; retry the delivery.',
      undefined,
      error,
    );
  }
  const first = await deps.db.ticketMessage.findFirst({ where: { ticketId: registered.ticketId }, orderBy: { createdAt: 'asc' } });
  return {
    ticketId: registered.ticketId,
    number: registered.ticket.number,
    messageId: registered.id,
    duplicate,
    joined: first !== null && first.id !== registered.id,
  };
}
