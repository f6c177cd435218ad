import type { Db } from '../../../infra/db.ts';
import { newestFirstAfter, newestFirstPage, type PageRequest } from '../../platform/paging.ts';

/** SUP-7: the sampled tickets still to score (or already scored), newest first, with their ticket. */
export function qualityReviews(db: Db, state: 'pending' | 'reviewed', page: PageRequest) {
  return db.qualityReview.findMany({
    where: { reviewedAt: state === 'pending' ? null : { not: null }, ...newestFirstAfter(page.after) },
    include: { ticket: { select: { number: true, channel: true } } },
    ...newestFirstPage(page),
  });
}
