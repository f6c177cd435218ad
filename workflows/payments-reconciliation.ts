import { proxyActivities } from '@temporalio/workflow';
import type {
  ReconciliationActivities,
  ReconciliationInput,
  ReconciliationReport,
  StrandedMoneyReport,
} from '../domain/payments-reconciliation.ts';

// One reconciliation run, started by its Schedule (services/money/payments/reconciliation-schedule.ts).
// The activity goes through its batch item by item and reports what it could not do; a run that
// fails as a whole (database away) is retried a few times, and the next run comes anyway. The
// stranded-money check (the invariant) runs after it.
const { reconcilePayments, checkStrandedMoney } = proxyActivities<ReconciliationActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { maximumAttempts: 3 },
});

export async function paymentsReconciliationWorkflow(input: ReconciliationInput): Promise<ReconciliationReport & StrandedMoneyReport> {
  const reconciled = await reconcilePayments(input);
  // After the run's returns, so that only what reconciliation could not return is reported.
  return { ...reconciled, ...(await checkStrandedMoney(input)) };
}
