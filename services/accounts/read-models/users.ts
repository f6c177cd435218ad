import type { Role } from '../../../domain/accounts/roles.ts';
import type { Db } from '../../../infra/db.ts';
import { newestFirstAfter, newestFirstPage, type PageRequest } from '../../platform/paging.ts';

// Users as administrators list and look them up (ACC-6). Rows; the API shapes them.

export interface UserFilter {
  role?: Role | undefined;
  suspended?: boolean | undefined;
}

export function listUsers(db: Db, filter: UserFilter, page: PageRequest) {
  return db.user.findMany({
    where: {
      ...(filter.role && { role: filter.role }),
      ...(filter.suspended !== undefined && { suspendedAt: filter.suspended ? { not: null } : null }),
      ...newestFirstAfter(page.after),
    },
    ...newestFirstPage(page),
  });
}

export function findUser(db: Db, id: string) {
  return db.user.findUnique({ where: { id } });
}
