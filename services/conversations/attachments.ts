import type { Db } from '../../infra/db.ts';
import { isParticipant } from './conversations.ts';

// Who may open a file attached to a chat message (services/platform/files.ts asks): the
// participants of the conversation it was sent in, as far as they can see the message.

interface AttachingMessage {
  visibleTo: string | null;
  flagKinds: string[];
  conversation: { id: string; clientId: string; specialistId: string };
}

/**
 * Why an administrator may open the attachments of a message: clients' affairs are private, so
 * only what the administration handles — CHAT-6 / PAY-7: the message was flagged for review;
 * CHAT-5: a consultation of the conversation is (or was) under complaint.
 */
export async function underAdministrativeReview(db: Db, message: AttachingMessage): Promise<boolean> {
  if (message.flagKinds.length > 0) return true;
  const complained = await db.consultation.count({ where: { conversationId: message.conversation.id, complaintOpenedAt: { not: null } } });
  return complained > 0;
}

/** A file sent in a chat: even an administrator reads it only under review (above). */
export async function isChatAttachment(db: Db, fileId: string): Promise<boolean> {
  return (await db.conversationMessage.count({ where: { fileIds: { has: fileId } } })) > 0;
}

/** True when `reader` may read the file because it was attached to a conversation message they can see. */
export async function canReadAttachment(db: Db, fileId: string, reader: { userId: string; role: string }): Promise<boolean> {
  const messages = await db.conversationMessage.findMany({
    where: { fileIds: { has: fileId } },
    select: { visibleTo: true, flagKinds: true, conversation: { select: { id: true, clientId: true, specialistId: true } } },
  });
  for (const message of messages) {
    if (isParticipant(message.conversation, reader.userId) && (message.visibleTo === null || message.visibleTo === reader.userId))
      return true;
    if (reader.role === 'admin' && (await underAdministrativeReview(db, message))) return true;
  }
  return false;
}
