import { DomainError } from '../../../domain/errors.ts';
import type { Db } from '../../../infra/db.ts';
import type { PlatformAccountKind } from '../ledger/accounts.ts';
import { runOperation, type Tx } from '../ledger/ledger.ts';
import type { PaymentOutcome } from '../../../domain/money-contract.ts';

// Refunds and payouts hold the user's money (pending transfer to refunds payable / payouts)
// while the acquirer works. Its verdict resolves that hold exactly once: on success the money
// is posted and leaves through the provider clearing account; on failure the hold is voided
// and the money is available again. A contradicting verdict arriving later is refused by the
// ledger (HOLD_ALREADY_RESOLVED), so events out of order cannot move money twice.
export async function resolveHeldPayout(
  db: Db,
  input: {
    key: string;
    holdId: string;
    outcome: PaymentOutcome;
    via: Extract<PlatformAccountKind, 'refunds_payable' | 'payouts'>;
    markDone: (tx: Tx) => Promise<unknown>;
  },
): Promise<void> {
  const op = {
    key: input.key,
    kind: `${input.via}.${input.outcome}`,
    request: { holdId: input.holdId, outcome: input.outcome },
    conflict: (earlier: string) => new DomainError('HOLD_ALREADY_RESOLVED', `Already resolved as ${earlier}.`),
  };
  await runOperation(db, op, async (tx) => {
    const hold = await tx.ledgerTransfer.findUniqueOrThrow({ where: { id: input.holdId } });
    const succeeded = input.outcome === 'succeeded';
    return {
      result: null,
      resolve: {
        pendingId: hold.id,
        postAmount: succeeded ? hold.amount : 0n,
        description: `${hold.description}: ${succeeded ? 'completed' : 'failed, returned'}`,
      },
      transfers: succeeded
        ? [
            {
              kind: 'posted' as const,
              debit: { platform: input.via, currency: hold.currency },
              credit: { platform: 'provider_clearing' as const, currency: hold.currency },
              amount: hold.amount,
              description: `${hold.description}: sent by the acquirer`,
            },
          ]
        : [],
      afterApply: async (inner) => void (await input.markDone(inner)),
    };
  });
}
