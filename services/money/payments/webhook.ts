import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { DomainError } from '../../../domain/errors.ts';
import { PAYMENT_SETTLED_SIGNAL, type PaymentOutcome } from '../../../domain/money-contract.ts';
import type { Payment } from '../../../generated/prisma/client.ts';
import type { Db } from '../../../infra/db.ts';
import { signalProcess } from '../../platform/temporal/gateway.ts';
import { paymentSettled, recordPaymentOutcome } from './payments.ts';
import type { ProviderEvent } from './provider.ts';
import { recordRefundOutcome } from './refunds.ts';
import { recordPayoutOutcome } from './withdrawals.ts';

// What an acquirer's verdict does (PAY-3), whether it arrives by webhook or reconciliation
// asks for it (reconciliation.ts): both go through applyProviderOutcome. Every branch is
// idempotent — ledger keys are derived from the payment, refund or withdrawal, statuses only
// move forward — so a verdict may arrive several times, late, out of order, or both ways.
// Webhook event ids are also recorded, so the answer can say whether it was seen before.

export interface Logger {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
}

export interface WebhookDeps {
  db: Db;
  client: Client;
  log: Logger;
}

export interface ProviderOutcome {
  kind: 'payment' | 'refund' | 'payout';
  /** The service's id of the payment, refund or withdrawal. */
  reference: string;
  outcome: PaymentOutcome;
  /** Epoch ms at which the acquirer decided. */
  occurredAt: number;
}

/** What became of the notify workflow's signal: told, or the workflow is closed or gone. */
export type Notified = 'told' | 'nothing to tell' | 'process gone';

export async function handleProviderEvent(deps: WebhookDeps, provider: string, event: ProviderEvent): Promise<{ duplicate: boolean }> {
  const [kind, outcome] = event.type.split('.') as [ProviderOutcome['kind'], PaymentOutcome];
  await applyProviderOutcome(deps, { kind, outcome, reference: event.reference, occurredAt: event.occurredAt });
  const recorded = await deps.db.providerEvent.createMany({
    data: [{ provider, eventId: event.eventId, type: event.type }],
    skipDuplicates: true,
  });
  return { duplicate: recorded.count === 0 };
}

/** Records a verdict (exactly once in the ledger) and tells the payment's workflow; answers the payment for payments. */
export async function applyProviderOutcome(
  deps: WebhookDeps,
  verdict: ProviderOutcome,
): Promise<{ payment?: Payment; notified?: Notified }> {
  const { db } = deps;
  try {
    if (verdict.kind === 'payment') {
      const payment = await recordPaymentOutcome(db, verdict.reference, verdict.outcome, verdict.occurredAt);
      return { payment, notified: await notifyPaymentProcess(deps, payment) };
    }
    if (verdict.kind === 'refund') await recordRefundOutcome(db, verdict.reference, verdict.outcome, verdict.occurredAt);
    else await recordPayoutOutcome(db, verdict.reference, verdict.outcome, verdict.occurredAt);
  } catch (error) {
    // A verdict contradicting one already applied is stale: the first one stands.
    if (!(error instanceof DomainError && error.code === 'HOLD_ALREADY_RESOLVED')) throw error;
    deps.log.warn({ reference: verdict.reference, kind: verdict.kind, outcome: verdict.outcome }, 'stale acquirer verdict ignored');
  }
  return {};
}

/**
 * Signals `paymentSettled` to the payment's workflow unless it was already told this outcome,
 * and notes that it was. A closed or unknown workflow is reported, not an error: what happens
 * to its money is reconciliation's decision (late-money.ts).
 */
export async function notifyPaymentProcess(deps: WebhookDeps, payment: Payment): Promise<Notified> {
  const settled = paymentSettled(payment);
  if (!settled || payment.notifiedStatus === payment.status) return 'nothing to tell';
  const workflowId = payment.notifyWorkflowId;
  try {
    await signalProcess(deps, workflowId, PAYMENT_SETTLED_SIGNAL, [settled]);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) {
      deps.log.info({ workflowId, paymentId: settled.paymentId }, 'payment settled for a workflow that is gone');
      // A failed payment owes nobody anything; a succeeded one is reconciliation's (late-money.ts).
      if (payment.status === 'failed') await markNotified(deps.db, payment.id, 'failed');
      return 'process gone';
    }
    // The acquirer will redeliver, and reconciliation signals again; the outcome is already recorded.
    throw new DomainError('DEPENDENCY_UNAVAILABLE', 'Could not notify the order; deliver the event again.', undefined, error);
  }
  await markNotified(deps.db, payment.id, payment.status);
  return 'told';
}

export async function markNotified(db: Db, paymentId: string, status: Payment['status']): Promise<void> {
  await db.payment.update({ where: { id: paymentId }, data: { notifiedStatus: status } });
}
