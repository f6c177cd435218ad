import type { Db } from '../../../infra/db.ts';
import { newestFirstAfter, newestFirstPage, type PageRequest } from '../../platform/paging.ts';

// ACC-8 "Feedback" in the cabinet: a user's own feedback tickets (CHAT-7) and their threads.
// Only tickets the user sent (requester_user_id) are theirs; anyone else's answers "not found".

/** My feedback, newest first, each with the desk's latest reply to it. */
export function feedbackOf(db: Db, userId: string, page: PageRequest) {
  return db.supportTicket.findMany({
    where: { requesterUserId: userId, ...newestFirstAfter(page.after, 'registeredAt') },
    ...newestFirstPage(page, 'registeredAt'),
    include: { messages: { where: { direction: 'outbound' }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 1 } },
  });
}

/** One of my feedback tickets by its number, or null when there is none that I sent. */
export function myFeedback(db: Db, userId: string, number: number) {
  return db.supportTicket.findFirst({
    where: { number, requesterUserId: userId },
    include: { messages: { where: { direction: 'outbound' }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 1 } },
  });
}

/**
 * A ticket's thread, oldest first: what the customer wrote (inbound) and what the desk sent
 * them (outbound). The desk's history (assignments, SLA events) is internal and not here.
 */
export function feedbackThread(db: Db, ticketId: string, page: PageRequest) {
  const from = page.after;
  return db.ticketMessage.findMany({
    where: {
      ticketId,
      ...(from && { OR: [{ createdAt: { gt: from.createdAt } }, { createdAt: from.createdAt, id: { gt: from.id } }] }),
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: page.limit + 1,
  });
}
