import type { ConsultationState } from '../../domain/consultations/contract.ts';
import { consultationWorkflowId } from '../../domain/consultations/contract.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Db } from '../../infra/db.ts';

// CHAT-5: what the administration decides a complaint on — the transcript, every offer version,
// the payments, the off-platform flags, and the complaint itself. Read-only; admins only (the
// route checks the role). The transcript is the conversation's, up to TRANSCRIPT_LIMIT newest
// messages, because what was said before the first offer (the problem, the scope) is evidence too.

export const TRANSCRIPT_LIMIT = 500;

export async function evidencePack(db: Db, consultationId: string) {
  const row = await db.consultation.findUnique({ where: { id: consultationId } });
  if (!row) throw new DomainError('NOT_FOUND', 'No such consultation.');
  const state = row.state as unknown as ConsultationState | null;
  const newest = await db.conversationMessage.findMany({
    where: { conversationId: row.conversationId },
    orderBy: { seq: 'desc' },
    take: TRANSCRIPT_LIMIT + 1,
  });
  const payments = await db.payment.findMany({
    where: { key: { startsWith: `${consultationWorkflowId(consultationId)}/` } },
    orderBy: { createdAt: 'asc' },
    include: { refunds: true },
  });
  const flags = await db.consultationFlag.findMany({ where: { consultationId }, orderBy: { createdAt: 'asc' } });
  return {
    row,
    state,
    transcript: newest.slice(0, TRANSCRIPT_LIMIT).reverse(),
    transcriptTruncated: newest.length > TRANSCRIPT_LIMIT,
    payments,
    flags,
  };
}
