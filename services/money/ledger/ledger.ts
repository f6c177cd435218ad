import { createHash, randomUUID } from 'node:crypto';
import { DomainError } from '../../../domain/errors.ts';
import type { Prisma } from '../../../generated/prisma/client.ts';
import type { Db } from '../../../infra/db.ts';
import { accountCode, accountIds, type AccountRef } from './accounts.ts';
import { MAX_ACCOUNT_TOTAL } from './amounts.ts';
import { MAX_AMOUNT_MINOR } from '../../../domain/money-contract.ts';

// The ledger core (PAY-3), after TigerBeetle: accounts keep four integer totals (pending and
// posted debits and credits); a transfer moves one amount from one account to another; a
// *pending* transfer (a hold) freezes money until it is resolved exactly once, by a *post*
// (all or part of it; the rest returns to the debit account) or a *void*.
//
// Every change runs as an *operation*: a batch of transfers under one idempotency key, in one
// database transaction. The key is claimed first, so a concurrent duplicate waits for the
// first and then replays its result; the same key with another request is refused.
// Account totals are updated in ascending id order with a guarded UPDATE, so concurrent
// operations on one account serialise on its row without deadlocks and a no-overdraft
// account cannot go negative (READ COMMITTED re-checks the guard on the latest row version).

export type Tx = Prisma.TransactionClient;

export interface NewTransfer {
  kind: 'posted' | 'pending';
  /** Chosen by the caller when it must be known (a hold's id); otherwise generated. */
  id?: string;
  debit: AccountRef;
  credit: AccountRef;
  amount: bigint;
  description: string;
}

/** Resolve a pending transfer: post `postAmount` of it (0 voids it), the rest returns. */
export interface Resolution {
  pendingId: string;
  postAmount: bigint;
  description: string;
}

export interface Plan<R> {
  resolve?: Resolution;
  transfers?: NewTransfer[];
  result: R;
  /** Writes that belong to the same transaction (domain rows: payments, refunds …). */
  afterApply?: (tx: Tx) => Promise<void>;
}

export interface OperationRequest {
  key: string;
  kind: string;
  /** Everything the caller asked for: a retry must send the same to get the same result. */
  request: Record<string, unknown>;
  /** How to refuse a key already used for another request (default IDEMPOTENCY_KEY_REUSED). */
  conflict?: (earlierKind: string) => DomainError;
}

const TX_OPTIONS = { maxWait: 15_000, timeout: 30_000 } as const;

class KeyAlreadyClaimed extends Error {}

export function requestHash(kind: string, request: Record<string, unknown>): string {
  const canonical = JSON.stringify([kind, request], (_key, value: unknown) => {
    if (typeof value === 'bigint') return value.toString();
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
    }
    return value;
  });
  return createHash('sha256').update(canonical).digest('hex');
}

export async function runOperation<R>(db: Db, op: OperationRequest, build: (tx: Tx) => Promise<Plan<R>>): Promise<R> {
  const hash = requestHash(op.kind, op.request);
  const earlier = await db.ledgerOperation.findUnique({ where: { key: op.key } });
  if (earlier) return replay<R>(earlier, op, hash);
  try {
    return await db.$transaction(async (tx) => {
      const claimed = await tx.$executeRaw`
        INSERT INTO ledger_operations (key, kind, request_hash, result)
        VALUES (${op.key}, ${op.kind}, ${hash}, 'null'::jsonb) ON CONFLICT (key) DO NOTHING`;
      if (claimed === 0) throw new KeyAlreadyClaimed();
      const plan = await build(tx);
      await tx.$executeRaw`UPDATE ledger_operations SET result = ${JSON.stringify(plan.result)}::jsonb WHERE key = ${op.key}`;
      await applyPlan(db, tx, op.key, plan);
      return plan.result;
    }, TX_OPTIONS);
  } catch (error) {
    if (!(error instanceof KeyAlreadyClaimed)) throw error;
    return replay<R>(await db.ledgerOperation.findUniqueOrThrow({ where: { key: op.key } }), op, hash);
  }
}

function replay<R>(earlier: { kind: string; requestHash: string; result: unknown }, op: OperationRequest, hash: string): R {
  if (earlier.requestHash === hash) return earlier.result as R;
  throw (
    op.conflict?.(earlier.kind) ??
    new DomainError('IDEMPOTENCY_KEY_REUSED', `The key "${op.key}" was already used for a different request.`)
  );
}

interface Deltas {
  debitsPending: bigint;
  debitsPosted: bigint;
  creditsPending: bigint;
  creditsPosted: bigint;
}

interface TransferRow {
  id: string;
  operationKey: string;
  kind: 'posted' | 'pending' | 'post' | 'void';
  debitAccountId: string;
  creditAccountId: string;
  amount: bigint;
  currency: string;
  pendingId: string | null;
  description: string;
}

async function applyPlan(db: Db, tx: Tx, operationKey: string, plan: Plan<unknown>): Promise<void> {
  const deltas = new Map<string, Deltas>();
  const add = (accountId: string, change: Partial<Deltas>) => {
    const d = deltas.get(accountId) ?? { debitsPending: 0n, debitsPosted: 0n, creditsPending: 0n, creditsPosted: 0n };
    for (const [field, value] of Object.entries(change) as [keyof Deltas, bigint][]) d[field] += value;
    deltas.set(accountId, d);
  };
  const rows: TransferRow[] = [];
  if (plan.resolve) rows.push(await resolution(tx, operationKey, plan.resolve, add));
  const newTransfers = plan.transfers ?? [];
  const ids = await accountIds(
    db,
    tx,
    newTransfers.flatMap((t) => [t.debit, t.credit]),
  );
  for (const transfer of newTransfers) {
    if (transfer.amount <= 0n || transfer.amount > BigInt(MAX_AMOUNT_MINOR)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `A transfer amount must be a positive integer of at most ${MAX_AMOUNT_MINOR} minor units.`,
      );
    }
    if (transfer.debit.currency !== transfer.credit.currency) {
      throw new DomainError('CURRENCY_MISMATCH', 'A transfer cannot change currency.');
    }
    const debitAccountId = ids.get(accountCode(transfer.debit))!;
    const creditAccountId = ids.get(accountCode(transfer.credit))!;
    const field = transfer.kind === 'pending' ? 'Pending' : 'Posted';
    add(debitAccountId, { [`debits${field}`]: transfer.amount });
    add(creditAccountId, { [`credits${field}`]: transfer.amount });
    rows.push({
      id: transfer.id ?? randomUUID(),
      operationKey,
      kind: transfer.kind,
      debitAccountId,
      creditAccountId,
      amount: transfer.amount,
      currency: transfer.debit.currency,
      pendingId: null,
      description: transfer.description,
    });
  }
  await tx.ledgerTransfer.createMany({ data: rows });
  await plan.afterApply?.(tx);
  // Last, so the account rows — the contended locks — are held only until the commit.
  for (const accountId of [...deltas.keys()].sort()) await applyDeltas(tx, accountId, deltas.get(accountId)!);
}

async function resolution(
  tx: Tx,
  operationKey: string,
  resolve: Resolution,
  add: (id: string, d: Partial<Deltas>) => void,
): Promise<TransferRow> {
  const pending = await tx.ledgerTransfer.findUnique({ where: { id: resolve.pendingId }, include: { resolvedBy: true } });
  if (!pending || pending.kind !== 'pending') throw new DomainError('NOT_FOUND', 'No such hold.');
  if (pending.resolvedBy)
    throw new DomainError('HOLD_ALREADY_RESOLVED', `The hold was already ${pending.resolvedBy.kind === 'void' ? 'released' : 'settled'}.`);
  if (resolve.postAmount < 0n || resolve.postAmount > pending.amount) {
    throw new DomainError('SETTLEMENT_EXCEEDS_HOLD', `At most ${pending.amount} can be posted from this hold.`);
  }
  add(pending.debitAccountId, { debitsPending: -pending.amount, debitsPosted: resolve.postAmount });
  add(pending.creditAccountId, { creditsPending: -pending.amount, creditsPosted: resolve.postAmount });
  return {
    id: randomUUID(),
    operationKey,
    kind: resolve.postAmount > 0n ? 'post' : 'void',
    debitAccountId: pending.debitAccountId,
    creditAccountId: pending.creditAccountId,
    amount: resolve.postAmount,
    currency: pending.currency,
    pendingId: pending.id,
    description: resolve.description,
  };
}

// The guard repeats the no-overdraft rule the database trigger enforces, so a shortfall is a
// clean INSUFFICIENT_FUNDS rather than a trigger exception. A second guard keeps every running
// total within 2^53 − 1, so the views (JSON numbers) can always show it (issue 14).
async function applyDeltas(tx: Tx, accountId: string, d: Deltas): Promise<void> {
  const updated = await tx.$queryRaw<Array<{ inRange: boolean }>>`
    UPDATE ledger_accounts
       SET debits_pending = debits_pending + ${d.debitsPending}, debits_posted = debits_posted + ${d.debitsPosted},
           credits_pending = credits_pending + ${d.creditsPending}, credits_posted = credits_posted + ${d.creditsPosted}
     WHERE id = ${accountId}::uuid
       AND (NOT no_overdraft OR debits_pending + debits_posted + ${d.debitsPending + d.debitsPosted}
                                 <= credits_posted + ${d.creditsPosted})
    RETURNING GREATEST(debits_pending, debits_posted, credits_pending, credits_posted) <= ${MAX_ACCOUNT_TOTAL} AS "inRange"`;
  if (updated.length === 0) throw new DomainError('INSUFFICIENT_FUNDS', 'The available balance is not enough for this.');
  if (!updated[0]!.inRange) {
    // Thrown inside the operation's transaction, so the update is rolled back with it.
    throw new DomainError(
      'LEDGER_TOTAL_OUT_OF_RANGE',
      'This transfer would take an account total past 2^53 − 1 minor units; the books refuse it.',
    );
  }
}
