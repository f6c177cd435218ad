import { z } from 'zod';
import { CursorInstant, readCursor } from '../../pagination.ts';
import type { QueueKey } from '../../../services/support/read-models/tickets.ts';
import { Uuid } from '../../schemas.ts';

// Keyset pagination for the support queue, ordered by (next deadline ascending, nulls last, id).
// The shared helper in pagination.ts pages newest-first by creation; the queue needs urgency.

export function decodeQueueCursor(cursor: string | undefined): QueueKey | undefined {
  if (cursor === undefined) return undefined;
  const [deadline, id] = readCursor(cursor, z.tuple([CursorInstant.nullable(), Uuid]));
  return { deadline, id };
}

/** Call with `limit + 1` rows fetched: the extra row only tells whether another page exists. */
export function queueNextCursor(rows: { id: string; nextDeadlineAt: Date | null }[], limit: number): string | null {
  const last = rows.slice(0, limit).at(-1);
  if (rows.length <= limit || !last) return null;
  return Buffer.from(JSON.stringify([last.nextDeadlineAt?.toISOString() ?? null, last.id])).toString('base64url');
}
