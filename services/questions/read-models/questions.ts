import type { Prisma } from '../../../generated/prisma/client.ts';
import type { QuestionTopic } from '../../../domain/questions/topics.ts';
import type { Db } from '../../../infra/db.ts';
import { newestFirstAfter, newestFirstPage, type PageRequest } from '../../platform/paging.ts';

// Lists of questions, read from the mirror the workflows write (activities/questions.ts).

// The public list (QA-1, QA-3): questions the administration published that still take bids or
// are being answered; a deleted, returned or lapsed one leaves it.
const LISTED_STATUSES = ['published', 'in_work', 'overdue', 'awaiting_payment', 'answered', 'in_complaint', 'closed'];

/**
 * The public list, newest published first: optionally one topic, and text found (any case) in the
 * title or the question's text.
 */
export function publicQuestions(db: Db, filter: { topic?: QuestionTopic | undefined; q?: string | undefined }, page: PageRequest) {
  const where: Prisma.QuestionWhereInput = {
    status: { in: LISTED_STATUSES },
    publishedAt: { not: null },
    ...(filter.topic && { topic: filter.topic }),
    ...(filter.q && {
      OR: [{ title: { contains: filter.q, mode: 'insensitive' } }, { text: { contains: filter.q, mode: 'insensitive' } }],
    }),
  };
  return db.question.findMany({
    where: { AND: [where, newestFirstAfter(page.after, 'publishedAt')] },
    ...newestFirstPage(page, 'publishedAt'),
  });
}

/** A client's own questions, newest first. */
export function clientQuestions(db: Db, clientId: string, page: PageRequest) {
  return db.question.findMany({ where: { clientId, ...newestFirstAfter(page.after) }, ...newestFirstPage(page) });
}

/** Questions a specialist was chosen for (the latest round's specialist), newest first. */
export function specialistQuestions(db: Db, specialistId: string, page: PageRequest) {
  return db.question.findMany({ where: { chosenSpecialistId: specialistId, ...newestFirstAfter(page.after) }, ...newestFirstPage(page) });
}

/** QA-1, QA-2: the moderation queue — questions awaiting the administration, the earliest deadline first. */
export function moderationQueue(db: Db, limit: number) {
  return db.question.findMany({
    where: { status: 'in_moderation', workflowStartPendingSince: null },
    orderBy: [{ nextDeadlineAt: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }],
    take: limit,
  });
}

/** QA-9: questions with a complaint awaiting a decision, the earliest deadline first. */
export function complaintQueue(db: Db, limit: number) {
  return db.question.findMany({
    where: { status: 'in_complaint' },
    orderBy: [{ nextDeadlineAt: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
    take: limit,
  });
}

/** Escalations (moderation overdue, a missed promised date, arbitration overdue) nobody acknowledged, newest first. */
export function openQuestionEscalations(db: Db, page: PageRequest) {
  return db.questionEscalation.findMany({ where: { acknowledgedAt: null, ...newestFirstAfter(page.after) }, ...newestFirstPage(page) });
}

/** QA-8: the ratings of a specialist's answers with their comments, newest first (shown on the profile). */
export function answerRatingsOf(db: Db, specialistId: string, limit: number) {
  return db.questionRating.findMany({ where: { specialistId }, orderBy: [{ createdAt: 'desc' }, { questionId: 'desc' }], take: limit });
}
