import type { StrandedMoneyReport } from '../../../domain/payments-reconciliation.ts';
import { formatMinorUnits } from '../../../domain/money-format.ts';
import type { Db } from '../../../infra/db.ts';
import { dispatchEmail, queueEmail } from '../../platform/outbox.ts';
import type { TemporalTarget } from '../../platform/temporal/gateway.ts';
import type { Logger } from './webhook.ts';

// The invariant behind late-money.ts (issue 14): no client balance holds money from a closed
// process for longer than `strandedAfterMs`. Money is "from a closed process" when a payment
// succeeded but no workflow took it (its workflow was never told of the success: it closed or
// was unreachable) and it was not sent back to the card in full (refunds not failed). It is
// "held" as far as the payer's available balance still covers it. Reconciliation normally
// returns such money within minutes; what this check finds is what it could not (the payer
// spent part of it, the acquirer refused the refund, the job itself failing), and a person
// must look: every admin gets one e-mail per payment, and each run logs a line while it lasts.

export interface StrandedPayment {
  paymentId: string;
  payerUserId: string;
  workflowId: string;
  currency: string;
  settledAt: Date;
  /** What of the payment sits on the payer's available balance (minor units). */
  stranded: bigint;
}

export async function findStrandedMoney(db: Db, input: { strandedAfterMs: number }, now: number): Promise<StrandedPayment[]> {
  const cutoff = new Date(now - input.strandedAfterMs);
  const rows = await db.$queryRaw<(Omit<StrandedPayment, 'stranded'> & { unreturned: bigint; available: bigint })[]>`
    SELECT p.id AS "paymentId", p.payer_user_id AS "payerUserId", p.notify_workflow_id AS "workflowId", p.currency,
           p.settled_at AS "settledAt",
           p.amount - coalesce((SELECT sum(r.amount) FROM refunds r WHERE r.payment_id = p.id AND r.status <> 'failed'), 0)::bigint
             AS unreturned,
           coalesce(a.credits_posted - a.debits_posted - a.debits_pending, 0)::bigint AS available
      FROM payments p
      LEFT JOIN ledger_accounts a ON a.code = 'user:' || p.payer_user_id || ':' || p.currency
     WHERE p.status = 'succeeded' AND p.notified_status IS DISTINCT FROM 'succeeded' AND p.settled_at < ${cutoff}
     ORDER BY p.settled_at`;
  return rows.flatMap(({ unreturned, available, ...row }) => {
    const stranded = unreturned < available ? unreturned : available;
    return stranded > 0n ? [{ ...row, stranded }] : [];
  });
}

/** Runs the check: logs each stranded payment and e-mails the admins once per payment. */
export async function checkStrandedMoney(
  deps: { db: Db; temporal: TemporalTarget; log: Logger },
  input: { strandedAfterMs: number },
  now: number,
): Promise<StrandedMoneyReport> {
  const { db, log } = deps;
  const stranded = await findStrandedMoney(db, input, now);
  if (stranded.length === 0) return { stranded: 0, alerted: 0 };
  const admins = await db.user.findMany({ where: { role: 'admin', suspendedAt: null }, select: { id: true, email: true } });
  let alerted = 0;
  for (const payment of stranded) {
    const amount = formatMinorUnits(payment.stranded, payment.currency);
    log.warn({ ...payment, stranded: String(payment.stranded) }, `stranded money: ${amount} of a closed process on a client's balance`);
    for (const admin of admins) {
      const dedupeKey = `stranded-money/${payment.paymentId}/${admin.id}`;
      if (await db.outboxEmail.findUnique({ where: { dedupeKey }, select: { id: true } })) continue;
      const body = [
        `Payment ${payment.paymentId} of ${amount} succeeded on ${payment.settledAt.toISOString()}, but its process`,
        `(${payment.workflowId}) is closed and the money could not be returned to the card automatically.`,
        `It is on the balance of client ${payment.payerUserId}. Please return it (PAY-6) or apply it by hand.`,
      ].join('\n');
      await dispatchEmail(
        deps.temporal,
        await queueEmail(db, { recipient: admin.email, subject: `Stranded payment: ${amount}`, body, dedupeKey }),
      );
      alerted += 1;
    }
  }
  return { stranded: stranded.length, alerted };
}
