import type { Prisma } from '../../../generated/prisma/client.ts';
import type { DirectorySort, PracticeArea, SpecialistLanguage } from '../../../domain/specialists/profile.ts';
import type { Db } from '../../../infra/db.ts';
import { vettedSpecialistWhere } from '../vetting.ts';

// CHAT-1: the directory a client searches before starting a chat: only listed profiles (the
// user is a specialist with approved credentials and not suspended, ACC-6). Keyset pages over
// (sort value, user id) in the sort's direction; rows out, the API shapes them.

export interface DirectoryFilter {
  /** Case-insensitive substring of the display name. */
  name?: string | undefined;
  area?: PracticeArea | undefined;
  language?: SpecialistLanguage | undefined;
  /** Case-insensitive, whole name of the city. */
  city?: string | undefined;
  /** Hundredths of a star (4.5 → 450). */
  minRatingCenti?: number | undefined;
  maxPrice?: bigint | undefined;
  currency?: string | undefined;
}

/** The last row of the previous page: its sort value and id. */
export interface DirectoryKey {
  value: number | bigint | string;
  id: string;
}

type SortField = 'ratingAverageCenti' | 'priceAmount' | 'yearsOfPractice' | 'completedConsultations' | 'displayName';

/** Each sort's column and direction: best-rated, cheapest, most experienced, busiest first; names A→Z. */
export const DIRECTORY_ORDER: Record<DirectorySort, { field: SortField; direction: 'asc' | 'desc' }> = {
  rating: { field: 'ratingAverageCenti', direction: 'desc' },
  price: { field: 'priceAmount', direction: 'asc' },
  experience: { field: 'yearsOfPractice', direction: 'desc' },
  consultations: { field: 'completedConsultations', direction: 'desc' },
  name: { field: 'displayName', direction: 'asc' },
};

const listed = { user: vettedSpecialistWhere } satisfies Prisma.SpecialistProfileWhereInput;

function filterWhere(filter: DirectoryFilter): Prisma.SpecialistProfileWhereInput[] {
  return [
    listed,
    ...(filter.name ? [{ displayName: { contains: filter.name, mode: 'insensitive' as const } }] : []),
    ...(filter.area ? [{ areas: { has: filter.area } }] : []),
    ...(filter.language ? [{ languages: { has: filter.language } }] : []),
    ...(filter.city ? [{ city: { equals: filter.city, mode: 'insensitive' as const } }] : []),
    ...(filter.minRatingCenti !== undefined ? [{ ratingAverageCenti: { gte: filter.minRatingCenti } }] : []),
    ...(filter.maxPrice !== undefined ? [{ priceAmount: { lte: filter.maxPrice } }] : []),
    ...(filter.currency ? [{ priceCurrency: filter.currency }] : []),
  ];
}

function after(sort: DirectorySort, key: DirectoryKey | undefined): Prisma.SpecialistProfileWhereInput[] {
  if (!key) return [];
  const { field, direction } = DIRECTORY_ORDER[sort];
  const beyond = direction === 'asc' ? 'gt' : 'lt';
  return [{ OR: [{ [field]: { [beyond]: key.value } }, { [field]: key.value, userId: { [beyond]: key.id } }] }];
}

/** One page of the directory (`limit + 1` rows: the extra one only tells that another page exists). */
export function listSpecialists(
  db: Db,
  filter: DirectoryFilter,
  sort: DirectorySort,
  page: { limit: number; after?: DirectoryKey | undefined },
) {
  const { field, direction } = DIRECTORY_ORDER[sort];
  return db.specialistProfile.findMany({
    where: { AND: [...filterWhere(filter), ...after(sort, page.after)] },
    orderBy: [{ [field]: direction }, { userId: direction }],
    take: page.limit + 1,
  });
}

/** A listed specialist's profile, or null (not a vetted specialist, suspended, or no profile). */
export function findListedSpecialist(db: Db, userId: string) {
  return db.specialistProfile.findFirst({ where: { userId, ...listed } });
}

/** The stored photo of a listed specialist, or null. */
export async function findListedPhoto(db: Db, userId: string) {
  const profile = await findListedSpecialist(db, userId);
  return profile?.photoFileId ? db.storedFile.findUnique({ where: { id: profile.photoFileId } }) : null;
}

/** The specialist's own profile, listed or not. */
export function findOwnProfile(db: Db, userId: string) {
  return db.specialistProfile.findUnique({ where: { userId } });
}
