import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { DomainError } from '../../../domain/errors.ts';
import { PAYMENT_SETTLED_SIGNAL, type PaymentOutcome } from '../../../domain/money-contract.ts';
import type { Db } from '../../../infra/db.ts';
import { signalProcess } from '../../platform/temporal/gateway.ts';
import { paymentSettled, recordPaymentOutcome } from './payments.ts';
import type { ProviderEvent } from './provider.ts';
import { recordRefundOutcome } from './refunds.ts';
import { recordPayoutOutcome } from './withdrawals.ts';

// What a verified acquirer event does (PAY-3). Every branch is idempotent — ledger keys are
// derived from the payment, refund or withdrawal, statuses only move forward — so the
// acquirer may deliver an event several times, late, or out of order. Each event id is also
// recorded, so the answer can say whether it was seen before.

interface Logger {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
}

export interface WebhookDeps {
  db: Db;
  client: Client;
  log: Logger;
}

export async function handleProviderEvent(deps: WebhookDeps, provider: string, event: ProviderEvent): Promise<{ duplicate: boolean }> {
  const { db } = deps;
  const [kind, outcome] = event.type.split('.') as ['payment' | 'refund' | 'payout', PaymentOutcome];
  try {
    if (kind === 'payment') {
      const payment = await recordPaymentOutcome(db, event.reference, outcome, event.occurredAt);
      const settled = paymentSettled(payment);
      // Signalled on every delivery (at least once): the workflow treats a repeat as a no-op.
      if (settled) await signalPaymentSettled(deps, payment.notifyWorkflowId, settled);
    } else if (kind === 'refund') {
      await recordRefundOutcome(db, event.reference, outcome, event.occurredAt);
    } else {
      await recordPayoutOutcome(db, event.reference, outcome, event.occurredAt);
    }
  } catch (error) {
    // A verdict contradicting one already applied is stale: the first one stands.
    if (!(error instanceof DomainError && error.code === 'HOLD_ALREADY_RESOLVED')) throw error;
    deps.log.warn({ eventId: event.eventId, type: event.type }, 'stale acquirer event ignored');
  }
  const recorded = await db.providerEvent.createMany({
    data: [{ provider, eventId: event.eventId, type: event.type }],
    skipDuplicates: true,
  });
  return { duplicate: recorded.count === 0 };
}

async function signalPaymentSettled(deps: WebhookDeps, workflowId: string, settled: NonNullable<ReturnType<typeof paymentSettled>>) {
  try {
    await signalProcess(deps, workflowId, PAYMENT_SETTLED_SIGNAL, [settled]);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) {
      deps.log.info({ workflowId, paymentId: settled.paymentId }, 'payment settled for a workflow that is gone');
      return;
    }
    // The acquirer will redeliver; the outcome is already recorded, so only the signal repeats.
    throw new DomainError('DEPENDENCY_UNAVAILABLE', 'Could not notify the order; deliver the event again.', undefined, error);
  }
}
