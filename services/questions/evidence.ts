import { DomainError } from '../../domain/errors.ts';
import { questionWorkflowId, type QuestionState } from '../../domain/questions/contract.ts';
import type { Db } from '../../infra/db.ts';

// QA-9: what the administration decides a complaint on — the same pack as a consultation's
// (CHAT-5): the question and its whole history (moderation, clarifications, bid explanations, the
// complaint's reason), every answer in full with its digest, the payments as the acquirer recorded
// them. Read-only; admins only (the route checks the role). Opening it does not open the answer
// files: the files API lets an admin read a full answer's files once it is under complaint.

export async function questionEvidencePack(db: Db, questionId: string) {
  const row = await db.question.findUnique({ where: { id: questionId } });
  if (!row) throw new DomainError('NOT_FOUND', 'No such question.');
  const [history, answers, payments, ratings] = await Promise.all([
    db.questionEntry.findMany({ where: { questionId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    db.questionAnswer.findMany({ where: { questionId }, orderBy: { round: 'asc' } }),
    db.payment.findMany({
      where: { key: { startsWith: `${questionWorkflowId(questionId)}/` } },
      orderBy: { createdAt: 'asc' },
      include: { refunds: true },
    }),
    db.questionRating.findMany({ where: { questionId }, orderBy: { round: 'asc' } }),
  ]);
  return { row, state: row.state as unknown as QuestionState | null, history, answers, payments, ratings };
}
