import type { ReconciliationInput, ReconciliationReport } from '../../../domain/payments-reconciliation.ts';
import type { Payment } from '../../../generated/prisma/client.ts';
import { returnLatePayment, type ReconciliationDeps } from './late-money.ts';
import type { ProviderOperationState } from './provider.ts';
import { REFUND_WINDOW_MS } from './refunds.ts';
import { applyProviderOutcome, notifyPaymentProcess, type Notified, type ProviderOutcome, type WebhookDeps } from './webhook.ts';

// Reconciliation (issue 14): a webhook can be lost — the acquirer gave up, the API was killed
// between the acquirer's call and our commit, the database refused connections while it
// retried. So every few minutes (a Temporal Schedule, reconciliation-schedule.ts) the service
// asks the acquirer about each payment, refund and payout still pending after `pendingForMs`,
// and applies a verdict through the webhook's own path (applyProviderOutcome): the ledger's
// keys make it exactly once whichever of the two comes first. It also signals again every
// settled payment whose workflow was not told yet (the signal failed after the credit), and
// sends back to the card a payment that succeeded after its workflow closed (late-money.ts).

export type { ReconciliationDeps } from './late-money.ts';
type Counted = keyof ReconciliationReport;

const BATCH = 200;

export async function reconcilePayments(
  deps: ReconciliationDeps,
  input: ReconciliationInput,
  now: number = Date.now(),
): Promise<ReconciliationReport> {
  const report: ReconciliationReport = { applied: 0, notified: 0, returned: 0, resubmitted: 0, failed: 0 };
  const cutoff = new Date(now - input.pendingForMs);
  // Older than PAY-6's window a payment could not be returned anyway; an abandoned checkout is
  // not asked about for ever.
  const horizon = new Date(now - REFUND_WINDOW_MS);
  const each = async <T extends { id: string }>(rows: T[], reconcile: (row: T) => Promise<Counted[]>) => {
    for (const row of rows) {
      try {
        for (const counted of await reconcile(row)) report[counted] += 1;
      } catch (error) {
        report.failed += 1;
        deps.log.warn({ id: row.id, err: error }, 'reconciliation: item not reconciled, tried again next time');
      }
    }
  };

  const { db, provider } = deps;
  await each(
    await db.payment.findMany({
      where: { status: 'pending', provider: provider.name, providerPaymentId: { not: null }, createdAt: { lt: cutoff, gt: horizon } },
      orderBy: { createdAt: 'asc' },
      take: BATCH,
    }),
    async (payment) => apply(deps, 'payment', payment.id, await provider.paymentStatus(payment.providerPaymentId!), now),
  );
  await each(await untoldPayments(deps, cutoff, horizon), async (payment) =>
    afterNotifying(deps, payment, await notifyPaymentProcess(deps, payment), now),
  );
  await each(
    await db.refund.findMany({ where: { status: 'pending', createdAt: { lt: cutoff } }, include: { payment: true }, take: BATCH }),
    async (refund) => {
      const state = await provider.refundStatus(refund.id);
      if (state.status !== 'unknown') return apply(deps, 'refund', refund.id, state, now);
      // The hold is in the ledger but the instruction never reached the acquirer (a crash in
      // between): hand it over again — idempotent on our id.
      const { providerPaymentId, currency } = refund.payment;
      await provider.refund({ refundId: refund.id, providerPaymentId: providerPaymentId!, amount: refund.amount, currency });
      return ['resubmitted'];
    },
  );
  await each(await db.withdrawal.findMany({ where: { status: 'pending', createdAt: { lt: cutoff } }, take: BATCH }), async (w) => {
    const state = await provider.payoutStatus(w.id);
    if (state.status !== 'unknown') return apply(deps, 'payout', w.id, state, now);
    await provider.payout({ withdrawalId: w.id, amount: w.amount, currency: w.currency, destination: w.destination });
    return ['resubmitted'];
  });
  return report;
}

async function apply(
  deps: ReconciliationDeps,
  kind: ProviderOutcome['kind'],
  reference: string,
  state: ProviderOperationState,
  now: number,
): Promise<Counted[]> {
  if (state.status !== 'succeeded' && state.status !== 'failed') return [];
  const { payment, notified } = await applyProviderOutcome(deps, { kind, reference, outcome: state.status, occurredAt: state.decidedAt });
  deps.log.info({ kind, reference, outcome: state.status }, 'reconciliation: acquirer verdict applied');
  return ['applied', ...(payment && notified === 'process gone' ? await afterNotifying(deps, payment, notified, now) : [])];
}

/** A succeeded payment whose workflow is gone is returned to the card, unless that workflow did see it. */
async function afterNotifying(deps: ReconciliationDeps, payment: Payment, notified: Notified, now: number): Promise<Counted[]> {
  if (notified === 'told') return ['notified'];
  if (notified !== 'process gone' || payment.status !== 'succeeded') return [];
  const late = await returnLatePayment(deps, payment, now);
  return late === 'kept' ? [] : [late === 'told' ? 'notified' : 'returned'];
}

/** Settled before the cutoff, and their workflow not yet told this outcome. */
async function untoldPayments(deps: WebhookDeps, cutoff: Date, horizon: Date): Promise<Payment[]> {
  const ids = await deps.db.$queryRaw<{ id: string }[]>`
    SELECT id FROM payments
     WHERE status <> 'pending' AND notified_status IS DISTINCT FROM status AND returned_at IS NULL
       AND settled_at < ${cutoff} AND settled_at > ${horizon}
     ORDER BY settled_at LIMIT ${BATCH}`;
  return deps.db.payment.findMany({ where: { id: { in: ids.map((row) => row.id) } } });
}
