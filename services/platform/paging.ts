// Keyset ("cursor") pagination as the read models query it: newest first over (key, id), stable
// under inserts, unlike offsets. The API turns cursors into a PageKey and pages back into
// cursors (api/pagination.ts); a read model fetches `limit + 1` rows so the API can tell
// whether another page exists.

export interface PageKey {
  createdAt: Date;
  id: string;
}

export interface PageRequest {
  limit: number;
  after?: PageKey | undefined;
}

export type PagingField = 'createdAt' | 'submittedAt' | 'registeredAt' | 'openedAt' | 'publishedAt';

/** Prisma `where` fragment for the rows after `key` in (field desc, id desc) order. */
export function newestFirstAfter(key: PageKey | undefined, field: PagingField = 'createdAt') {
  if (!key) return {};
  return { OR: [{ [field]: { lt: key.createdAt } }, { [field]: key.createdAt, id: { lt: key.id } }] };
}

export function newestFirst(field: PagingField = 'createdAt') {
  return [{ [field]: 'desc' as const }, { id: 'desc' as const }];
}

/** The Prisma arguments of one newest-first page (one row more than asked for). */
export function newestFirstPage(page: PageRequest, field: PagingField = 'createdAt') {
  return { orderBy: newestFirst(field), take: page.limit + 1 };
}
