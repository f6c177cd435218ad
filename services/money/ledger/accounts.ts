import { DomainError } from '../../../domain/errors.ts';
import type { PlatformAccountKind } from '../../../domain/money-contract.ts';
import type { Db } from '../../../infra/db.ts';

// Ledger accounts are found by a natural code and created on first use. Every user has one
// account per currency (no overdraft: their available balance can never go negative); the
// platform has one account of each kind per currency, allowed to run a debit balance.

export type { PlatformAccountKind };

export type AccountRef = { userId: string; currency: string } | { platform: PlatformAccountKind; currency: string };

const CURRENCY = /^[A-Z]{3}$/;

export function assertCurrency(currency: string): void {
  if (!CURRENCY.test(currency)) {
    throw new DomainError('VALIDATION_FAILED', `"${currency}" is not an ISO 4217 currency code.`, [
      { path: 'currency', message: 'must be three upper-case letters, e.g. UZS' },
    ]);
  }
}

export function accountCode(ref: AccountRef): string {
  return 'userId' in ref ? `user:${ref.userId}:${ref.currency}` : `platform:${ref.platform}:${ref.currency}`;
}

// Account ids never change once created, so each database handle keeps a small cache: the hot
// path of a transfer then touches only the rows it updates. Only ids read as committed are
// cached: an account created inside a transaction that rolls back must not be remembered.
const idCache = new WeakMap<Db, Map<string, string>>();

type AccountReader = Pick<Db, 'ledgerAccount'>;

/**
 * The ids of the accounts behind `refs`, keyed by account code. Missing accounts are created
 * inside `tx`, the caller's transaction, so no second connection is needed.
 */
export async function accountIds(db: Db, tx: AccountReader, refs: AccountRef[]): Promise<Map<string, string>> {
  let cache = idCache.get(db);
  if (!cache) idCache.set(db, (cache = new Map<string, string>()));
  const known = cache;
  const lookUp = async (codes: string[]) => tx.ledgerAccount.findMany({ where: { code: { in: codes } }, select: { id: true, code: true } });
  const ids = new Map<string, string>();
  for (const ref of refs) {
    const id = known.get(accountCode(ref));
    if (id) ids.set(accountCode(ref), id);
  }
  const missing = refs.filter((ref) => !ids.has(accountCode(ref)));
  if (missing.length === 0) return ids;
  for (const row of await lookUp(missing.map(accountCode))) {
    known.set(row.code, row.id);
    ids.set(row.code, row.id);
  }
  const toCreate = missing.filter((ref) => !ids.has(accountCode(ref)));
  if (toCreate.length === 0) return ids;
  for (const ref of toCreate) assertCurrency(ref.currency);
  try {
    await tx.ledgerAccount.createMany({
      data: toCreate.map((ref) => ({
        code: accountCode(ref),
        currency: ref.currency,
        ...('userId' in ref
          ? { kind: 'user' as const, userId: ref.userId, noOverdraft: true }
          : { kind: ref.platform, noOverdraft: false }),
      })),
      skipDuplicates: true,
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'P2003') throw new DomainError('NOT_FOUND', 'No such user.');
    throw error;
  }
  for (const row of await lookUp(toCreate.map(accountCode))) ids.set(row.code, row.id);
  return ids;
}
