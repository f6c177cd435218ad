import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromFile } from 'file-type';
import { DomainError } from '../../domain/errors.ts';
import { FINAL_STATUSES, type OrderStatus } from '../../domain/orders/model.ts';
import type { Db } from '../../infra/db.ts';
import { canReadAttachment, isChatAttachment } from '../conversations/attachments.ts';
import { isFullAnswerFile, questionFileAccess } from '../questions/answers.ts';
import { isVettedSpecialist } from '../specialists/vetting.ts';
import type { FileStorage } from './storage.ts';

// Uploads: documents for verification (ACC-4) and orders, works for a portfolio (ACC-7). The type is decided by the file's
// own bytes, not by its name or the browser's claim, so a renamed executable is refused.
export const ALLOWED_MEDIA_TYPES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG image',
  'image/jpeg': 'JPEG image',
  'image/webp': 'WebP image',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document (.docx)',
  'application/x-cfb': 'Word 97–2003 document (.doc)',
};

export interface IncomingFile {
  filename: string;
  stream: Readable & { truncated?: boolean };
}

// The name the browser sent, for display only. Control characters are dropped: U+0000 cannot
// be stored in PostgreSQL text (an upload named "a%00b.pdf" was a 500) and none belongs in a name.
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;
const displayName = (filename: string) => filename.replace(CONTROL_CHARACTERS, '').slice(0, 255) || 'upload';

export async function saveUpload(db: Db, storage: FileStorage, ownerId: string, file: IncomingFile, maxBytes: number) {
  const id = randomUUID();
  const temp = storage.tempPath(id);
  await mkdir(dirname(temp), { recursive: true });
  const digest = createHash('sha256');
  let size = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      digest.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(file.stream, measure, createWriteStream(temp));
    if (file.stream.truncated || size > maxBytes) {
      throw new DomainError('FILE_TOO_LARGE', `Files may be at most ${maxBytes} bytes.`);
    }
    if (size === 0) throw new DomainError('VALIDATION_FAILED', 'The file is empty.', [{ path: 'file', message: 'empty' }]);
    const detected = await fileTypeFromFile(temp);
    if (!detected || !(detected.mime in ALLOWED_MEDIA_TYPES)) {
      throw new DomainError('FILE_TYPE_NOT_ALLOWED', `Allowed file types: ${Object.values(ALLOWED_MEDIA_TYPES).join(', ')}.`);
    }
    const storageKey = `${new Date().toISOString().slice(0, 7)}/${id}`;
    await storage.adopt(temp, storageKey);
    return await db.storedFile.create({
      data: {
        id,
        ownerId,
        originalName: displayName(file.filename),
        mediaType: detected.mime,
        sizeBytes: size,
        sha256: digest.digest('hex'),
        storageKey,
      },
    });
  } finally {
    await rm(temp, { force: true });
  }
}

type Reader = { userId: string; role: string };
/** The lawyer an order's workflow has now (services/order-commands.ts), or null if it does not answer. */
type LiveLawyerOf = (orderId: string) => Promise<string | null>;

// Owners and admins may read a file, and so may both parties of an order it belongs to (the
// lawyer reads the client's documents; the client downloads the result, EL-DONE-1) and the
// participants of a conversation it was attached in (services/conversations/attachments.ts), and
// the people a question's files are for (services/questions/answers.ts: a full answer's files open
// to the client only once paid, QA-6 — not even the administration reads them before a complaint).
export async function findReadableFile(db: Db, fileId: string, reader: Reader, liveLawyerOf?: LiveLawyerOf) {
  const file = await db.storedFile.findUnique({ where: { id: fileId } });
  const readable =
    file !== null &&
    (file.ownerId === reader.userId ||
      (reader.role === 'admin' && !(await isChatAttachment(db, fileId)) && !(await isFullAnswerFile(db, fileId))) ||
      (await isOrderParty(db, fileId, reader, liveLawyerOf)) ||
      (await canReadAttachment(db, fileId, reader)) ||
      (await questionFileAccess(db, fileId, reader, () => isVettedSpecialist(db, reader.userId))) === true);
  // 404 for both: a stranger must not learn that the file exists.
  if (!readable) throw new DomainError('NOT_FOUND', 'No such file.');
  return file;
}

async function isOrderParty(db: Db, fileId: string, reader: Reader, liveLawyerOf?: LiveLawyerOf): Promise<boolean> {
  const links = await db.orderDocument.findMany({ where: { fileId }, select: { orderId: true } });
  if (links.length === 0) return false;
  const orders = await db.order.findMany({
    where: { id: { in: links.map((l) => l.orderId) } },
    select: { id: true, clientId: true, lawyerId: true, status: true },
  });
  if (orders.some((order) => order.clientId === reader.userId || order.lawyerId === reader.userId)) return true;
  // A lawyer who has just taken an open order is its party before the mirror says so (EL-ORD-3):
  // the workflow's state decides, as it does for the order itself.
  if (reader.role !== 'specialist' || !liveLawyerOf) return false;
  for (const order of orders) {
    if (!FINAL_STATUSES.includes(order.status as OrderStatus) && (await liveLawyerOf(order.id)) === reader.userId) return true;
  }
  return false;
}

/** A retried upload keeps the first copy only: the second one is removed again. */
export async function discardUpload(db: Db, storage: FileStorage, file: { id: string; storageKey: string }): Promise<void> {
  await db.storedFile.delete({ where: { id: file.id } });
  await storage.remove(file.storageKey);
}
