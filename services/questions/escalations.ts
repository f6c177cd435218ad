import { DomainError } from '../../domain/errors.ts';
import type { Db } from '../../infra/db.ts';

// The administration's queue of question escalations (moderation overdue QA-1, a missed promised
// date QA-10, arbitration overdue QA-9): an admin acknowledges one once it is in hand.
export async function acknowledgeQuestionEscalation(db: Db, id: string, adminId: string) {
  await db.questionEscalation.updateMany({
    where: { id, acknowledgedAt: null },
    data: { acknowledgedAt: new Date(), acknowledgedById: adminId },
  });
  const row = await db.questionEscalation.findUnique({ where: { id } });
  if (!row) throw new DomainError('NOT_FOUND', 'No such escalation.');
  return row;
}
