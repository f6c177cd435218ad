import { DomainError } from '../../../domain/errors.ts';
import type {
  BlockEarningInput,
  EarningBlock,
  ReverseSettlementInput,
  SettlementReversed,
  UnblockEarningInput,
} from '../../../domain/money-contract.ts';
import type { Db } from '../../../infra/db.ts';
import { accountCode } from './accounts.ts';
import { minorUnits, toNumber } from './amounts.ts';
import { runOperation, type NewTransfer, type Tx } from './ledger.ts';

// CHAT-4 pays the specialist when the consultation ends; CHAT-5 may still take some of it
// back: "if a violation is confirmed the money returns to the client's balance", and "while a
// complaint is open, the specialist's earnings from it cannot be withdrawn". So a settled
// hold's earning can be *blocked* (PAY-5's withdrawal check skips it) and, while blocked,
// *reversed*: part of what the settlement posted goes from the specialist and from platform
// revenue back to the payer's available balance. The block is what keeps the specialist's
// account from going negative: money that cannot be withdrawn is still there to take back.

/** One specialist's earnings and withdrawals are changed one transaction at a time (withdrawals.ts takes it too). */
export async function lockSpecialistEarnings(tx: Tx, specialistUserId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`withdrawal:${specialistUserId}`}))`;
}

/** What `resolve:<holdId>` posted: the hold, its payer, the platform's share and the specialist's earning transfer. */
async function settlementOf(tx: Tx, holdId: string) {
  // One relation per query: a transaction's connection runs one query at a time.
  const hold = await tx.ledgerTransfer.findUnique({ where: { id: holdId }, include: { creditAccount: true } });
  if (!hold || hold.kind !== 'pending' || hold.creditAccount.kind !== 'escrow') throw new DomainError('NOT_FOUND', 'No such hold.');
  const resolution = await tx.ledgerTransfer.findUnique({ where: { pendingId: holdId } });
  if (resolution?.kind !== 'post') throw new DomainError('NOT_FOUND', 'This hold was not settled: there is nothing to take back.');
  const payer = await tx.ledgerAccount.findUniqueOrThrow({ where: { id: hold.debitAccountId } });
  const posted = await tx.ledgerTransfer.findMany({
    where: { operationKey: `resolve:${holdId}`, kind: 'posted' },
    include: { creditAccount: true },
  });
  const earningTransfer = posted.find((t) => t.creditAccount.kind === 'user');
  return {
    hold,
    payerUserId: payer.userId!,
    toPlatform: posted.find((t) => t.creditAccount.kind === 'revenue')?.amount ?? 0n,
    earning: earningTransfer ? { transferId: earningTransfer.id, specialistUserId: earningTransfer.creditAccount.userId! } : null,
  };
}

/** The earning row, read after its specialist's lock is held. */
async function lockedEarning(tx: Tx, earning: { transferId: string; specialistUserId: string }) {
  await lockSpecialistEarnings(tx, earning.specialistUserId);
  return tx.specialistEarning.findUniqueOrThrow({ where: { transferId: earning.transferId } });
}

const blockResult = (holdId: string, row: { amount: bigint; reversedAmount: bigint } | null, blocked: boolean): EarningBlock => ({
  holdId,
  blocked,
  amount: row ? toNumber(row.amount - row.reversedAmount) : 0,
});

/** CHAT-5: the complaint is open; PAY-5's withdrawal check skips this earning until it is unblocked. */
export async function blockEarning(db: Db, input: BlockEarningInput, now: () => number = Date.now): Promise<EarningBlock> {
  return runOperation(db, { key: `earning-block:${input.key}`, kind: 'earning.block', request: { ...input } }, async (tx) => {
    const { earning } = await settlementOf(tx, input.holdId);
    const row = earning && (await lockedEarning(tx, earning));
    return {
      result: blockResult(input.holdId, row, row !== null),
      afterApply: async (inner) => {
        if (!row || row.blockedSince) return;
        await inner.specialistEarning.update({
          where: { transferId: row.transferId },
          data: { blockedSince: new Date(now()), blockedReason: input.reason },
        });
      },
    };
  });
}

/** CHAT-5: the administration decided; what is left of the earning is withdrawable again (from its PAY-5 date). */
export async function unblockEarning(db: Db, input: UnblockEarningInput): Promise<EarningBlock> {
  return runOperation(db, { key: `earning-unblock:${input.key}`, kind: 'earning.unblock', request: { ...input } }, async (tx) => {
    const { earning } = await settlementOf(tx, input.holdId);
    const row = earning && (await lockedEarning(tx, earning));
    return {
      result: blockResult(input.holdId, row, false),
      afterApply: async (inner) => {
        if (!row?.blockedSince) return;
        await inner.specialistEarning.update({ where: { transferId: row.transferId }, data: { blockedSince: null, blockedReason: null } });
      },
    };
  });
}

/** CHAT-5: a refund decided after the settlement: back to the payer's balance from the specialist and platform revenue. */
export async function reverseSettlement(db: Db, input: ReverseSettlementInput): Promise<SettlementReversed> {
  const fromSpecialist = minorUnits(input.fromSpecialist, 'fromSpecialist');
  const fromPlatform = minorUnits(input.fromPlatform, 'fromPlatform');
  if (fromSpecialist + fromPlatform === 0n) throw new DomainError('VALIDATION_FAILED', 'A reversal returns more than nothing.');
  const op = { key: `reverse:${input.holdId}`, kind: 'settlement.reverse', request: { ...input } };
  return runOperation(db, op, async (tx) => {
    const settled = await settlementOf(tx, input.holdId);
    const { currency } = settled.hold;
    if (fromPlatform > settled.toPlatform) {
      throw new DomainError(
        'REVERSAL_EXCEEDS_SETTLEMENT',
        `The platform's share of this hold was ${settled.toPlatform}; ${fromPlatform} cannot be returned from it.`,
      );
    }
    const payer = { userId: settled.payerUserId, currency };
    const transfers: NewTransfer[] = [];
    let earningId: string | null = null;
    if (fromSpecialist > 0n) {
      const row = settled.earning && (await lockedEarning(tx, settled.earning));
      if (!row || fromSpecialist > row.amount - row.reversedAmount) {
        throw new DomainError(
          'REVERSAL_EXCEEDS_SETTLEMENT',
          `The specialist's earning from this hold is ${row ? row.amount - row.reversedAmount : 0}; ${fromSpecialist} cannot be returned from it.`,
        );
      }
      if (row.blockedSince === null) {
        throw new DomainError(
          'EARNING_NOT_BLOCKED',
          "CHAT-5: a refund is taken back from the specialist's earning only while the complaint keeps it from being withdrawn; block it first.",
        );
      }
      await assertCovered(tx, row.specialistUserId, currency, fromSpecialist);
      earningId = row.transferId;
      transfers.push({
        kind: 'posted',
        debit: { userId: row.specialistUserId, currency },
        credit: payer,
        amount: fromSpecialist,
        description: `${input.description}: returned by the specialist`,
      });
    }
    if (fromPlatform > 0n) {
      transfers.push({
        kind: 'posted',
        debit: { platform: 'revenue', currency },
        credit: payer,
        amount: fromPlatform,
        description: `${input.description}: commission returned`,
      });
    }
    return {
      result: {
        holdId: input.holdId,
        fromSpecialist: input.fromSpecialist,
        fromPlatform: input.fromPlatform,
        returnedToPayer: toNumber(fromSpecialist + fromPlatform),
      },
      transfers,
      afterApply: async (inner) => {
        if (earningId === null) return;
        await inner.specialistEarning.update({ where: { transferId: earningId }, data: { reversedAmount: { increment: fromSpecialist } } });
      },
    };
  });
}

/**
 * The specialist's account never goes negative. A blocked earning cannot have been withdrawn,
 * so this holds unless the money left some other way; then nothing moves and the caller (the
 * consultation workflow) hands the case to the administration.
 */
async function assertCovered(tx: Tx, specialistUserId: string, currency: string, amount: bigint): Promise<void> {
  const account = await tx.ledgerAccount.findUnique({ where: { code: accountCode({ userId: specialistUserId, currency }) } });
  const available = account ? account.creditsPosted - account.debitsPosted - account.debitsPending : 0n;
  if (available < amount) {
    throw new DomainError(
      'INSUFFICIENT_FUNDS',
      `CHAT-5: the specialist's available balance (${available}) is less than the ${amount} to return to the client; nothing was moved.`,
    );
  }
}
