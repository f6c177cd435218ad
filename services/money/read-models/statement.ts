import type { Db } from '../../../infra/db.ts';
import { movementOf } from '../ledger/statement.ts';
import { newestFirstAfter, newestFirstPage, type PageRequest } from '../../platform/paging.ts';

// ACC-8: a user's movements, newest first, each seen from the user's own account. Each entry
// keeps its transfer's key for the page cursor beside the movement the API shows.
export async function statementOf(db: Db, userId: string, filter: { currency?: string | undefined }, page: PageRequest) {
  const accounts = await db.ledgerAccount.findMany({
    where: { userId, kind: 'user', ...(filter.currency && { currency: filter.currency }) },
    select: { id: true },
  });
  const ids = accounts.map((a) => a.id);
  const rows = await db.ledgerTransfer.findMany({
    where: { AND: [{ OR: [{ debitAccountId: { in: ids } }, { creditAccountId: { in: ids } }] }, newestFirstAfter(page.after)] },
    include: { operation: { select: { kind: true } }, pending: { select: { amount: true } } },
    ...newestFirstPage(page),
  });
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt,
    movement: movementOf(row, ids.includes(row.debitAccountId) ? row.debitAccountId : row.creditAccountId),
  }));
}
