import type { Db } from '../../../infra/db.ts';
import type { PageRequest } from '../../platform/paging.ts';
import type { ConversationRow } from '../conversations.ts';
import type { MessageRow } from '../messages.ts';
import { unreadCounts } from './unread.ts';

// The cabinet's list of conversations: most recent activity first, each with its last message
// (as its reader sees it) and how many messages they have not read.

export interface ConversationListItem {
  conversation: ConversationRow;
  lastMessage: MessageRow | null;
  unreadCount: number;
}

/** The user's conversations, newest activity first; the page key's `createdAt` is `lastMessageAt`. */
export async function conversationsOf(db: Db, userId: string, page: PageRequest): Promise<ConversationListItem[]> {
  const after = page.after;
  const conversations = await db.conversation.findMany({
    where: {
      AND: [
        { OR: [{ clientId: userId }, { specialistId: userId }] },
        after ? { OR: [{ lastMessageAt: { lt: after.createdAt } }, { lastMessageAt: after.createdAt, id: { lt: after.id } }] } : {},
      ],
    },
    orderBy: [{ lastMessageAt: 'desc' }, { id: 'desc' }],
    take: page.limit + 1,
  });
  const ids = conversations.map((conversation) => conversation.id);
  const [last, unread] = await Promise.all([lastMessages(db, ids, userId), unreadCounts(db, userId, ids)]);
  return conversations.map((conversation) => ({
    conversation,
    lastMessage: last.get(conversation.id) ?? null,
    unreadCount: unread.get(conversation.id) ?? 0,
  }));
}

/** One conversation as `viewerId` sees it (null: an administrator, who has nothing unread). */
export async function conversationItem(db: Db, conversation: ConversationRow, viewerId: string | null): Promise<ConversationListItem> {
  const [last, unread] = await Promise.all([
    lastMessages(db, [conversation.id], viewerId),
    viewerId === null ? new Map<string, number>() : unreadCounts(db, viewerId, [conversation.id]),
  ]);
  return { conversation, lastMessage: last.get(conversation.id) ?? null, unreadCount: unread.get(conversation.id) ?? 0 };
}

/** The last message of each conversation that `viewerId` can see (null: an administrator, who sees all). */
export async function lastMessages(db: Db, conversationIds: readonly string[], viewerId: string | null): Promise<Map<string, MessageRow>> {
  if (conversationIds.length === 0) return new Map();
  const latest = await db.$queryRaw<{ seq: bigint }[]>`
    SELECT DISTINCT ON (conversation_id) seq FROM conversation_messages
     WHERE conversation_id = ANY(${[...conversationIds]}::uuid[])
       AND (${viewerId}::uuid IS NULL OR visible_to IS NULL OR visible_to = ${viewerId}::uuid)
     ORDER BY conversation_id, seq DESC`;
  const rows = await db.conversationMessage.findMany({ where: { seq: { in: latest.map((row) => row.seq) } } });
  return new Map(rows.map((row) => [row.conversationId, row]));
}

/** Each participant's read marker in the conversation. */
export function readMarkersOf(db: Db, conversationId: string) {
  return db.conversationReadMarker.findMany({ where: { conversationId }, select: { userId: true, lastReadSeq: true } });
}

/** The two participants of a conversation (for waking a user's live stream), or none if it does not exist. */
export async function participantsOf(db: Db, conversationId: string): Promise<string[]> {
  const conversation = await db.conversation.findUnique({ where: { id: conversationId }, select: { clientId: true, specialistId: true } });
  return conversation ? [conversation.clientId, conversation.specialistId] : [];
}
