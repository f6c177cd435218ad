import { z } from 'zod';
import { DomainError } from '../domain/errors.ts';
import type { PageKey, PageRequest } from '../services/platform/paging.ts';
import { Uuid } from './schemas.ts';

// Keyset ("cursor") pagination over (createdAt, id), newest first: stable under inserts,
// unlike offsets. The cursor is opaque to clients.

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

// An instant as cursors carry it. Year 0 parses in JavaScript but PostgreSQL has no year 0.
export const CursorInstant = z.iso
  .datetime()
  .transform((value) => new Date(value))
  .pipe(z.date().min(new Date('0001-01-01T00:00:00Z')));

/**
 * Reads a cursor this API made: base64url JSON of `shape`. Anything else — a hand-edited or
 * truncated cursor, an id that is not a UUID — is the client's error (400), never a query
 * that fails in the database.
 */
export function readCursor<T extends z.ZodType>(cursor: string, shape: T): z.infer<T> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const result = shape.safeParse(parsed);
  if (!result.success) {
    throw new DomainError('VALIDATION_FAILED', 'The cursor is not valid.', [{ path: 'cursor', message: 'malformed' }]);
  }
  return result.data;
}

export function decodeCursor(cursor: string | undefined): PageKey | undefined {
  if (cursor === undefined) return undefined;
  const [createdAt, id] = readCursor(cursor, z.tuple([CursorInstant, Uuid]));
  return { createdAt, id };
}

/** The page a list query asks a read model for. */
export function pageRequest(query: { limit: number; cursor?: string | undefined }): PageRequest {
  return { limit: query.limit, after: decodeCursor(query.cursor) };
}

// Call with `limit + 1` rows fetched: the extra row only tells whether another page exists.
export function toPage<Row extends { id: string }, View>(
  rows: Row[],
  limit: number,
  keyOf: (row: Row) => Date,
  view: (row: Row) => View,
): { items: View[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last ? Buffer.from(JSON.stringify([keyOf(last).toISOString(), last.id])).toString('base64url') : null;
  return { items: page.map(view), nextCursor };
}
