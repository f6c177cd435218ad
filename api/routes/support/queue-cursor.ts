import { z } from 'zod';
import { CursorInstant, readCursor } from '../../pagination.ts';
import { Uuid } from '../../schemas.ts';

// Keyset pagination for the support queue, ordered by (next deadline ascending, nulls last, id).
// The shared helper in pagination.ts pages newest-first by creation; the queue needs urgency.

interface QueueKey {
  deadline: Date | null;
  id: string;
}

export function decodeQueueCursor(cursor: string | undefined): QueueKey | undefined {
  if (cursor === undefined) return undefined;
  const [deadline, id] = readCursor(cursor, z.tuple([CursorInstant.nullable(), Uuid]));
  return { deadline, id };
}

/** Prisma `where` fragment for the rows after `key` in queue order. */
export function queueCursorFilter(key: QueueKey | undefined) {
  if (!key) return {};
  if (key.deadline === null) return { nextDeadlineAt: null, id: { gt: key.id } };
  return {
    OR: [
      { nextDeadlineAt: { gt: key.deadline } },
      { nextDeadlineAt: key.deadline, id: { gt: key.id } },
      { nextDeadlineAt: null },
    ],
  };
}

/** Call with `limit + 1` rows fetched: the extra row only tells whether another page exists. */
export function queueNextCursor(rows: { id: string; nextDeadlineAt: Date | null }[], limit: number): string | null {
  const last = rows.slice(0, limit).at(-1);
  if (rows.length <= limit || !last) return null;
  return Buffer.from(JSON.stringify([last.nextDeadlineAt?.toISOString() ?? null, last.id])).toString('base64url');
}
