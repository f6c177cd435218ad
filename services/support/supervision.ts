import { DomainError } from '../../domain/errors.ts';
import type { Db } from '../../infra/db.ts';

// What supervisors (admins) change on the desk: who is on duty for SLA escalations (SUP-3/4)
// and the quality scores of sampled tickets (SUP-7).

/** Puts an admin on duty for [startsAt, endsAt). */
export async function putOnDuty(db: Db, input: { supervisorId: string; startsAt: Date; endsAt: Date }) {
  if (!(input.startsAt < input.endsAt)) {
    throw new DomainError('VALIDATION_FAILED', 'A shift must end after it starts.', [
      { path: 'body.endsAt', message: 'must be after startsAt' },
    ]);
  }
  const supervisor = await db.user.findUnique({ where: { id: input.supervisorId } });
  if (!supervisor || supervisor.role !== 'admin') {
    throw new DomainError('VALIDATION_FAILED', 'Only an admin can be the supervisor on duty.', [
      { path: 'body.supervisorId', message: 'not an admin' },
    ]);
  }
  return db.supportDutyShift.create({ data: { supervisorId: supervisor.id, startsAt: input.startsAt, endsAt: input.endsAt } });
}

export async function removeDutyShift(db: Db, id: string): Promise<void> {
  const { count } = await db.supportDutyShift.deleteMany({ where: { id } });
  if (count === 0) throw new DomainError('NOT_FOUND', 'No such duty shift.');
}

/** SUP-7: a reviewer's score of a sampled ticket; scoring again replaces the score. */
export async function scoreQualityReview(db: Db, id: string, input: { score: number; comment?: string | undefined; reviewerId: string }) {
  const { count } = await db.qualityReview.updateMany({
    where: { id },
    data: { score: input.score, comment: input.comment ?? null, reviewerId: input.reviewerId, reviewedAt: new Date() },
  });
  if (count === 0) throw new DomainError('NOT_FOUND', 'No such quality review.');
  return db.qualityReview.findUniqueOrThrow({ where: { id } });
}
