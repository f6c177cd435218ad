import { randomUUID } from 'node:crypto';
import { DomainError } from '../../../domain/errors.ts';
import type { HoldFundsInput, HoldPlaced, HoldSettled, SettleHoldInput } from '../../../domain/money-contract.ts';
import { earningWithdrawableAt } from '../../../domain/withdrawals.ts';
import type { Db } from '../../../infra/db.ts';
import { minorUnits, toNumber } from './amounts.ts';
import { runOperation, type NewTransfer, type Tx } from './ledger.ts';
import { loadPlatformCalendar } from '../../platform/business-calendars.ts';

// PAY-2: order money is frozen in escrow by a pending transfer from the payer's account, then
// resolved once: posted to the specialist and/or platform revenue, the rest back to the payer.

const alreadyResolved = (earlierKind: string) =>
  new DomainError('HOLD_ALREADY_RESOLVED', `The hold was already ${earlierKind === 'hold.release' ? 'released' : 'settled'} differently.`);

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
  if (!hold || hold.kind !== 'pending' || hold.creditAccount.kind !== 'escrow') throw new DomainError('NOT_FOUND', 'No such hold.');
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
    if (posted > hold.amount) {
      throw new DomainError('SETTLEMENT_EXCEEDS_HOLD', `The hold is ${hold.amount}; ${posted} cannot be settled from it.`);
    }
    const earning = { id: randomUUID(), specialistUserId: input.specialistUserId!, amount: toSpecialist };
    const publishedAt = input.publishedAt ?? now();
    return {
      result: {
        holdId: hold.id,
        toSpecialist: input.toSpecialist,
        toPlatform: input.toPlatform,
        returnedToPayer: toNumber(hold.amount - posted),
      },
      resolve: { pendingId: hold.id, postAmount: posted, description: `${hold.description}: settled` },
      transfers: settlementTransfers(hold, earning, toPlatform),
      // PAY-5 counts from the publication: the earning remembers when it becomes withdrawable.
      afterApply: async (inner) => {
        if (earning.amount === 0n) return;
        await inner.specialistEarning.create({
          data: {
            transferId: earning.id,
            specialistUserId: earning.specialistUserId,
            currency: hold.currency,
            amount: earning.amount,
            publishedAt: new Date(publishedAt),
            withdrawableAt: new Date(earningWithdrawableAt(await loadPlatformCalendar(inner), publishedAt)),
          },
        });
      },
    };
  });
}

/** Out of escrow, once the hold is posted: the specialist's earning and the platform's share. */
function settlementTransfers(
  hold: { currency: string; description: string },
  earning: { id: string; specialistUserId: string; amount: bigint },
  toPlatform: bigint,
): NewTransfer[] {
  const escrow = { platform: 'escrow' as const, currency: hold.currency };
  const transfers: NewTransfer[] = [];
  if (earning.amount > 0n) {
    transfers.push({
      kind: 'posted',
      id: earning.id,
      debit: escrow,
      credit: { userId: earning.specialistUserId, currency: hold.currency },
      amount: earning.amount,
      description: `${hold.description}: earning`,
    });
  }
  if (toPlatform > 0n) {
    transfers.push({
      kind: 'posted',
      debit: escrow,
      credit: { platform: 'revenue', currency: hold.currency },
      amount: toPlatform,
      description: `${hold.description}: platform share`,
    });
  }
  return transfers;
}

export async function releaseHold(db: Db, input: { holdId: string }): Promise<HoldSettled> {
  const op = { key: `resolve:${input.holdId}`, kind: 'hold.release', request: { ...input }, conflict: alreadyResolved };
  return runOperation(db, op, async (tx) => {
    const hold = await pendingHold(tx, input.holdId);
    return {
      result: { holdId: input.holdId, toSpecialist: 0, toPlatform: 0, returnedToPayer: toNumber(hold.amount) },
      resolve: { pendingId: hold.id, postAmount: 0n, description: `${hold.description}: released` },
    };
  });
}
