import { log } from '@temporalio/activity';
import type { ReconciliationActivities } from '../domain/payments-reconciliation.ts';
import type { Db } from '../infra/db.ts';
import type { PaymentProvider } from '../services/money/payments/provider.ts';
import { reconcilePayments } from '../services/money/payments/reconciliation.ts';
import { checkStrandedMoney } from '../services/money/payments/stranded-money.ts';
import type { Logger } from '../services/money/payments/webhook.ts';
import type { TemporalTarget } from '../services/platform/temporal/gateway.ts';

// The reconciliation job's activities (domain/payments-reconciliation.ts). Its log lines go
// to the worker's log through the activity logger.
const activityLog: Logger = {
  info: (fields, message) => {
    log.info(message, { ...fields });
  },
  warn: (fields, message) => {
    log.warn(message, { ...fields });
  },
};

export function createReconciliationActivities(deps: {
  db: Db;
  payments: PaymentProvider;
  temporal: TemporalTarget;
  now?: () => number;
}): ReconciliationActivities {
  const now = deps.now ?? Date.now;
  const services = { db: deps.db, client: deps.temporal.client, log: activityLog, provider: deps.payments };
  return {
    reconcilePayments: (input) => reconcilePayments(services, input, now()),
    checkStrandedMoney: (input) => checkStrandedMoney({ db: deps.db, temporal: deps.temporal, log: activityLog }, input, now()),
  };
}
