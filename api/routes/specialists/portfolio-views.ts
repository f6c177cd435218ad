import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import {
  PORTFOLIO_ASSETS,
  PORTFOLIO_CAPTION_MAX_LENGTH,
  PORTFOLIO_ITEM_KINDS,
  PORTFOLIO_MAX_ITEMS,
  PORTFOLIO_MAX_IMAGE_PIXELS,
  PORTFOLIO_RENDITIONS,
  PORTFOLIO_TYPES_TEXT,
  RENDITION_MEDIA_TYPE,
  type PortfolioAsset,
} from '../../../domain/specialists/portfolio.ts';
import type { FileStorage } from '../../../services/platform/storage.ts';
import { assetOf, type PortfolioKey, type PortfolioRow } from '../../../services/specialists/read-models/portfolio.ts';
import { readCursor } from '../../pagination.ts';
import { Uuid } from '../../schemas.ts';

// Schemas and views of a specialist's portfolio (ACC-7), for its owner and for the public.

// The limits every portfolio route states, written from the rules' constants.
export const portfolioLimits = (uploadMaxBytes: number) =>
  `A portfolio holds up to ${PORTFOLIO_MAX_ITEMS} works: ${PORTFOLIO_TYPES_TEXT}, each at most ${uploadMaxBytes} bytes (the files API's limit), ` +
  `images at most ${PORTFOLIO_MAX_IMAGE_PIXELS / 1_000_000} megapixels; captions up to ${PORTFOLIO_CAPTION_MAX_LENGTH} characters. ` +
  `An image is shown through a thumbnail (fits ${PORTFOLIO_RENDITIONS.thumbnail.maxSide}×${PORTFOLIO_RENDITIONS.thumbnail.maxSide} px) ` +
  `and a web copy (fits ${PORTFOLIO_RENDITIONS.web.maxSide}×${PORTFOLIO_RENDITIONS.web.maxSide} px), WebP with all metadata (EXIF, GPS) removed; ` +
  'its original stays private. A PDF has no thumbnail and is offered as a download.';

// No control characters but line breaks and tabs: a caption is shown as text.
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const Caption = z
  .string()
  .trim()
  .max(PORTFOLIO_CAPTION_MAX_LENGTH, `at most ${PORTFOLIO_CAPTION_MAX_LENGTH} characters`)
  .refine((value) => !CONTROL.test(value), 'may not contain control characters');

export const AddPortfolioItemBody = z.object({
  fileId: Uuid.describe('A JPEG, PNG, WebP or PDF of yours uploaded through POST /v1/files.'),
  caption: Caption.default(''),
});
export const CaptionBody = z.object({ caption: Caption });
export const ReorderBody = z.object({
  itemIds: z.array(Uuid).max(PORTFOLIO_MAX_ITEMS).describe('Every item of the portfolio once, first shown first.'),
});
export const AssetParams = z.object({ id: Uuid, asset: z.enum(PORTFOLIO_ASSETS) });
export const PublicItemParams = z.object({ id: Uuid, itemId: Uuid, asset: z.enum(PORTFOLIO_ASSETS) });

const ImageCopy = z.object({
  url: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  mediaType: z.literal(RENDITION_MEDIA_TYPE),
});

export const PortfolioItemView = z.object({
  id: z.string(),
  kind: z.enum(PORTFOLIO_ITEM_KINDS),
  caption: z.string(),
  position: z.number().int().describe('Place in the gallery, ascending.'),
  thumbnail: ImageCopy.nullable().describe('null for a PDF: show a document icon.'),
  web: ImageCopy.nullable().describe('The copy to show full-size; null for a PDF.'),
  document: z
    .object({ url: z.string(), fileName: z.string(), sizeBytes: z.number().int() })
    .nullable()
    .describe('The PDF to download; null for an image.'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const MyPortfolioItemView = PortfolioItemView.extend({ fileId: z.string() });

type ItemRow = {
  id: string;
  specialistId: string;
  fileId: string;
  kind: (typeof PORTFOLIO_ITEM_KINDS)[number];
  caption: string;
  position: number;
  thumbnailWidth: number | null;
  thumbnailHeight: number | null;
  webWidth: number | null;
  webHeight: number | null;
  createdAt: Date;
  updatedAt: Date;
  file: { originalName: string; sizeBytes: number };
};

/** Where an item's assets are served: the public profile's URLs, or the owner's own. */
export type Audience = 'public' | 'owner';
const assetUrl = (row: ItemRow, asset: PortfolioAsset, audience: Audience) =>
  audience === 'public' ? `/v1/specialists/${row.specialistId}/portfolio/${row.id}/${asset}` : `/v1/me/portfolio/${row.id}/${asset}`;

function imageCopy(row: ItemRow, asset: 'thumbnail' | 'web', audience: Audience): z.infer<typeof ImageCopy> | null {
  const [width, height] = asset === 'thumbnail' ? [row.thumbnailWidth, row.thumbnailHeight] : [row.webWidth, row.webHeight];
  return width === null || height === null ? null : { url: assetUrl(row, asset, audience), width, height, mediaType: RENDITION_MEDIA_TYPE };
}

export const portfolioItemView = (row: ItemRow, audience: Audience): z.infer<typeof PortfolioItemView> => ({
  id: row.id,
  kind: row.kind,
  caption: row.caption,
  position: row.position,
  thumbnail: imageCopy(row, 'thumbnail', audience),
  web: imageCopy(row, 'web', audience),
  document:
    row.kind === 'pdf'
      ? { url: assetUrl(row, 'document', audience), fileName: row.file.originalName, sizeBytes: row.file.sizeBytes }
      : null,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

export const myPortfolioItemView = (row: ItemRow): z.infer<typeof MyPortfolioItemView> => ({
  ...portfolioItemView(row, 'owner'),
  fileId: row.fileId,
});

// Portfolio cursors: base64url JSON of [position, id] of the page's last item.
export function decodePortfolioCursor(cursor: string | undefined): PortfolioKey | undefined {
  if (cursor === undefined) return undefined;
  const [position, id] = readCursor(
    cursor,
    z.tuple([
      z
        .number()
        .int()
        .min(0)
        .max(2 ** 31 - 1),
      Uuid,
    ]),
  );
  return { position, id };
}

/** Call with `limit + 1` rows fetched: the extra row only tells whether another page exists. */
export function portfolioPageOf<View>(rows: ItemRow[], limit: number, view: (row: ItemRow) => View) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor = rows.length > limit && last ? Buffer.from(JSON.stringify([last.position, last.id])).toString('base64url') : null;
  return { items: page.map(view), nextCursor };
}

/** Sends an item's asset: a derived WebP copy, or a PDF as a download (never shown inline from our origin). */
export async function sendPortfolioAsset(
  reply: FastifyReply,
  storage: FileStorage,
  item: PortfolioRow,
  asset: PortfolioAsset,
  cacheControl: string,
) {
  const found = assetOf(item, asset);
  if (!found) throw new DomainError('NOT_FOUND', `This item has no ${asset}: an image has a thumbnail and a web copy, a PDF a document.`);
  reply
    .type(found.mediaType)
    .header('content-length', found.bytes)
    .header('cache-control', cacheControl)
    .header('x-content-type-options', 'nosniff');
  if (asset === 'document') {
    reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(item.file.originalName)}`);
  }
  return reply.send(await storage.read(found.storageKey));
}
