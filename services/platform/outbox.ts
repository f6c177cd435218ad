import type { Db } from '../../infra/db.ts';
import { startProcess, type TemporalTarget } from './temporal/gateway.ts';
import { emailDeliveryWorkflowId, EMAIL_DELIVERY_WORKFLOW_TYPE, type EmailDeliveryWorkflow } from '../../domain/delivery/contract.ts';

// The e-mail outbox: a row is written with the change that causes the mail, then one durable
// delivery workflow per row sends it. If starting that workflow fails, the outbox sweep
// (sweepOutbox below, run periodically by worker/main.ts) finds the row later, so no mail is lost.

export interface EmailToQueue {
  recipient: string;
  subject: string;
  body: string;
  dedupeKey?: string;
  /** Where the recipient's "Reply" goes (ticket mail: the support mailbox). */
  replyTo?: string;
  /** The Message-ID this mail answers, so the recipient's client threads it. */
  inReplyTo?: string;
}

/** The Message-ID an outbox row is sent with: stable across retries, so it can be recorded before sending. */
export const outboxMessageId = (outboxId: string): string => `<${outboxId}@maslahat.outbox>`;

type DbOrTx = Pick<Db, 'outboxEmail'>;

export async function queueEmail(db: DbOrTx, email: EmailToQueue): Promise<string> {
  if (email.dedupeKey === undefined) return (await db.outboxEmail.create({ data: email })).id;
  await db.outboxEmail.createMany({ data: [email], skipDuplicates: true });
  const row = await db.outboxEmail.findUniqueOrThrow({ where: { dedupeKey: email.dedupeKey } });
  return row.id;
}

export async function dispatchEmail(temporal: TemporalTarget, outboxId: string): Promise<void> {
  await startProcess<EmailDeliveryWorkflow>(temporal, EMAIL_DELIVERY_WORKFLOW_TYPE, {
    workflowId: emailDeliveryWorkflowId(outboxId),
    args: [outboxId],
    // A running delivery for this row is already doing the work.
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
}

// The safety net behind "no mail is lost": a row whose delivery workflow never started (the
// process died between the commit and the start) is dispatched again. Rows younger than
// `graceMs` are left to their own dispatch; re-dispatching a row whose delivery is still
// running is harmless (USE_EXISTING). Rows with attempts already have a delivery workflow
// (it retries without end) and are passed over: during a long SMTP outage they would
// otherwise fill every sweep and a lost row behind them would never be reached.
export async function sweepOutbox(
  db: Pick<Db, 'outboxEmail'>,
  temporal: TemporalTarget,
  options: { now: Date; graceMs: number; limit: number },
): Promise<number> {
  const stale = await db.outboxEmail.findMany({
    where: { sentAt: null, attempts: 0, createdAt: { lt: new Date(options.now.getTime() - options.graceMs) } },
    orderBy: { createdAt: 'asc' },
    take: options.limit,
    select: { id: true },
  });
  for (const row of stale) await dispatchEmail(temporal, row.id);
  return stale.length;
}
