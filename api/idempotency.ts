import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../domain/errors.ts';
import type { Db } from '../infra/db.ts';

// `Idempotency-Key` on POSTs that create something: the first response is stored and
// replayed for retries; the same key with a different body is refused. A claim is a lease:
// while the first request runs (and has not outlived IDEMPOTENCY_LEASE_MS) a retry gets 409
// with Retry-After; once the lease has run out the request that held it is taken for dead and
// the retry takes the claim over and runs the request again, which is safe because every
// handler behind a key is idempotent on its business key (the order, card or verification id
// derives from the key). A refused attempt releases the key; one that failed on a dependency
// (503) keeps it bound to its body with the lease ended.

export const IDEMPOTENCY_LEASE_MS = 30_000;

export const hashBody = (body: unknown): string =>
  createHash('sha256')
    .update(JSON.stringify(body ?? null))
    .digest('hex');

const keyReused = () => new DomainError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different request body.');

type RecordId = { scope: string; key: string };
type StoredRecord = NonNullable<Awaited<ReturnType<Db['idempotencyRecord']['findUnique']>>>;

/** The caller and their Idempotency-Key, for services that derive a row's id from them. */
export function idempotencyOf(request: FastifyRequest): { by: string; key: string } | undefined {
  const key = request.headers['idempotency-key'];
  return typeof key === 'string' && key.length > 0 ? { by: request.auth?.userId ?? 'anonymous', key } : undefined;
}

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
  const id = { scope: `${request.auth?.userId ?? 'anonymous'} ${request.method} ${request.url.split('?')[0]}`, key };
  const claim = await claimOrFind(db, id, options.requestHash);
  if ('record' in claim) {
    reply.code(claim.record.statusCode!).header('idempotent-replayed', 'true');
    return { body: claim.record.responseBody as T, replayed: true };
  }
  const held = { scope_key: id };
  try {
    const body = await produce();
    await db.idempotencyRecord.update({
      where: held,
      data: { statusCode: options.status, responseBody: body as object, completedAt: new Date() },
    });
    reply.code(options.status);
    return { body, replayed: false };
  } catch (error) {
    // Only while this attempt still holds the lease: a retry may have taken it over meanwhile.
    const ours = { ...id, completedAt: null, lockedUntil: claim.lockedUntil };
    if (error instanceof DomainError && error.code === 'DEPENDENCY_UNAVAILABLE') {
      // A dependency failed after the request may have written its row (an order, card or
      // verification left start-pending): the key stays bound to this body, so a retry with
      // another body is refused (422) instead of silently getting the first one's resource,
      // and the lease ends now so the same body may retry at once.
      await db.idempotencyRecord.updateMany({ where: ours, data: { lockedUntil: new Date() } }).catch(() => undefined);
    } else {
      // A refusal (4xx) wrote nothing: the key is free for a corrected request.
      await db.idempotencyRecord.deleteMany({ where: ours }).catch(() => undefined);
    }
    throw error;
  }
}

/** Claims the key (afresh, or taken over from a holder whose lease ran out), or finds its stored response. */
async function claimOrFind(db: Db, id: RecordId, requestHash: string): Promise<{ lockedUntil: Date } | { record: StoredRecord }> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const now = Date.now();
    const lockedUntil = new Date(now + IDEMPOTENCY_LEASE_MS);
    const created = await db.idempotencyRecord.createMany({ data: [{ ...id, requestHash, lockedUntil }], skipDuplicates: true });
    if (created.count === 1) return { lockedUntil };
    const record = await db.idempotencyRecord.findUnique({ where: { scope_key: id } });
    if (!record) continue; // released by a failed attempt just now: claim it afresh
    if (record.requestHash !== requestHash) throw keyReused();
    if (record.completedAt !== null && record.statusCode !== null) return { record };
    if (record.lockedUntil.getTime() > now) throw inProgress(record.lockedUntil.getTime() - now);
    // The holder's lease ran out: it died. Take over, unless another retry has just done so.
    const taken = await db.idempotencyRecord.updateMany({
      where: { ...id, completedAt: null, lockedUntil: record.lockedUntil },
      data: { lockedUntil },
    });
    if (taken.count === 1) return { lockedUntil };
  }
  throw inProgress(IDEMPOTENCY_LEASE_MS);
}

function inProgress(remainingMs: number): DomainError {
  const error = new DomainError('IDEMPOTENCY_REQUEST_IN_PROGRESS', 'A request with this Idempotency-Key is still being processed.');
  error.retryAfterSeconds = Math.max(1, Math.ceil(remainingMs / 1000));
  return error;
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

/** Undoes `refuseReusedKey` for a request refused before it registered anything: the key is free for a corrected body. */
export async function releaseReusedKey(db: Db, id: { scope: string; key: string; requestHash: string }): Promise<void> {
  await db.idempotencyRecord.deleteMany({ where: { scope: id.scope, key: id.key, requestHash: id.requestHash, completedAt: null } });
}
