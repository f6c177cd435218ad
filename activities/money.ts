import { ApplicationFailure } from '@temporalio/activity';
import { DomainError } from '../domain/errors.ts';
import type { MoneyActivities } from '../domain/money-contract.ts';
import type { Db } from '../infra/db.ts';
import { blockEarning, reverseSettlement, unblockEarning } from '../services/money/ledger/earning-claims.ts';
import { holdFunds, releaseHold, settleHold } from '../services/money/ledger/holds.ts';
import { startPayment } from '../services/money/payments/payments.ts';
import type { PaymentProvider } from '../services/money/payments/provider.ts';
import { refundPayment } from '../services/money/payments/refunds.ts';

// The money module's activities (domain/money-contract.ts). Each carries its caller's
// idempotency key, so a retry after a timeout or a worker crash returns the first result and
// moves nothing twice. Business refusals (insufficient funds, a hold already resolved, a key
// reused …) are non-retryable failures whose `type` is the DomainError code.

export interface MoneyActivityDeps {
  db: Db;
  payments: PaymentProvider;
  now?: () => number;
}

async function businessFailuresFinal<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof DomainError) {
      throw ApplicationFailure.create({ type: error.code, message: error.message, nonRetryable: true, cause: error });
    }
    throw error;
  }
}

export function createMoneyActivities(deps: MoneyActivityDeps): MoneyActivities {
  const { db, payments } = deps;
  const now = deps.now ?? Date.now;
  return {
    startPayment: (input) => businessFailuresFinal(() => startPayment(db, payments, input)),
    holdFunds: (input) => businessFailuresFinal(() => holdFunds(db, input)),
    settleHold: (input) => businessFailuresFinal(() => settleHold(db, input, now)),
    releaseHold: (input) => businessFailuresFinal(() => releaseHold(db, input)),
    refundPayment: (input) => businessFailuresFinal(() => refundPayment(db, payments, input, now)),
    blockEarning: (input) => businessFailuresFinal(() => blockEarning(db, input, now)),
    unblockEarning: (input) => businessFailuresFinal(() => unblockEarning(db, input)),
    reverseSettlement: (input) => businessFailuresFinal(() => reverseSettlement(db, input)),
  };
}
