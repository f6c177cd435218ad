import { randomUUID } from 'node:crypto';
import type { BusinessCalendar } from '../../../domain/calendar.ts';
import { DomainError } from '../../../domain/errors.ts';
import {
  localTime,
  nextWithdrawalMonthStart,
  withdrawableFrom,
  withdrawalMonth,
  WITHDRAWALS_PER_MONTH,
} from '../../../domain/withdrawals.ts';
import type { Withdrawal } from '../../../generated/prisma/client.ts';
import type { Db } from '../../../infra/db.ts';
import { assertCurrency } from '../ledger/accounts.ts';
import { minorUnits } from '../ledger/amounts.ts';
import { lockSpecialistEarnings } from '../ledger/earning-claims.ts';
import { requestHash, runOperation, type Tx } from '../ledger/ledger.ts';
import type { PaymentProvider } from './provider.ts';
import { resolveHeldPayout } from './settlement.ts';
import { loadPlatformCalendar } from '../../platform/business-calendars.ts';
import type { PaymentOutcome } from '../../../domain/money-contract.ts';

// PAY-5: a specialist withdraws earnings to a payout destination, no earlier than 3 working
// days after the answer that earned them was published, at most twice per calendar month.
// The money is held (pending transfer to the payouts account) until the acquirer confirms.

export interface WithdrawalRequest {
  key: string;
  specialistUserId: string;
  amount: number;
  currency: string;
  destination: string;
}

export interface WithdrawalRules {
  now: () => number;
  calendar: BusinessCalendar;
}

export async function requestWithdrawal(
  db: Db,
  provider: PaymentProvider,
  input: WithdrawalRequest,
  givenRules?: WithdrawalRules,
): Promise<Withdrawal> {
  const rules = givenRules ?? { now: Date.now, calendar: await loadPlatformCalendar(db) };
  const amount = minorUnits(input.amount, 'amount', { positive: true });
  assertCurrency(input.currency);
  const hash = requestHash('withdrawal', { ...input });
  const withdrawal =
    (await db.withdrawal.findUnique({ where: { key: input.key } })) ?? (await holdWithdrawal(db, input, amount, hash, rules));
  if (withdrawal.requestHash !== hash) {
    throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different withdrawal.');
  }
  if (withdrawal.status === 'pending') {
    // Also on a retry: the acquirer's payout is idempotent on our id.
    const { id, currency, destination } = withdrawal;
    try {
      await provider.payout({ withdrawalId: id, amount: withdrawal.amount, currency, destination });
    } catch (error) {
      if (error instanceof DomainError) throw error;
      // The money is held and the withdrawal recorded: only the hand-over is missing, and the
      // same request repeats exactly that. A dependency's outage, not our fault (503, not 500).
      throw new DomainError(
        'DEPENDENCY_UNAVAILABLE',
        'The withdrawal is recorded and its amount held, but the acquirer cannot be reached; retry with the same Idempotency-Key.',
        undefined,
        error,
      );
    }
  }
  return withdrawal;
}

/** Checks PAY-5 and holds the amount on the specialist's account, recording the withdrawal with it. */
async function holdWithdrawal(db: Db, input: WithdrawalRequest, amount: bigint, hash: string, rules: WithdrawalRules) {
  const { specialistUserId, currency } = input;
  await runOperation(db, { key: `withdrawal:${input.key}`, kind: 'withdrawal', request: { ...input } }, async (tx) => {
    // One specialist's withdrawals are checked one at a time: the monthly count and the
    // matured earnings must not be read by two requests at once.
    await lockSpecialistEarnings(tx, specialistUserId);
    const now = rules.now();
    const month = withdrawalMonth(rules.calendar, now);
    const taken = await tx.withdrawal.findMany({ where: { specialistUserId, month, monthSeq: { not: null } }, select: { monthSeq: true } });
    // The lowest free place, not count + 1: a failed payout frees a place that may be below a
    // later withdrawal's (1 failed while 2 stands → the next one is 1 again).
    const monthSeq = Array.from({ length: WITHDRAWALS_PER_MONTH }, (_, i) => i + 1).find((seq) => !taken.some((w) => w.monthSeq === seq));
    if (monthSeq === undefined) {
      const next = localTime(rules.calendar, nextWithdrawalMonthStart(rules.calendar, now));
      throw new DomainError(
        'WITHDRAWAL_MONTHLY_LIMIT',
        `PAY-5: at most ${WITHDRAWALS_PER_MONTH} withdrawals per calendar month; the next is allowed from ${next}.`,
      );
    }
    await assertEarningsMatured(tx, input, amount, now, rules.calendar);
    const id = randomUUID();
    const holdId = randomUUID();
    return {
      result: { withdrawalId: id },
      transfers: [
        {
          kind: 'pending',
          id: holdId,
          debit: { userId: specialistUserId, currency },
          credit: { platform: 'payouts', currency },
          amount,
          description: `Withdrawal to ${input.destination}`,
        },
      ],
      afterApply: async (inner) => {
        const { key, destination } = input;
        await inner.withdrawal.create({
          data: {
            id,
            key,
            requestHash: hash,
            specialistUserId,
            amount,
            currency,
            destination,
            month,
            monthSeq,
            holdTransferId: holdId,
          },
        });
      },
    };
  });
  return db.withdrawal.findUniqueOrThrow({ where: { key: input.key } });
}

async function assertEarningsMatured(tx: Tx, input: WithdrawalRequest, amount: bigint, now: number, calendar: BusinessCalendar) {
  const { specialistUserId, currency } = input;
  const earnings = await tx.specialistEarning.findMany({ where: { specialistUserId, currency } });
  const withdrawn = (
    await tx.withdrawal.aggregate({
      where: { specialistUserId, currency, status: { not: 'failed' } },
      _sum: { amount: true },
    })
  )._sum.amount;
  // CHAT-5: what a refunded complaint took back is no longer earned, and an earning under an
  // open complaint waits for the administration's decision, whatever PAY-5's date says.
  const maturing = (rows: typeof earnings) =>
    rows.map((e) => ({ amount: e.amount - e.reversedAmount, withdrawableAt: e.withdrawableAt.getTime() }));
  const free = earnings.filter((e) => e.blockedSince === null);
  const allowedFrom = withdrawableFrom(maturing(free), withdrawn ?? 0n, amount);
  if (allowedFrom === null) {
    if (free.length < earnings.length && withdrawableFrom(maturing(earnings), withdrawn ?? 0n, amount) !== null) {
      throw new DomainError(
        'EARNINGS_UNDER_COMPLAINT',
        "CHAT-5: earnings from a consultation under complaint can't be withdrawn until the administration decides.",
      );
    }
    throw new DomainError('INSUFFICIENT_FUNDS', 'The amount is more than your earnings not yet withdrawn.');
  }
  if (allowedFrom > now) {
    throw new DomainError(
      'WITHDRAWAL_TOO_EARLY',
      'PAY-5: earnings can be withdrawn 3 working days after the answer was published; ' +
        `this amount is allowed from ${localTime(calendar, allowedFrom)}.`,
    );
  }
}

/** The acquirer's verdict on a payout. A failed one frees its place in the monthly limit. */
export async function recordPayoutOutcome(db: Db, withdrawalId: string, outcome: PaymentOutcome, occurredAt: number): Promise<void> {
  const withdrawal = await db.withdrawal.findUnique({ where: { id: withdrawalId } });
  if (!withdrawal) throw new DomainError('NOT_FOUND', 'No such withdrawal.');
  await resolveHeldPayout(db, {
    key: `withdrawal:${withdrawal.id}:outcome`,
    holdId: withdrawal.holdTransferId,
    outcome,
    via: 'payouts',
    markDone: (tx) =>
      tx.withdrawal.update({
        where: { id: withdrawal.id },
        data: { status: outcome, completedAt: new Date(occurredAt), ...(outcome === 'failed' && { monthSeq: null }) },
      }),
  });
}
