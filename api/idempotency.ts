import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../domain/errors.ts';
import type { Db } from '../infra/db.ts';

// `Idempotency-Key` on POSTs that create something: the first response is stored and
// replayed for retries; the same key with a different body is refused; a retry while the
// first request still runs gets 409. A failed first attempt releases the key.

export const hashBody = (body: unknown): string =>
  createHash('sha256').update(JSON.stringify(body ?? null)).digest('hex');

const keyReused = () => new DomainError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different request body.');

export async function idempotent<T>(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  options: { status: number; requestHash: string },
  produce: () => Promise<T>,
): Promise<{ body: T; replayed: boolean }> {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || key.length === 0) {
    reply.code(options.status);
    return { body: await produce(), replayed: false };
  }
  const scope = `${request.auth?.userId ?? 'anonymous'} ${request.method} ${request.url.split('?')[0]}`;
  const claimed = await db.idempotencyRecord.createMany({
    data: [{ scope, key, requestHash: options.requestHash }],
    skipDuplicates: true,
  });
  if (claimed.count === 0) return replay<T>(db, reply, { scope, key, requestHash: options.requestHash });
  try {
    const body = await produce();
    await db.idempotencyRecord.update({
      where: { scope_key: { scope, key } },
      data: { statusCode: options.status, responseBody: body as object, completedAt: new Date() },
    });
    reply.code(options.status);
    return { body, replayed: false };
  } catch (error) {
    await db.idempotencyRecord.delete({ where: { scope_key: { scope, key } } }).catch(() => undefined);
    throw error;
  }
}

async function replay<T>(db: Db, reply: FastifyReply, id: { scope: string; key: string; requestHash: string }) {
  const record = await db.idempotencyRecord.findUnique({ where: { scope_key: { scope: id.scope, key: id.key } } });
  if (!record) throw new DomainError('IDEMPOTENCY_REQUEST_IN_PROGRESS', 'A request with this Idempotency-Key just failed; retry.');
  if (record.requestHash !== id.requestHash) throw keyReused();
  if (record.completedAt === null || record.statusCode === null) {
    throw new DomainError('IDEMPOTENCY_REQUEST_IN_PROGRESS', 'A request with this Idempotency-Key is still being processed.');
  }
  reply.code(record.statusCode).header('idempotent-replayed', 'true');
  return { body: record.responseBody as T, replayed: true };
}

/**
 * For a route whose retries are already made harmless by its own key (the support web form
 * registers a message once by its id) but which must still refuse the same key with another
 * body, as `idempotent` does: otherwise the second text is answered "duplicate" and lost.
 * The key's first body is remembered; a concurrent second body loses the insert and is refused.
 */
export async function refuseReusedKey(db: Db, id: { scope: string; key: string; requestHash: string }): Promise<void> {
  await db.idempotencyRecord.createMany({ data: [id], skipDuplicates: true });
  const record = await db.idempotencyRecord.findUnique({ where: { scope_key: { scope: id.scope, key: id.key } } });
  if (record !== null && record.requestHash !== id.requestHash) throw keyReused();
}
