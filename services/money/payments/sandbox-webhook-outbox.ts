import { randomUUID } from 'node:crypto';
import type { Db } from '../../../infra/db.ts';
import type { Tx } from '../ledger/ledger.ts';

// The sandbox acquirer's outgoing webhooks, kept in PostgreSQL (table sandbox_acquirer_webhooks)
// as a real acquirer keeps them: a webhook is written in the same transaction as the decision
// it reports, tried at once, and retried with growing delays for days until the service answers
// 2xx. Short delays are waited for in the process that made the decision; longer ones, and
// everything a killed process left behind, are picked up by `deliverDue` (the worker runs it
// every few seconds). A row is claimed before each attempt, so two processes never send it at
// the same moment (sending it twice would still be harmless: the service is idempotent).

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}
/** Sends one webhook request and answers the HTTP status. */
export type WebhookTransport = (request: WebhookRequest) => Promise<number>;

/** 50 ms … 24 h apart, about three and a half days in all, like acquirers' redelivery schedules. */
export const DEFAULT_WEBHOOK_RETRY_DELAYS_MS = [
  50, 500, 2_000, 10_000, 30_000, 60_000, 300_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000, 28_800_000, 43_200_000, 86_400_000,
  86_400_000, 86_400_000,
];
/** Delays up to this long are waited for in the deciding process; longer ones are left to `deliverDue`. */
export const IN_PROCESS_RETRY_MAX_MS = 10_000;
/** How long a claimed row is left alone by other processes while one attempt runs. */
const CLAIM_MS = 60_000;

export interface WebhookOutboxOptions {
  db: Db;
  transport: WebhookTransport;
  /** The signed request for a stored body (signed at send time: signatures carry a timestamp). */
  sign: (body: string) => WebhookRequest;
  /** Delays between attempts; after the last one the webhook is given up (reconciliation remains). */
  retryDelaysMs: number[];
  now: () => number;
}

export class SandboxWebhookOutbox {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: WebhookOutboxOptions) {}

  /** Writes the webhook of a decided operation (idempotent on the operation) and returns its id. */
  async enqueue(db: Db | Tx, operationId: string, body: string): Promise<string> {
    const nextAttemptAt = new Date(this.options.now());
    await db.sandboxAcquirerWebhook.createMany({ data: [{ id: randomUUID(), operationId, body, nextAttemptAt }], skipDuplicates: true });
    return (await db.sandboxAcquirerWebhook.findUniqueOrThrow({ where: { operationId } })).id;
  }

  /** Starts delivering at once, in the background, like a real acquirer: the caller's request returns first. */
  send(webhookId: string): void {
    const delivery = this.deliverInProcess(webhookId).finally(() => this.inFlight.delete(delivery));
    this.inFlight.add(delivery);
  }

  /** One attempt for every webhook due now; answers how many were delivered. */
  async deliverDue(limit = 100): Promise<number> {
    const due = await this.options.db.sandboxAcquirerWebhook.findMany({
      where: { deliveredAt: null, nextAttemptAt: { lte: new Date(this.options.now()) } },
      orderBy: { nextAttemptAt: 'asc' },
      take: limit,
      select: { id: true },
    });
    let delivered = 0;
    for (const { id } of due) if ((await this.attempt(id)) === 'delivered') delivered += 1;
    return delivered;
  }

  /** Resolves when every delivery started in this process has finished (tests wait on it). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async deliverInProcess(webhookId: string): Promise<void> {
    for (;;) {
      const outcome = await this.attempt(webhookId).catch(() => 'skipped' as const);
      if (typeof outcome !== 'number' || outcome > IN_PROCESS_RETRY_MAX_MS) return;
      await new Promise((resolve) => setTimeout(resolve, outcome));
    }
  }

  /** Claims the row and sends it once: 'delivered', 'skipped' (not due, or another process has it), or the delay until the next attempt. */
  private async attempt(webhookId: string): Promise<'delivered' | 'skipped' | 'given up' | number> {
    const { db, now } = this.options;
    const claimed = await db.sandboxAcquirerWebhook.updateMany({
      where: { id: webhookId, deliveredAt: null, nextAttemptAt: { lte: new Date(now()) } },
      data: { nextAttemptAt: new Date(now() + CLAIM_MS) },
    });
    if (claimed.count === 0) return 'skipped';
    const row = await db.sandboxAcquirerWebhook.findUniqueOrThrow({ where: { id: webhookId } });
    const status = await this.options.transport(this.options.sign(row.body)).catch(() => 0);
    const attempts = row.attempts + 1;
    if (status >= 200 && status < 300) {
      await db.sandboxAcquirerWebhook.update({
        where: { id: webhookId },
        data: { attempts, lastStatus: status, deliveredAt: new Date(now()), nextAttemptAt: null },
      });
      return 'delivered';
    }
    const delay = this.options.retryDelaysMs[attempts - 1];
    await db.sandboxAcquirerWebhook.update({
      where: { id: webhookId },
      data: { attempts, lastStatus: status, nextAttemptAt: delay === undefined ? null : new Date(now() + delay) },
    });
    return delay ?? 'given up';
  }
}
