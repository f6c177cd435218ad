import type { Db } from '../../../infra/db.ts';
import { newestFirstAfter, newestFirstPage, type PageRequest } from '../../platform/paging.ts';

// PAY-5: a specialist's withdrawals, newest first. Rows; the API shapes them.

export function withdrawalsOf(db: Db, specialistUserId: string, page: PageRequest) {
  return db.withdrawal.findMany({ where: { specialistUserId, ...newestFirstAfter(page.after) }, ...newestFirstPage(page) });
}

export function findWithdrawal(db: Db, id: string) {
  return db.withdrawal.findUnique({ where: { id } });
}
