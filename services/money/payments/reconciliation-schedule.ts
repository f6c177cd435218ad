import { ScheduleOverlapPolicy } from '@temporalio/client';
import {
  paymentsReconciliationScheduleId,
  PAYMENTS_RECONCILIATION_WORKFLOW_TYPE,
  type ReconciliationInput,
} from '../../../domain/payments-reconciliation.ts';
import type { Config } from '../../../infra/config.ts';
import { ensureSchedule, type TemporalTarget } from '../../platform/temporal/gateway.ts';

// The reconciliation job's Temporal Schedule (reconciliation.ts says what a run does). The
// worker makes sure of it at every start: created once, brought to the current settings after.
// A run still going when the next is due is not doubled (overlap SKIP), and runs missed while
// Temporal was down are not replayed one by one (the next one catches up on everything).

export interface ReconciliationSettings extends ReconciliationInput {
  everyMs: number;
}

export function reconciliationSettings(
  config: Pick<Config, 'PAYMENTS_RECONCILE_EVERY_MINUTES' | 'PAYMENTS_RECONCILE_AFTER_MINUTES' | 'PAYMENTS_STRANDED_ALERT_MINUTES'>,
): ReconciliationSettings {
  return {
    everyMs: config.PAYMENTS_RECONCILE_EVERY_MINUTES * 60_000,
    pendingForMs: config.PAYMENTS_RECONCILE_AFTER_MINUTES * 60_000,
    strandedAfterMs: config.PAYMENTS_STRANDED_ALERT_MINUTES * 60_000,
  };
}

/** Creates or updates the schedule; answers its id. */
export async function ensureReconciliationSchedule(target: TemporalTarget, settings: ReconciliationSettings): Promise<string> {
  const scheduleId = paymentsReconciliationScheduleId(target.taskQueue);
  const { everyMs, ...input } = settings;
  await ensureSchedule(target, {
    scheduleId,
    spec: { intervals: [{ every: everyMs }] },
    action: {
      type: 'startWorkflow',
      workflowType: PAYMENTS_RECONCILIATION_WORKFLOW_TYPE,
      workflowId: scheduleId,
      taskQueue: target.taskQueue,
      args: [input],
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: everyMs },
  });
  return scheduleId;
}
