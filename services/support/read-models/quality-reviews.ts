import type { Db } from '../../../infra/db.ts';
import { newestFirstAfter, newestFirstPage, type PageRequest } from '../../platform/paging.ts';

/** A review still waits for its score, or has one. */
export const QUALITY_REVIEW_STATES = ['pending', 'reviewed'] as const;
export type QualityReviewState = (typeof QUALITY_REVIEW_STATES)[number];

/** SUP-7: the sampled tickets still to score (or already scored), newest first, with their ticket. */
export function qualityReviews(db: Db, state: QualityReviewState, page: PageRequest) {
  return db.qualityReview.findMany({
    where: { reviewedAt: state === 'pending' ? null : { not: null }, ...newestFirstAfter(page.after) },
    include: { ticket: { select: { number: true, channel: true } } },
    ...newestFirstPage(page),
  });
}
