import { consultationWorkflowId, messageFlagged } from '../../domain/consultations/contract.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Db } from '../../infra/db.ts';
import { postMessage } from '../conversations/messages.ts';
import { signalProcess } from '../platform/temporal/gateway.ts';
import { CONSULTATION_FAILURES } from './commands.ts';
import { activeConsultation, type OpeningDeps } from './opening.ts';

// CHAT-6 / PAY-7: a message the detector flagged is delivered, marked, and queued for the
// administration with its context; its sender gets a nudge in the chat and repeated flags
// escalate. The counting, the nudge and the escalation are the consultation workflow's (pure
// core, domain/consultations/core/flags.ts); this tells it. A conversation without a running
// consultation gets one (the flag belongs to the conversation's current business with money).

export interface FlaggedMessage {
  id: string;
  conversationId: string;
  senderId: string;
  flagKinds: string[];
  createdAt: Date;
}

export async function reportFlaggedMessage(deps: OpeningDeps & { log?: (error: unknown) => void }, message: FlaggedMessage): Promise<void> {
  if (message.flagKinds.length === 0) return;
  const flag = { messageId: message.id, senderId: message.senderId, kinds: message.flagKinds, sentAt: message.createdAt.getTime() };
  let consultationId: string | undefined;
  try {
    consultationId = await activeConsultation(deps, message.conversationId, message.senderId);
    await signalProcess(deps.temporal, consultationWorkflowId(consultationId), messageFlagged, [flag], CONSULTATION_FAILURES);
  } catch (error) {
    // The message is stored and marked whatever happens: it must still reach the administration's
    // queue (without the nudge, which needs the workflow) — on the consultation row if one exists.
    deps.log?.(error);
    consultationId ??= (
      await deps.db.consultation.findFirst({ where: { conversationId: message.conversationId }, orderBy: { seq: 'desc' } })
    )?.id;
    if (consultationId === undefined) return;
    const { messageId, senderId, kinds } = flag;
    await deps.db.consultationFlag.createMany({
      data: [{ dedupeKey: `message-${message.id}`, consultationId, conversationId: message.conversationId, messageId, senderId, kinds }],
      skipDuplicates: true,
    });
  }
}

/**
 * A participant's message, stored and delivered, then — if the detector marked it — reported to
 * the conversation's consultation (CHAT-6). Every participant text goes through here: chat
 * messages, offer summaries and complaint reasons alike.
 */
export async function sendParticipantMessage(
  deps: OpeningDeps & { log?: (error: unknown) => void },
  input: Parameters<typeof postMessage>[1],
) {
  const message = await postMessage(deps.db, input);
  if (message.flagKinds.length > 0 && message.senderId) {
    await reportFlaggedMessage(deps, { ...message, senderId: message.senderId });
  }
  return message;
}

export const FLAG_REVIEW_OUTCOMES = ['dismissed', 'confirmed'] as const;
export type FlagReviewOutcome = (typeof FLAG_REVIEW_OUTCOMES)[number];

/** An admin's verdict on a flag: not a violation (dismissed) or a PAY-7 breach (confirmed). Once. */
export async function reviewFlag(db: Db, flagId: string, adminId: string, outcome: FlagReviewOutcome, note: string | undefined) {
  const { count } = await db.consultationFlag.updateMany({
    where: { id: flagId, reviewedAt: null },
    data: { reviewedAt: new Date(), reviewedById: adminId, reviewOutcome: outcome, reviewNote: note ?? null },
  });
  const flag = await db.consultationFlag.findUnique({ where: { id: flagId } });
  if (!flag) throw new DomainError('NOT_FOUND', 'No such flag.');
  if (count === 0 && (flag.reviewOutcome !== outcome || flag.reviewedById !== adminId)) {
    throw new DomainError('CONSULTATION_STATE_CONFLICT', `The flag was already reviewed (${flag.reviewOutcome ?? ''}).`);
  }
  return flag;
}

/** An admin acknowledges an escalation (it leaves the open queue). */
export async function acknowledgeEscalation(db: Db, id: string, adminId: string) {
  await db.consultationEscalation.updateMany({
    where: { id, acknowledgedAt: null },
    data: { acknowledgedAt: new Date(), acknowledgedById: adminId },
  });
  const row = await db.consultationEscalation.findUnique({ where: { id } });
  if (!row) throw new DomainError('NOT_FOUND', 'No such escalation.');
  return row;
}
