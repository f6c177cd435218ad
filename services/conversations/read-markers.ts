import type { Db } from '../../infra/db.ts';
import { unreadCounts } from './read-models/unread.ts';

// Each participant's read marker: the seq of the last message they have read. It never moves
// backwards (a late request from another tab cannot un-read), and never past the conversation's
// last message.

/** Marks the participant's messages up to `upToSeq` read; answers where the marker stands and what is still unread. */
export async function markRead(
  db: Db,
  input: { conversationId: string; userId: string; upToSeq: bigint },
): Promise<{ lastReadSeq: bigint; unreadCount: number }> {
  const latest = await db.conversationMessage.aggregate({ where: { conversationId: input.conversationId }, _max: { seq: true } });
  const last = latest._max.seq ?? 0n;
  const upTo = input.upToSeq < last ? input.upToSeq : last;
  const [marker] = await db.$queryRaw<{ last_read_seq: bigint }[]>`
    INSERT INTO conversation_read_markers (conversation_id, user_id, last_read_seq, updated_at)
    VALUES (${input.conversationId}::uuid, ${input.userId}::uuid, ${upTo}, now())
    ON CONFLICT (conversation_id, user_id) DO UPDATE
      SET last_read_seq = GREATEST(conversation_read_markers.last_read_seq, EXCLUDED.last_read_seq), updated_at = now()
    RETURNING last_read_seq`;
  const unread = await unreadCounts(db, input.userId, [input.conversationId]);
  return { lastReadSeq: marker!.last_read_seq, unreadCount: unread.get(input.conversationId) ?? 0 };
}
