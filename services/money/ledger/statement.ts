import type { Db } from '../../../infra/db.ts';
import { toNumber } from './amounts.ts';

// ACC-8 "Balance": what a user has (available / held per currency) and every movement of
// their money with what it was for.

export interface BalanceView {
  currency: string;
  available: number;
  held: number;
}

interface AccountTotals {
  currency: string;
  debitsPending: bigint;
  debitsPosted: bigint;
  creditsPosted: bigint;
}

export function balanceOf(account: AccountTotals): BalanceView {
  return {
    currency: account.currency,
    available: toNumber(account.creditsPosted - account.debitsPosted - account.debitsPending),
    held: toNumber(account.debitsPending),
  };
}

export async function balancesOf(db: Db, userId: string): Promise<BalanceView[]> {
  const accounts = await db.ledgerAccount.findMany({ where: { userId, kind: 'user' }, orderBy: { currency: 'asc' } });
  return accounts.map(balanceOf);
}

export interface Movement {
  id: string;
  at: string;
  currency: string;
  /** Change of the available balance, signed, minor units. */
  availableChange: number;
  /** Change of the held (frozen) balance, signed, minor units. */
  heldChange: number;
  /** posted | pending (a hold) | post (a hold settled) | void (a hold released). */
  kind: string;
  /** What the operation was: payment.credit, hold, hold.settle, refund, withdrawal … */
  operation: string;
  description: string;
}

type TransferWithPending = {
  id: string;
  kind: string;
  amount: bigint;
  currency: string;
  description: string;
  createdAt: Date;
  debitAccountId: string;
  operation: { kind: string };
  pending: { amount: bigint } | null;
};

/** A transfer as seen from one account: how it changed that account's available and held money. */
export function movementOf(transfer: TransferWithPending, accountId: string): Movement {
  const outgoing = transfer.debitAccountId === accountId;
  const held = transfer.pending?.amount ?? 0n;
  let available = 0n;
  let heldChange = 0n;
  if (transfer.kind === 'posted') available = outgoing ? -transfer.amount : transfer.amount;
  if (transfer.kind === 'pending' && outgoing) [available, heldChange] = [-transfer.amount, transfer.amount];
  if (transfer.kind === 'post') [available, heldChange] = outgoing ? [held - transfer.amount, -held] : [transfer.amount, 0n];
  if (transfer.kind === 'void' && outgoing) [available, heldChange] = [held, -held];
  return {
    id: transfer.id,
    at: transfer.createdAt.toISOString(),
    currency: transfer.currency,
    availableChange: toNumber(available),
    heldChange: toNumber(heldChange),
    kind: transfer.kind,
    operation: transfer.operation.kind,
    description: transfer.description,
  };
}
