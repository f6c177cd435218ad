import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import sharp from 'sharp';
import { DomainError } from '../../domain/errors.ts';
import { PORTFOLIO_MAX_IMAGE_PIXELS, PORTFOLIO_RENDITIONS, type PortfolioRendition } from '../../domain/specialists/portfolio.ts';
import type { FileStorage } from '../platform/storage.ts';

// ACC-7: the copies of a portfolio image the public sees, made with sharp (libvips). Each is
// turned upright by its EXIF orientation first, then written as WebP with no metadata at all:
// sharp drops EXIF, XMP and IPTC unless asked to keep them, so a photo's GPS position, camera
// serial and author never leave the original, which stays private to its owner.

export interface Rendition {
  key: string;
  width: number;
  height: number;
  bytes: number;
}

export type Renditions = Record<PortfolioRendition, Rendition>;

/** Where an item's copy lives in the storage; one key per item and rendition, so a retry overwrites. */
export const renditionKey = (itemId: string, rendition: PortfolioRendition) => `portfolio/${itemId}/${rendition}.webp`;

const unreadable = (cause: unknown) =>
  new DomainError('PORTFOLIO_IMAGE_UNREADABLE', 'The image could not be decoded: upload it again or export it anew (ACC-7).', [], cause);

/** Refuses an image larger than the portfolio decodes, judged by its header before any pixel is decoded. */
async function requireDecodableSize(image: Buffer): Promise<void> {
  const { width, height } = await sharp(image)
    .metadata()
    .catch((error: unknown) => {
      throw unreadable(error);
    });
  if (width * height > PORTFOLIO_MAX_IMAGE_PIXELS) {
    throw new DomainError(
      'PORTFOLIO_IMAGE_TOO_LARGE',
      `The image is ${width}×${height} pixels; a portfolio image may have at most ${PORTFOLIO_MAX_IMAGE_PIXELS / 1_000_000} megapixels (ACC-7).`,
    );
  }
}

async function render(storage: FileStorage, image: Buffer, itemId: string, rendition: PortfolioRendition): Promise<Rendition> {
  const { maxSide, quality } = PORTFOLIO_RENDITIONS[rendition];
  const key = renditionKey(itemId, rendition);
  const temp = storage.tempPath(`${itemId}-${rendition}.webp`);
  await mkdir(dirname(temp), { recursive: true });
  try {
    const info = await sharp(image, { limitInputPixels: PORTFOLIO_MAX_IMAGE_PIXELS })
      .autoOrient()
      .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
      .webp({ quality })
      .toFile(temp)
      .catch((error: unknown) => {
        throw unreadable(error);
      });
    await storage.adopt(temp, key);
    return { key, width: info.width, height: info.height, bytes: info.size };
  } finally {
    await rm(temp, { force: true });
  }
}

/** Makes an image's thumbnail and web-sized copy and stores them under the item's keys. */
export async function renderPortfolioImage(storage: FileStorage, image: Buffer, itemId: string): Promise<Renditions> {
  await requireDecodableSize(image);
  const thumbnail = await render(storage, image, itemId, 'thumbnail');
  try {
    return { thumbnail, web: await render(storage, image, itemId, 'web') };
  } catch (error) {
    await storage.remove(thumbnail.key);
    throw error;
  }
}

/** Removes an item's derived copies (absent ones are no error: a PDF has none). */
export async function removeRenditions(storage: FileStorage, itemId: string): Promise<void> {
  await Promise.all((Object.keys(PORTFOLIO_RENDITIONS) as PortfolioRendition[]).map((r) => storage.remove(renditionKey(itemId, r))));
}
