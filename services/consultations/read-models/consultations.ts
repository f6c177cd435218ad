import type { Db } from '../../../infra/db.ts';
import { newestFirstAfter, newestFirstPage, type PageRequest } from '../../platform/paging.ts';

// Lists of consultations, read from the mirror the workflows write (activities/consultations.ts).

type ConsultationFilter = { conversationId: string } | { participantId: string };

const whereOf = (filter: ConsultationFilter) =>
  'conversationId' in filter
    ? { conversationId: filter.conversationId }
    : { OR: [{ clientId: filter.participantId }, { specialistId: filter.participantId }] };

/** A conversation's consultations, or a participant's, newest first (paged on openedAt). */
export function listConsultations(db: Db, filter: ConsultationFilter, page: PageRequest) {
  return db.consultation.findMany({
    where: { AND: [whereOf(filter), newestFirstAfter(page.after, 'openedAt')] },
    ...newestFirstPage(page, 'openedAt'),
  });
}

export const consultationRow = (db: Db, consultationId: string) => db.consultation.findUniqueOrThrow({ where: { id: consultationId } });

/** CHAT-5: complaints awaiting a decision, the most urgent (earliest decide-by) first. */
export function complaintQueue(db: Db, limit: number) {
  return db.consultation.findMany({
    where: { status: 'in_complaint' },
    orderBy: [{ complaintDecideBy: 'asc' }, { id: 'asc' }],
    take: limit,
  });
}

/** CHAT-6: flagged messages, oldest unreviewed first (or the reviewed ones, newest first). */
export function flagQueue(db: Db, options: { reviewed: boolean; page: PageRequest }) {
  const { reviewed, page } = options;
  return db.consultationFlag.findMany({
    where: { reviewedAt: reviewed ? { not: null } : null, ...newestFirstAfter(page.after) },
    ...newestFirstPage(page),
  });
}

/** Escalations nobody has acknowledged yet, newest first. */
export function openEscalations(db: Db, page: PageRequest) {
  return db.consultationEscalation.findMany({ where: { acknowledgedAt: null, ...newestFirstAfter(page.after) }, ...newestFirstPage(page) });
}
