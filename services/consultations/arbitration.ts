import { decideComplaint, type Actor, type ComplaintDecision } from '../../domain/consultations/contract.ts';
import { postSystemMessage } from '../conversations/messages.ts';
import { sendConsultationCommand } from './commands.ts';
import type { OpeningDeps } from './opening.ts';

// CHAT-5: the administration decides a complaint — reject, full refund or partial refund. A
// refund returns the money to the client's balance (from there PAY-6 takes it to the card).
// The admin's note, when given, is posted in the conversation for both sides to read.

export async function decideComplaintAs(
  deps: OpeningDeps,
  consultationId: string,
  by: Actor,
  decision: { decision: ComplaintDecision; refundAmount?: number | undefined; note?: string | undefined },
  key: string,
) {
  let noteMessageId: string | undefined;
  if (decision.note) {
    const row = await deps.db.consultation.findUniqueOrThrow({ where: { id: consultationId } });
    const posted = await postSystemMessage(deps.db, {
      conversationId: row.conversationId,
      consultationId,
      dedupeKey: `consultation-${consultationId}/complaint-note/${key}`,
      code: 'administration_note',
      params: { note: decision.note },
    });
    noteMessageId = posted.messageId;
  }
  return sendConsultationCommand(deps.db, deps.temporal, consultationId, decideComplaint, {
    by,
    decision: decision.decision,
    ...(decision.refundAmount !== undefined && { refundAmount: decision.refundAmount }),
    ...(noteMessageId !== undefined && { noteMessageId }),
  });
}
