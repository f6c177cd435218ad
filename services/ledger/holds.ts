import { randomUUID } from 'node:crypto';
import { DomainError } from '../../domain/errors.ts';
import type { HoldFundsInput, HoldPlaced, HoldSettled, SettleHoldInput } from '../../domain/money-contract.ts';
import { PLATFORM_CALENDAR } from '../../domain/platform-calendar.ts';
import { earningWithdrawableAt } from '../../domain/withdrawals.ts';
import type { Db } from '../../infra/db.ts';
import { runOperation, type Tx } from './ledger.ts';
import { minorUnits } from './amounts.ts';

// PAY-2: order money is frozen in escrow by a pending transfer from the payer's account, then
// resolved once: posted to the specialist and/or platform revenue, the rest back to the payer.

const alreadyResolved = (earlierKind: string) =>
  new DomainError(
    'HOLD_ALREADY_RESOLVED',
    `The hold was already ${earlierKind === 'hold.release' ? 'released' : 'settled'} differently.`,
  );

export async function holdFunds(db: Db, input: HoldFundsInput): Promise<HoldPlaced> {
  const amount = minorUnits(input.amount, 'amount', { positive: true });
  return runOperation(db, { key: `hold:${input.holdKey}`, kind: 'hold', request: { ...input } }, async () => {
    const holdId = randomUUID();
    return {
      result: { holdId },
      transfers: [
        {
          kind: 'pending',
          id: holdId,
          debit: { userId: input.userId, currency: input.currency },
          credit: { platform: 'escrow', currency: input.currency },
          amount,
          description: input.description,
        },
      ],
    };
  });
}

async function pendingHold(tx: Tx, holdId: string) {
  const hold = await tx.ledgerTransfer.findUnique({ where: { id: holdId }, include: { creditAccount: true } });
  if (!hold || hold.kind !== 'pending' || hold.creditAccount.kind !== 'escrow')
    throw new DomainError('NOT_FOUND', 'No such hold.');
  return hold;
}

export async function settleHold(db: Db, input: SettleHoldInput, now: () => number = Date.now): Promise<HoldSettled> {
  const toSpecialist = minorUnits(input.toSpecialist, 'toSpecialist');
  const toPlatform = minorUnits(input.toPlatform, 'toPlatform');
  if (toSpecialist > 0n && !input.specialistUserId) {
    throw new DomainError('VALIDATION_FAILED', 'Name the specialist who receives the money.', [
      { path: 'specialistUserId', message: 'required' },
    ]);
  }
  const op = { key: `resolve:${input.holdId}`, kind: 'hold.settle', request: { ...input }, conflict: alreadyResolved };
  return runOperation(db, op, async (tx) => {
    const hold = await pendingHold(tx, input.holdId);
    const posted = toSpecialist + toPlatform;
    if (posted > hold.amount)
      throw new DomainError('SETTLEMENT_EXCEEDS_HOLD', `The hold is ${hold.amount}; ${posted} cannot be settled from it.`);
    const currency = hold.currency;
    const specialistTransferId = randomUUID();
    const publishedAt = input.publishedAt ?? now();
    const result: HoldSettled = {
      holdId: input.holdId,
      toSpecialist: input.toSpecialist,
      toPlatform: input.toPlatform,
      returnedToPayer: Number(hold.amount - posted),
    };
    return {
      result,
      resolve: { pendingId: hold.id, postAmount: posted, description: `${hold.description}: settled` },
      transfers: [
        ...(toSpecialist > 0n
          ? [
              {
                kind: 'posted' as const,
                id: specialistTransferId,
                debit: { platform: 'escrow' as const, currency },
                credit: { userId: input.specialistUserId!, currency },
                amount: toSpecialist,
                description: `${hold.description}: earning`,
              },
            ]
          : []),
        ...(toPlatform > 0n
          ? [
              {
                kind: 'posted' as const,
                debit: { platform: 'escrow' as const, currency },
                credit: { platform: 'revenue' as const, currency },
                amount: toPlatform,
                description: `${hold.description}: platform share`,
              },
            ]
          : []),
      ],
      // PAY-5 counts from the publication: the earning remembers when it becomes withdrawable.
      afterApply: async (inner) => {
        if (toSpecialist === 0n) return;
        await inner.specialistEarning.create({
          data: {
            transferId: specialistTransferId,
            specialistUserId: input.specialistUserId!,
            currency,
            amount: toSpecialist,
            publishedAt: new Date(publishedAt),
            withdrawableAt: new Date(earningWithdrawableAt(PLATFORM_CALENDAR, publishedAt)),
          },
        });
      },
    };
  });
}

export async function releaseHold(db: Db, input: { holdId: string }): Promise<HoldSettled> {
  const op = { key: `resolve:${input.holdId}`, kind: 'hold.release', request: { ...input }, conflict: alreadyResolved };
  return runOperation(db, op, async (tx) => {
    const hold = await pendingHold(tx, input.holdId);
    return {
      result: { holdId: input.holdId, toSpecialist: 0, toPlatform: 0, returnedToPayer: Number(hold.amount) },
      resolve: { pendingId: hold.id, postAmount: 0n, description: `${hold.description}: released` },
    };
  });
}
