import type { PortfolioAsset } from '../../../domain/specialists/portfolio.ts';
import { RENDITION_MEDIA_TYPE } from '../../../domain/specialists/portfolio.ts';
import type { Db } from '../../../infra/db.ts';
import { findListedSpecialist } from './directory.ts';

// ACC-7: a specialist's portfolio in its order (position, then id), in keyset pages. The owner
// reads it at any time; everyone else only while the specialist is listed (CHAT-1, ACC-6),
// as with the profile photo.

/** The last item of the previous page. */
export interface PortfolioKey {
  position: number;
  id: string;
}

/** One page of the portfolio (`limit + 1` rows: the extra one only tells that another page exists), with each item's file. */
export async function portfolioPage(db: Db, specialistId: string, page: { limit: number; after?: PortfolioKey | undefined }) {
  const { after } = page;
  const rows = await db.portfolioItem.findMany({
    where: {
      specialistId,
      ...(after ? { OR: [{ position: { gt: after.position } }, { position: after.position, id: { gt: after.id } }] } : {}),
    },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
    take: page.limit + 1,
  });
  const files = await db.storedFile.findMany({
    where: { id: { in: rows.map((row) => row.fileId) } },
    select: { id: true, originalName: true, sizeBytes: true },
  });
  const fileOf = new Map(files.map((file) => [file.id, file]));
  return rows.map((row) => ({ ...row, file: fileOf.get(row.fileId)! }));
}

/** One item of the specialist's portfolio with its file, or null. */
export async function findPortfolioItem(db: Db, specialistId: string, itemId: string) {
  const item = await db.portfolioItem.findFirst({ where: { id: itemId, specialistId } });
  if (!item) return null;
  const file = await db.storedFile.findUniqueOrThrow({
    where: { id: item.fileId },
    select: { originalName: true, sizeBytes: true, storageKey: true, mediaType: true },
  });
  return { ...item, file };
}

export type PortfolioRow = NonNullable<Awaited<ReturnType<typeof findPortfolioItem>>>;

/** True when the public may see the specialist's portfolio: they are listed in the directory. */
export async function isPortfolioPublic(db: Db, specialistId: string): Promise<boolean> {
  return (await findListedSpecialist(db, specialistId)) !== null;
}

/**
 * The bytes an item serves as `asset`: a derived copy of an image, or a PDF itself; null when
 * the item has no such asset (an image's original is never served: it may carry GPS data).
 */
export function assetOf(item: PortfolioRow, asset: PortfolioAsset) {
  if (asset === 'document') {
    return item.kind === 'pdf' ? { storageKey: item.file.storageKey, mediaType: item.file.mediaType, bytes: item.file.sizeBytes } : null;
  }
  const key = asset === 'thumbnail' ? item.thumbnailKey : item.webKey;
  const bytes = asset === 'thumbnail' ? item.thumbnailBytes : item.webBytes;
  return key && bytes !== null ? { storageKey: key, mediaType: RENDITION_MEDIA_TYPE, bytes } : null;
}
