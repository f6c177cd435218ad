import { createHash } from 'node:crypto';

/**
 * A UUID derived from a name: the same name always gives the same id, so a retried request
 * (user + Idempotency-Key) finds the row its first attempt saved, and a retried activity the
 * file it stored the first time.
 */
export function nameBasedUuid(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Inserts a row whose id derives from a name; when a concurrent twin of the same request won
 * the insert (a retry that took over an outlived Idempotency-Key lease), returns the twin's
 * row instead of failing on the unique key (which would surface as a 500).
 */
export async function createOnce<T>(create: () => Promise<T>, findTwin: () => Promise<T | null>): Promise<T> {
  try {
    return await create();
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'P2002') throw error;
    const twin = await findTwin();
    if (twin === null) throw error;
    return twin;
  }
}
