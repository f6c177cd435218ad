import { randomUUID } from 'node:crypto';
import { DomainError } from '../../domain/errors.ts';
import { PORTFOLIO_MAX_ITEMS, PORTFOLIO_MEDIA_TYPES, PORTFOLIO_TYPES_TEXT, reorderProblem } from '../../domain/specialists/portfolio.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import type { Db } from '../../infra/db.ts';
import { readAll } from '../orders/documents.ts';
import type { FileStorage } from '../platform/storage.ts';
import { removeRenditions, renderPortfolioImage, type Renditions } from './portfolio-images.ts';

// ACC-7: a specialist edits their own portfolio. Any specialist may build it, vetted or not:
// it is a part of the profile they prepare before an admin approves their credentials, and
// like the profile it is shown publicly only while they are listed (CHAT-1, ACC-6). Every
// write names the owner, so another user's item is simply not found.

type Tx = Prisma.TransactionClient;

// Adds and reorders of one portfolio queue behind each other: positions are "last + 1" and the
// item limit is counted, both of which two concurrent writers would otherwise get wrong.
const lockPortfolio = (tx: Tx, specialistId: string) =>
  tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`portfolio:${specialistId}`}))`;

const notFound = () => new DomainError('NOT_FOUND', 'No such item in your portfolio.');
const full = () =>
  new DomainError('PORTFOLIO_FULL', `A portfolio holds at most ${PORTFOLIO_MAX_ITEMS} works: delete one before adding another (ACC-7).`);
const alreadyAdded = (itemId: string) =>
  new DomainError('PORTFOLIO_FILE_ALREADY_ADDED', `This file is already in your portfolio as item ${itemId}: change its caption there.`);

async function portfolioFileOf(db: Db, specialistId: string, fileId: string) {
  const file = await db.storedFile.findUnique({ where: { id: fileId } });
  if (!file || file.ownerId !== specialistId) {
    throw new DomainError('VALIDATION_FAILED', 'Upload the work through POST /v1/files first, then add it by its id.', [
      { path: 'fileId', message: 'no such file of yours' },
    ]);
  }
  const kind = PORTFOLIO_MEDIA_TYPES[file.mediaType];
  if (!kind) {
    throw new DomainError(
      'PORTFOLIO_FILE_TYPE_NOT_ALLOWED',
      `A portfolio takes ${PORTFOLIO_TYPES_TEXT}; this file is ${file.mediaType} (ACC-7).`,
    );
  }
  return { file, kind };
}

/**
 * Adds an uploaded file of the specialist's to the end of their portfolio; an image gets its
 * thumbnail and web-sized copy now. Adding the same file again with the same caption returns
 * the item it already is (a retried request); with another caption it is refused.
 */
export async function addPortfolioItem(db: Db, storage: FileStorage, specialistId: string, input: { fileId: string; caption: string }) {
  const { file, kind } = await portfolioFileOf(db, specialistId, input.fileId);
  const existing = await db.portfolioItem.findUnique({ where: { fileId: file.id } });
  if (existing) {
    if (existing.caption === input.caption) return existing;
    throw alreadyAdded(existing.id);
  }
  if ((await db.portfolioItem.count({ where: { specialistId } })) >= PORTFOLIO_MAX_ITEMS) throw full();
  const id = randomUUID();
  const copies = kind === 'image' ? await renderPortfolioImage(storage, await readAll(storage, file.storageKey), id) : null;
  try {
    return await db.$transaction(async (tx) => {
      await lockPortfolio(tx, specialistId);
      if ((await tx.portfolioItem.count({ where: { specialistId } })) >= PORTFOLIO_MAX_ITEMS) throw full();
      const last = await tx.portfolioItem.aggregate({ where: { specialistId }, _max: { position: true } });
      return tx.portfolioItem.create({
        data: {
          id,
          specialistId,
          fileId: file.id,
          kind,
          caption: input.caption,
          position: (last._max.position ?? -1) + 1,
          ...columns(copies),
        },
      });
    });
  } catch (error) {
    if (copies) await removeRenditions(storage, id);
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      // A concurrent request added the same file first.
      const winner = await db.portfolioItem.findUnique({ where: { fileId: file.id } });
      if (winner?.caption === input.caption) return winner;
      throw alreadyAdded(winner?.id ?? 'unknown');
    }
    throw error;
  }
}

function columns(copies: Renditions | null) {
  if (!copies) return {};
  const { thumbnail, web } = copies;
  return {
    thumbnailKey: thumbnail.key,
    thumbnailWidth: thumbnail.width,
    thumbnailHeight: thumbnail.height,
    thumbnailBytes: thumbnail.bytes,
    webKey: web.key,
    webWidth: web.width,
    webHeight: web.height,
    webBytes: web.bytes,
  };
}

/** Replaces an item's caption. */
export async function captionPortfolioItem(db: Db, specialistId: string, itemId: string, caption: string) {
  const updated = await db.portfolioItem.updateMany({ where: { id: itemId, specialistId }, data: { caption } });
  if (updated.count === 0) throw notFound();
  return db.portfolioItem.findUniqueOrThrow({ where: { id: itemId } });
}

/**
 * Takes an item out of the portfolio and deletes its derived copies. The uploaded file itself
 * stays the specialist's, as every upload does (it may be their profile photo too).
 */
export async function removePortfolioItem(db: Db, storage: FileStorage, specialistId: string, itemId: string): Promise<void> {
  const deleted = await db.portfolioItem.deleteMany({ where: { id: itemId, specialistId } });
  if (deleted.count === 0) throw notFound();
  await removeRenditions(storage, itemId);
}

/** Puts the portfolio in the order of `itemIds`, which must name each of its items exactly once. */
export async function reorderPortfolio(db: Db, specialistId: string, itemIds: string[]): Promise<void> {
  await db.$transaction(async (tx) => {
    await lockPortfolio(tx, specialistId);
    const current = await tx.portfolioItem.findMany({ where: { specialistId }, select: { id: true } });
    const problem = reorderProblem(
      current.map((item) => item.id),
      itemIds,
    );
    if (problem)
      throw new DomainError('VALIDATION_FAILED', 'List every item of your portfolio once, in the new order.', [
        { path: 'itemIds', message: problem },
      ]);
    for (const [position, id] of itemIds.entries()) {
      await tx.portfolioItem.update({ where: { id }, data: { position } });
    }
  });
}
