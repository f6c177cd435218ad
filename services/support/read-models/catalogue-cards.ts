import type { CardRecordedState } from '../../../domain/card-moderation/contract.ts';
import type { Db } from '../../../infra/db.ts';
import { newestFirstAfter, newestFirstPage, type PageRequest } from '../../platform/paging.ts';

// SUP-8: catalogue cards as their senders and reviewers see them. Rows; the API shapes them.

export function findCard(db: Db, id: string) {
  return db.catalogueCard.findUnique({ where: { id } });
}

/** The review list: cards of one state, latest submission first. */
export function cardsInState(db: Db, status: CardRecordedState, page: PageRequest) {
  return db.catalogueCard.findMany({
    where: { status, ...newestFirstAfter(page.after, 'submittedAt') },
    ...newestFirstPage(page, 'submittedAt'),
  });
}
