import { createHash, randomUUID } from 'node:crypto';
import { DomainError } from '../../domain/errors.ts';
import { ticketLabel, type FeedbackCategoryName, type TicketStatusName } from '../../domain/tickets/contract.ts';
import type { Db } from '../../infra/db.ts';
import { registerInbound } from './intake.ts';
import { myFeedback } from './read-models/feedback.ts';
import type { SupportDeps } from './ticket-workflows.ts';

// CHAT-7 / ACC-8: a logged-in user's feedback to the administration. It is registered through
// the support intake like any other request (SUP-1: exactly once, keyed by the client's
// Idempotency-Key), as a ticket of channel `feedback` that names its sender, so the desk's SLA
// rules apply as to a web form (SUP-3/SUP-4) and operators answer it with their usual commands.
// The cabinet's thread is where the answer is delivered; the sender's account e-mail is the
// ticket's contact, so the desk's replies are also mailed (services/support/tickets.ts) and a
// reply by e-mail joins the ticket.

/** Refuses (throws a DomainError) unless the user takes part in the conversation. */
export type AssertParticipant = (db: Db, conversationId: string, userId: string) => Promise<void>;

export interface FeedbackDeps extends SupportDeps {
  /** CHAT-7: the conversations area's participant check; without one a conversationId is stored unchecked. */
  assertParticipant?: AssertParticipant | undefined;
}

export interface NewFeedback {
  userId: string;
  /** The client's Idempotency-Key: the same key is the same feedback. */
  idempotencyKey: string;
  text: string;
  conversationId?: string | undefined;
  category?: FeedbackCategoryName | undefined;
}

export interface FeedbackReceipt {
  number: number;
  status: TicketStatusName;
  /** The same key was sent before: this is that feedback, nothing new was registered. */
  duplicate: boolean;
}

/** The channel's message id: scoped to the sender and to what was sent, so keys never meet across users or tickets. */
const messageKey = (scope: string, userId: string, key: string): string =>
  `key:${createHash('sha256').update(`${scope}\n${userId}\n${key}`).digest('hex')}`;

/** The operators' queue line: the category and the text's first line. */
function feedbackSubject(category: FeedbackCategoryName | undefined, text: string): string {
  const firstLine = text.split('\n')[0]!.trim().slice(0, 120);
  return `Feedback${category ? ` (${category})` : ''}: ${firstLine}`;
}

/** CHAT-7 / ACC-8: registers a user's feedback as a support ticket (channel `feedback`). */
export async function sendFeedback(deps: FeedbackDeps, feedback: NewFeedback): Promise<FeedbackReceipt> {
  const externalId = messageKey('feedback', feedback.userId, feedback.idempotencyKey);
  const known = await deps.db.ticketMessage.findUnique({ where: { channel_externalId: { channel: 'feedback', externalId } } });
  // A replay is the feedback already accepted: it is not checked again against a conversation
  // the user may have left since.
  if (!known && feedback.conversationId && deps.assertParticipant) {
    await deps.assertParticipant(deps.db, feedback.conversationId, feedback.userId);
  }
  const user = await deps.db.user.findUniqueOrThrow({ where: { id: feedback.userId }, select: { email: true, fullName: true } });
  const result = await registerInbound(deps, {
    channel: 'feedback',
    externalId,
    subject: feedbackSubject(feedback.category, feedback.text),
    body: feedback.text,
    // SUP-5: the account says who is writing; organisation and STIR the operator asks for if needed.
    contact: { email: user.email },
    identity: { customerName: user.fullName },
    feedback: {
      requesterUserId: feedback.userId,
      conversationId: feedback.conversationId ?? null,
      category: feedback.category ?? null,
    },
  });
  const ticket = await deps.db.supportTicket.findUniqueOrThrow({ where: { id: result.ticketId }, select: { status: true } });
  return { number: result.number, status: ticket.status, duplicate: result.duplicate };
}

/** One of the user's feedback tickets; anyone else's is "not found", as if it did not exist. */
export async function findMyFeedback(db: Db, userId: string, number: number) {
  const ticket = await myFeedback(db, userId, number);
  if (!ticket) throw new DomainError('NOT_FOUND', `You have sent no feedback ${ticketLabel(number)}.`);
  return ticket;
}

/** ACC-8: the user answers in their feedback's thread; the message joins the ticket while it is open. */
export async function replyToFeedback(
  deps: SupportDeps,
  reply: { userId: string; number: number; text: string; idempotencyKey?: string | undefined },
) {
  const ticket = await findMyFeedback(deps.db, reply.userId, reply.number);
  const result = await registerInbound(deps, {
    channel: 'feedback',
    externalId: reply.idempotencyKey ? messageKey(`reply ${ticket.number}`, reply.userId, reply.idempotencyKey) : randomUUID(),
    subject: ticket.subject,
    body: reply.text,
    contact: { email: ticket.contactEmail ?? undefined },
    ticketId: ticket.id,
  });
  const message = await deps.db.ticketMessage.findUniqueOrThrow({ where: { id: result.messageId } });
  return { message, duplicate: result.duplicate };
}
