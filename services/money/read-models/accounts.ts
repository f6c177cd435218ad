import type { LedgerAccountKind } from '../../../domain/money-contract.ts';
import type { Db } from '../../../infra/db.ts';
import { newestFirstAfter, newestFirstPage, type PageRequest } from '../../platform/paging.ts';

// Ledger accounts as administrators see them: raw totals, the API computes balances.

export function ledgerAccountsOf(db: Db, userId: string) {
  return db.ledgerAccount.findMany({ where: { userId }, orderBy: { currency: 'asc' } });
}

export interface LedgerAccountFilter {
  kind?: LedgerAccountKind | undefined;
  currency?: string | undefined;
}

export function listLedgerAccounts(db: Db, filter: LedgerAccountFilter, page: PageRequest) {
  return db.ledgerAccount.findMany({
    where: {
      ...(filter.kind && { kind: filter.kind }),
      ...(filter.currency && { currency: filter.currency }),
      ...newestFirstAfter(page.after),
    },
    ...newestFirstPage(page),
  });
}
