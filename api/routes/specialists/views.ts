import { z } from 'zod';
import {
  BIOGRAPHY_MAX_LENGTH,
  CITY_MAX_LENGTH,
  DISPLAY_NAME_MAX_LENGTH,
  DIRECTORY_SORTS,
  MAX_YEARS_OF_PRACTICE,
  PRACTICE_AREAS,
  SPECIALIST_LANGUAGES,
  VETTING_STATES,
  type DirectorySort,
  type Vetting,
} from '../../../domain/specialists/profile.ts';
import type { DirectoryKey } from '../../../services/specialists/read-models/directory.ts';
import { readCursor } from '../../pagination.ts';
import { Uuid } from '../../schemas.ts';
import { Currency } from '../money/views.ts';

// Schemas and views of specialists' profiles and the directory (CHAT-1).

export const PracticeArea = z.enum(PRACTICE_AREAS);
export const SpecialistLanguage = z.enum(SPECIALIST_LANGUAGES);
export const DirectorySortParam = z.enum(DIRECTORY_SORTS);

// PAY-1: integer minor units; at most what a JSON number holds exactly.
const Amount = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const SpecialistView = z.object({
  id: z.string(),
  name: z.string(),
  photoUrl: z.string().nullable().describe('Public while the specialist is listed; null without a photo.'),
  areas: z.array(PracticeArea),
  languages: z.array(SpecialistLanguage),
  city: z.string(),
  yearsOfPractice: z.number().int(),
  biography: z.string(),
  price: z.object({ amount: z.number().int(), currency: z.string() }).describe('Indicative price of a consultation, minor units (PAY-1).'),
  rating: z.object({ average: z.number().describe('0 until rated; two decimals'), count: z.number().int() }),
  completedConsultations: z.number().int(),
});

export const VettingView = z.object({
  status: z.enum(VETTING_STATES),
  reason: z.string().nullable().describe("The administrator's reason on a rejection."),
  decidedAt: z.string().nullable(),
  requestId: z.string().nullable().describe('The credential request (GET /v1/verifications/{id}).'),
});

export const MyProfileView = SpecialistView.extend({
  photoFileId: z.string().nullable(),
  listed: z.boolean().describe('Shown in the directory: credentials approved (CHAT-1), account not suspended (ACC-6).'),
  vetting: VettingView,
  updatedAt: z.string(),
});

export const ProfileBody = z.object({
  name: z.string().trim().min(3, 'must be at least 3 characters').max(DISPLAY_NAME_MAX_LENGTH),
  photoFileId: Uuid.nullable().optional().describe('A JPEG or PNG of yours uploaded through /v1/files.'),
  areas: z.array(PracticeArea).min(1, 'name at least one area of practice').max(PRACTICE_AREAS.length),
  languages: z.array(SpecialistLanguage).min(1, 'name at least one language').max(SPECIALIST_LANGUAGES.length),
  city: z.string().trim().min(2, 'must be at least 2 characters').max(CITY_MAX_LENGTH),
  yearsOfPractice: z.number().int().min(0).max(MAX_YEARS_OF_PRACTICE),
  biography: z.string().trim().max(BIOGRAPHY_MAX_LENGTH, `at most ${BIOGRAPHY_MAX_LENGTH} characters`).optional(),
  price: z.object({ amount: Amount, currency: Currency }),
});

// Query text goes into SQL patterns: no NUL (PostgreSQL text cannot hold it), bounded length.
const SearchText = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((value) => !value.includes('\u0000'), 'may not contain U+0000');

export const DirectoryQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(1200).optional(),
  q: SearchText.optional().describe('Part of the name, any case.'),
  area: PracticeArea.optional(),
  language: SpecialistLanguage.optional(),
  city: SearchText.optional().describe('The city, any case.'),
  minRating: z.coerce.number().min(0).max(5).optional().describe('Average stars at least this (0–5).'),
  maxPrice: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional().describe('Minor units; needs `currency`.'),
  currency: Currency.optional(),
  sort: DirectorySortParam.default('rating').describe(
    'rating (best first), price (cheapest first), experience (most years first), consultations (most first), name (A→Z).',
  ),
});

type ProfileRow = {
  userId: string;
  displayName: string;
  photoFileId: string | null;
  areas: z.infer<typeof PracticeArea>[];
  languages: z.infer<typeof SpecialistLanguage>[];
  city: string;
  yearsOfPractice: number;
  biography: string;
  priceAmount: bigint;
  priceCurrency: string;
  ratingCount: number;
  ratingAverageCenti: number;
  completedConsultations: number;
  updatedAt: Date;
};

export const photoUrl = (row: ProfileRow) => (row.photoFileId ? `/v1/specialists/${row.userId}/photo` : null);

export const specialistView = (row: ProfileRow): z.infer<typeof SpecialistView> => ({
  id: row.userId,
  name: row.displayName,
  photoUrl: photoUrl(row),
  areas: row.areas,
  languages: row.languages,
  city: row.city,
  yearsOfPractice: row.yearsOfPractice,
  biography: row.biography,
  price: { amount: Number(row.priceAmount), currency: row.priceCurrency },
  rating: { average: row.ratingAverageCenti / 100, count: row.ratingCount },
  completedConsultations: row.completedConsultations,
});

export const myProfileView = (row: ProfileRow, vetting: Vetting, listed: boolean): z.infer<typeof MyProfileView> => ({
  ...specialistView(row),
  photoFileId: row.photoFileId,
  listed,
  vetting: {
    status: vetting.status,
    reason: vetting.reason,
    decidedAt: vetting.decidedAt?.toISOString() ?? null,
    requestId: vetting.requestId,
  },
  updatedAt: row.updatedAt.toISOString(),
});

// Directory cursors: base64url JSON of [sort, value, id]. A cursor made for another sort is
// refused (400) rather than read as a value of the wrong kind.
const PRICE_MAX = 2n ** 63n - 1n;
const cursorValue: Record<DirectorySort, z.ZodType<DirectoryKey['value']>> = {
  rating: z.number().int().min(0).max(500),
  price: z
    .string()
    .regex(/^\d{1,19}$/)
    .transform((value) => BigInt(value))
    .refine((value) => value <= PRICE_MAX),
  experience: z.number().int().min(0).max(MAX_YEARS_OF_PRACTICE),
  consultations: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  name: z.string().max(DISPLAY_NAME_MAX_LENGTH),
};

export function decodeDirectoryCursor(sort: DirectorySort, cursor: string | undefined): DirectoryKey | undefined {
  if (cursor === undefined) return undefined;
  const [, value, id] = readCursor(cursor, z.tuple([z.literal(sort), cursorValue[sort], Uuid]));
  return { value, id };
}

const SORT_VALUE: Record<DirectorySort, (row: ProfileRow) => number | string> = {
  rating: (row) => row.ratingAverageCenti,
  price: (row) => row.priceAmount.toString(),
  experience: (row) => row.yearsOfPractice,
  consultations: (row) => row.completedConsultations,
  name: (row) => row.displayName,
};

/** Call with `limit + 1` rows fetched: the extra row only tells whether another page exists. */
export function directoryPage(rows: ProfileRow[], limit: number, sort: DirectorySort) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last ? Buffer.from(JSON.stringify([sort, SORT_VALUE[sort](last), last.userId])).toString('base64url') : null;
  return { items: page.map(specialistView), nextCursor };
}
