import { z } from 'zod';
import type { Db } from '../../../infra/db.ts';
import { toNumber } from '../../../services/money/ledger/amounts.ts';
import { balanceOf, movementOf } from '../../../services/money/ledger/statement.ts';
import { afterCursor, orderForPaging, toPage } from '../../pagination.ts';

// Schemas and queries shared by the cabinet's money routes and the admin's. Amounts are
// integer minor units (PAY-1).

export const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like UZS');

export const Balance = z.object({ currency: z.string(), available: z.number().int(), held: z.number().int() });

export const Movement = z.object({
  id: z.string(),
  at: z.string(),
  currency: z.string(),
  availableChange: z.number().int(),
  heldChange: z.number().int(),
  kind: z.string(),
  operation: z.string(),
  description: z.string(),
});

export const WithdrawalView = z.object({
  id: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  destination: z.string(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  month: z.string(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});

export const AccountView = Balance.extend({
  id: z.string(),
  code: z.string(),
  kind: z.string(),
  debitsPending: z.number().int(),
  debitsPosted: z.number().int(),
  creditsPending: z.number().int(),
  creditsPosted: z.number().int(),
});

export function withdrawalView(row: {
  id: string;
  amount: bigint;
  currency: string;
  destination: string;
  status: 'pending' | 'succeeded' | 'failed';
  month: string;
  createdAt: Date;
  completedAt: Date | null;
}): z.infer<typeof WithdrawalView> {
  return {
    id: row.id,
    amount: toNumber(row.amount),
    currency: row.currency,
    destination: row.destination,
    status: row.status,
    month: row.month,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}

export function accountView(account: {
  id: string;
  code: string;
  kind: string;
  currency: string;
  debitsPending: bigint;
  debitsPosted: bigint;
  creditsPending: bigint;
  creditsPosted: bigint;
}): z.infer<typeof AccountView> {
  return {
    ...balanceOf(account),
    id: account.id,
    code: account.code,
    kind: account.kind,
    debitsPending: toNumber(account.debitsPending),
    debitsPosted: toNumber(account.debitsPosted),
    creditsPending: toNumber(account.creditsPending),
    creditsPosted: toNumber(account.creditsPosted),
  };
}

/** A user's movements (ACC-8), newest first, each seen from the user's own account. */
export async function statementPage(
  db: Db,
  userId: string,
  query: { limit: number; cursor?: string | undefined; currency?: string | undefined },
) {
  const accounts = await db.ledgerAccount.findMany({
    where: { userId, kind: 'user', ...(query.currency && { currency: query.currency }) },
    select: { id: true },
  });
  const ids = accounts.map((a) => a.id);
  const rows = await db.ledgerTransfer.findMany({
    where: { AND: [{ OR: [{ debitAccountId: { in: ids } }, { creditAccountId: { in: ids } }] }, afterCursor(query.cursor)] },
    include: { operation: { select: { kind: true } }, pending: { select: { amount: true } } },
    orderBy: orderForPaging(),
    take: query.limit + 1,
  });
  return toPage(
    rows,
    query.limit,
    (row) => row.createdAt,
    (row) => movementOf(row, ids.includes(row.debitAccountId) ? row.debitAccountId : row.creditAccountId),
  );
}
