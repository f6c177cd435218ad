import { Prisma } from '../../../generated/prisma/client.ts';
import type { Db } from '../../../infra/db.ts';

// Unread: messages after the user's read marker that they can see and did not send themselves
// (system messages count).

/** Unread counts per conversation of the user (only those with any); `onlyIn` limits it to some conversations. */
export async function unreadCounts(db: Db, userId: string, onlyIn?: readonly string[]): Promise<Map<string, number>> {
  if (onlyIn?.length === 0) return new Map();
  const limit = onlyIn === undefined ? Prisma.empty : Prisma.sql`AND c.id = ANY(${[...onlyIn]}::uuid[])`;
  const rows = await db.$queryRaw<{ conversation_id: string; unread: number }[]>`
    SELECT c.id AS conversation_id, count(*)::int AS unread
      FROM conversations c
      JOIN conversation_messages m ON m.conversation_id = c.id
      LEFT JOIN conversation_read_markers r ON r.conversation_id = c.id AND r.user_id = ${userId}::uuid
     WHERE (c.client_id = ${userId}::uuid OR c.specialist_id = ${userId}::uuid) ${limit}
       AND m.seq > COALESCE(r.last_read_seq, 0)
       AND (m.sender_id IS NULL OR m.sender_id <> ${userId}::uuid)
       AND (m.visible_to IS NULL OR m.visible_to = ${userId}::uuid)
     GROUP BY c.id`;
  return new Map(rows.map((row) => [row.conversation_id, row.unread]));
}

/** The user's unread messages across all their conversations (the cabinet's badge). */
export async function totalUnread(db: Db, userId: string): Promise<number> {
  let total = 0;
  for (const count of (await unreadCounts(db, userId)).values()) total += count;
  return total;
}
