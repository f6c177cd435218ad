import { z } from 'zod';
import { toNumber } from '../../../services/money/ledger/amounts.ts';
import { balanceOf } from '../../../services/money/ledger/statement.ts';
import type { statementOf } from '../../../services/money/read-models/statement.ts';
import { toPage } from '../../pagination.ts';
import { LEDGER_ACCOUNT_KINDS, PAYMENT_STATUSES, type LedgerAccountKind, type PaymentStatus } from '../../../domain/money-contract.ts';

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
  status: z.enum(PAYMENT_STATUSES),
  month: z.string(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});

export const AccountView = Balance.extend({
  id: z.string(),
  code: z.string(),
  kind: z.enum(LEDGER_ACCOUNT_KINDS),
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
  status: PaymentStatus;
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
  kind: LedgerAccountKind;
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

/** A user's movements (ACC-8), newest first, as one page of the API. */
export function statementPage(entries: Awaited<ReturnType<typeof statementOf>>, limit: number) {
  return toPage(
    entries,
    limit,
    (entry) => entry.createdAt,
    (entry) => entry.movement,
  );
}
