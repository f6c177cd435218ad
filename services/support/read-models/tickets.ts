import type { TicketStatusName } from '../../../domain/tickets/contract.ts';
import type { Db } from '../../../infra/db.ts';
import type { PageKey } from '../../platform/paging.ts';

// The support queue and a ticket's history, from the mirror the ticket workflow keeps.

/** Where a queue page starts: after this (next deadline, id); tickets without a deadline last. */
export interface QueueKey {
  deadline: Date | null;
  id: string;
}

/** Prisma `where` fragment for the rows after `key` in queue order. */
function queueAfter(key: QueueKey | undefined) {
  if (!key) return {};
  if (key.deadline === null) return { nextDeadlineAt: null, id: { gt: key.id } };
  return {
    OR: [{ nextDeadlineAt: { gt: key.deadline } }, { nextDeadlineAt: key.deadline, id: { gt: key.id } }, { nextDeadlineAt: null }],
  };
}

/** The queue: open tickets (or those of one status), the most urgent next deadline first. */
export function ticketQueue(
  db: Db,
  filter: { status?: TicketStatusName | undefined },
  page: { limit: number; after?: QueueKey | undefined },
) {
  return db.supportTicket.findMany({
    where: { status: filter.status ?? { notIn: ['resolved', 'closed'] }, ...queueAfter(page.after) },
    orderBy: [{ nextDeadlineAt: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
    take: page.limit + 1,
  });
}

/**
 * A ticket's history, oldest first. Keyset on (at, id): one workflow step writes several
 * entries dated alike, so paging by the instant alone would skip the rest of them at a page
 * boundary.
 */
export function ticketHistory(
  db: Db,
  ticketId: string,
  filter: { since?: Date | undefined },
  page: { limit: number; after?: PageKey | undefined },
) {
  const from = page.after;
  return db.ticketEvent.findMany({
    where: {
      ticketId,
      ...(filter.since && { at: { gt: filter.since } }),
      ...(from && { OR: [{ at: { gt: from.createdAt } }, { at: from.createdAt, id: { gt: from.id } }] }),
    },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
    take: page.limit + 1,
  });
}
