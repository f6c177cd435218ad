import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { renderContract, type ContractTemplateId } from '../../domain/orders/contract-templates.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Db } from '../../infra/db.ts';
import { nameBasedUuid } from '../platform/ids.ts';
import type { FileStorage } from '../platform/storage.ts';

// Documents of orders: EL-DOC-2's page count of an uploaded PDF, and EL-CON-1's generated
// contract, stored like any upload so it lands in the client's cabinet (EL-DONE-1).

/** EL-DOC-2: a PDF's pages are counted from the file itself. */
export async function pdfPageCount(bytes: Uint8Array): Promise<number> {
  try {
    const pdf = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
    return pdf.getPageCount();
  } catch (error) {
    throw new DomainError(
      'VALIDATION_FAILED',
      'The PDF could not be read to count its pages.',
      [{ path: 'documentFileIds', message: 'unreadable PDF' }],
      error,
    );
  }
}

export async function readAll(storage: FileStorage, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await storage.read(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * EL-CON-1: renders the filled template as a UTF-8 text document (Azerbaijani letters such as
 * ə and ı are outside the standard PDF fonts' encoding, and text keeps them exactly).
 */
export async function storeGeneratedContract(
  db: Db,
  storage: FileStorage,
  input: { orderId: string; clientId: string; templateId: ContractTemplateId; fields: Record<string, string> },
): Promise<string> {
  const id = nameBasedUuid(`order-${input.orderId}/contract`);
  const existing = await db.storedFile.findUnique({ where: { id } });
  if (existing) return existing.id;
  const { title, paragraphs } = renderContract(input.templateId, input.fields);
  const bytes = Buffer.from(`${title}\n\n${paragraphs.join('\n\n')}\n`, 'utf8');
  const storageKey = `contracts/${id}.txt`;
  const temp = storage.tempPath(id);
  await mkdir(dirname(temp), { recursive: true });
  await writeFile(temp, bytes);
  await storage.adopt(temp, storageKey);
  const file = await db.storedFile.create({
    data: {
      id,
      ownerId: input.clientId,
      originalName: `${input.templateId}.txt`,
      mediaType: 'text/plain; charset=utf-8',
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      storageKey,
    },
  });
  return file.id;
}

/** EL-ORD-4: the client's clarification files join the order's documents (each must be theirs). */
export async function attachClarificationFiles(db: Db, order: { id: string; clientId: string }, fileIds: string[]): Promise<void> {
  const files = await db.storedFile.count({ where: { id: { in: fileIds }, ownerId: order.clientId } });
  if (files !== fileIds.length)
    throw new DomainError('VALIDATION_FAILED', 'Upload the files first.', [{ path: 'fileIds', message: 'no such file of yours' }]);
  await db.orderDocument.createMany({
    data: fileIds.map((fileId) => ({ orderId: order.id, fileId, role: 'clarification' as const })),
    skipDuplicates: true,
  });
}

/** EL-DONE-1: the lawyer delivers a file of their own. */
export async function requireDeliverableFile(db: Db, fileId: string, lawyerId: string) {
  const file = await db.storedFile.findUnique({ where: { id: fileId } });
  if (!file || file.ownerId !== lawyerId)
    throw new DomainError('VALIDATION_FAILED', 'Upload the result first.', [{ path: 'fileId', message: 'no such file of yours' }]);
  return file;
}

/**
 * EL-DONE-1: the delivered file lands in the client's cabinet. The workflow's mirror records it
 * too; written at once so the client can download right away.
 */
export async function recordDeliverable(db: Db, orderId: string, fileId: string): Promise<void> {
  await db.orderDocument.createMany({ data: [{ orderId, fileId, role: 'deliverable' }], skipDuplicates: true });
}
