import type { Db } from '../../infra/db.ts';
import { isParticipant } from './conversations.ts';

// Who may open a file attached to a chat message (services/platform/files.ts asks): the
// participants of the conversation it was sent in, as far as they can see the message.

interface AttachingMessage {
  visibleTo: string | null;
  flagKinds: string[];
  conversation: { clientId: string; specialistId: string };
}

/**
 * The extension point for the administration: why an administrator may open the attachments of
 * a message. CHAT-6 / PAY-7: the message was flagged for review. (CHAT-5 complaints add theirs here.)
 */
export const underAdministrativeReview = (message: AttachingMessage): boolean => message.flagKinds.length > 0;

/** True when `reader` may read the file because it was attached to a conversation message they can see. */
export async function canReadAttachment(db: Db, fileId: string, reader: { userId: string; role: string }): Promise<boolean> {
  const messages = await db.conversationMessage.findMany({
    where: { fileIds: { has: fileId } },
    select: { visibleTo: true, flagKinds: true, conversation: { select: { clientId: true, specialistId: true } } },
  });
  return messages.some(
    (message) =>
      (isParticipant(message.conversation, reader.userId) && (message.visibleTo === null || message.visibleTo === reader.userId)) ||
      (reader.role === 'admin' && underAdministrativeReview(message)),
  );
}
