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
