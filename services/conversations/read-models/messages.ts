import type { Db } from '../../../infra/db.ts';
import type { MessageRow } from '../messages.ts';

// A conversation's messages by seq, the cursor of both the history and the live stream. Seq
// order is commit order (migration `conversation_live_feed`), so "after the last one I have"
// never skips a message that committed late.

/** Whom the messages are read for: a participant sees those visible to them; null (an administrator) sees all. */
const visibleTo = (viewerId: string | null) => (viewerId === null ? {} : { OR: [{ visibleTo: null }, { visibleTo: viewerId }] });

export interface MessagePage {
  limit: number;
  /** Older than this seq, newest first (scrolling back through the history). */
  before?: bigint | undefined;
  /** Newer than this seq, oldest first (catching up); wins over `before`. */
  after?: bigint | undefined;
}

/** One page of a conversation's history: `limit + 1` rows, so the caller can tell whether more exist. */
export function messagePage(db: Db, conversationId: string, viewerId: string | null, page: MessagePage): Promise<MessageRow[]> {
  const where = { conversationId, ...visibleTo(viewerId) };
  if (page.after !== undefined) {
    return db.conversationMessage.findMany({ where: { ...where, seq: { gt: page.after } }, orderBy: { seq: 'asc' }, take: page.limit + 1 });
  }
  return db.conversationMessage.findMany({
    where: { ...where, ...(page.before !== undefined && { seq: { lt: page.before } }) },
    orderBy: { seq: 'desc' },
    take: page.limit + 1,
  });
}

/** A conversation's messages `viewerId` can see, after a seq, oldest first (the conversation's live stream). */
export function conversationMessagesAfter(db: Db, conversationId: string, viewerId: string | null, after: bigint, limit: number) {
  return db.conversationMessage.findMany({
    where: { conversationId, seq: { gt: after }, ...visibleTo(viewerId) },
    orderBy: { seq: 'asc' },
    take: limit,
  });
}

/** Every conversation's messages the user can see, after a seq, oldest first (the cabinet's live stream). */
export function userMessagesAfter(db: Db, userId: string, after: bigint, limit: number): Promise<MessageRow[]> {
  return db.conversationMessage.findMany({
    where: { seq: { gt: after }, conversation: { OR: [{ clientId: userId }, { specialistId: userId }] }, ...visibleTo(userId) },
    orderBy: { seq: 'asc' },
    take: limit,
  });
}

/** The last seq so far (of one conversation, or of all): a new live stream starts after it. */
export async function latestSeq(db: Db, conversationId?: string): Promise<bigint> {
  const latest = await db.conversationMessage.aggregate({ where: conversationId ? { conversationId } : {}, _max: { seq: true } });
  return latest._max.seq ?? 0n;
}
