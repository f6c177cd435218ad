import { DomainError } from '../domain/errors.ts';

// Keyset pagination for the support queue, ordered by (next deadline ascending, nulls last, id).
// The shared helper in pagination.ts pages newest-first by creation; the queue needs urgency.

interface QueueKey {
  deadline: Date | null;
  id: string;
}

export function decodeQueueCursor(cursor: string | undefined): QueueKey | undefined {
  if (cursor === undefined) return undefined;
  try {
    const [deadline, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string | null, string];
    const date = deadline === null ? null : new Date(deadline);
    if ((date && Number.isNaN(date.getTime())) || typeof id !== 'string') throw new Error('bad cursor');
    return { deadline: date, id };
  } catch {
    throw new DomainError('VALIDATION_FAILED', 'The cursor is not valid.', [{ path: 'cursor', message: 'malformed' }]);
  }
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
