// The payment reconciliation job's contract (issue 14): a Temporal Schedule starts the workflow
// every few minutes; it asks the acquirer about everything still pending and applies the
// answers (services/money/payments/reconciliation.ts), then checks that no client balance holds
// money from a closed process (stranded-money.ts). Types only, so workflow code may import it.

export const PAYMENTS_RECONCILIATION_WORKFLOW_TYPE = 'paymentsReconciliationWorkflow';
/** One schedule per task queue (a deployment has one; tests share a server with many). */
export const paymentsReconciliationScheduleId = (taskQueue: string): string => `payments-reconciliation-${taskQueue}`;

export interface ReconciliationInput {
  /** Ask about payments, refunds and payouts pending (or settled but not told to their workflow) longer than this. */
  pendingForMs: number;
  /** Alert the admins about money from a closed process left on a client's balance longer than this. */
  strandedAfterMs: number;
}

export interface ReconciliationReport {
  /** Verdicts learnt from the acquirer and applied (payments, refunds, payouts). */
  applied: number;
  /** Settled payments whose workflow was told only now. */
  notified: number;
  /** Payments that succeeded after their process closed, sent back to the card (PAY-6). */
  returned: number;
  /** Refunds and payouts the acquirer never received, handed to it again. */
  resubmitted: number;
  /** Items that could not be reconciled this time (logged; tried again next time). */
  failed: number;
}

export interface StrandedMoneyReport {
  /** Payments whose money sits on a client's balance although their process is closed. */
  stranded: number;
  /** Admin e-mails queued by this run (each admin hears of a payment once). */
  alerted: number;
}

export interface ReconciliationActivities {
  reconcilePayments(input: ReconciliationInput): Promise<ReconciliationReport>;
  checkStrandedMoney(input: ReconciliationInput): Promise<StrandedMoneyReport>;
}

export type PaymentsReconciliationWorkflow = (input: ReconciliationInput) => Promise<ReconciliationReport & StrandedMoneyReport>;
