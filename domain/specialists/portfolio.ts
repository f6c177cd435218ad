// ACC-7: a specialist's portfolio, a gallery of their works shown on the public profile.
// Pure: what a portfolio may hold and how big its derived images are; the services do the I/O.

/** What an item is: an image (shown through derived copies) or a PDF (offered as a download); `enum PortfolioItemKind`. */
export const PORTFOLIO_ITEM_KINDS = ['image', 'pdf'] as const;
export type PortfolioItemKind = (typeof PORTFOLIO_ITEM_KINDS)[number];

/** Media types a portfolio takes (the files API decides a file's type from its bytes), and the kind each becomes. */
export const PORTFOLIO_MEDIA_TYPES: Readonly<Record<string, PortfolioItemKind>> = {
  'image/jpeg': 'image',
  'image/png': 'image',
  'image/webp': 'image',
  'application/pdf': 'pdf',
};
export const PORTFOLIO_TYPES_TEXT = 'JPEG, PNG or WebP images and PDFs';

/** Works per specialist: a gallery, not a file store. */
export const PORTFOLIO_MAX_ITEMS = 50;
export const PORTFOLIO_CAPTION_MAX_LENGTH = 300;
/**
 * Largest image, in pixels (width × height), a portfolio decodes: 40 megapixels covers any
 * camera or scanned drawing, and bounds the memory one upload can make the server spend (a
 * small PNG can declare a huge canvas).
 */
export const PORTFOLIO_MAX_IMAGE_PIXELS = 40_000_000;

/** The derived copies of an image; each fits inside a square of `maxSide` pixels, never enlarged. */
export const PORTFOLIO_RENDITIONS = {
  thumbnail: { maxSide: 400, quality: 70 },
  web: { maxSide: 1600, quality: 82 },
} as const;
export type PortfolioRendition = keyof typeof PORTFOLIO_RENDITIONS;
/** Derived copies are WebP: small, with transparency, shown by every current browser. */
export const RENDITION_MEDIA_TYPE = 'image/webp';

/** What a portfolio item serves: its derived image copies, or the PDF itself. */
export const PORTFOLIO_ASSETS = ['thumbnail', 'web', 'document'] as const;
export type PortfolioAsset = (typeof PORTFOLIO_ASSETS)[number];

/**
 * The new order of a portfolio: `requested` must name every item of `current` exactly once.
 * Returns the problem with the request, or null when it is a permutation.
 */
export function reorderProblem(current: readonly string[], requested: readonly string[]): string | null {
  const known = new Set(current);
  const seen = new Set<string>();
  for (const id of requested) {
    if (!known.has(id)) return `${id} is not an item of your portfolio`;
    if (seen.has(id)) return `${id} is named twice`;
    seen.add(id);
  }
  const missing = current.filter((id) => !seen.has(id));
  return missing.length > 0 ? `name every item of your portfolio; missing: ${missing.join(', ')}` : null;
}
