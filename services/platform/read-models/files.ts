import type { Db } from '../../../infra/db.ts';
import { newestFirstAfter, newestFirstPage, type PageRequest } from '../paging.ts';

/** A user's uploads, newest first. */
export function filesOf(db: Db, ownerId: string, page: PageRequest) {
  return db.storedFile.findMany({ where: { ownerId, ...newestFirstAfter(page.after) }, ...newestFirstPage(page) });
}
