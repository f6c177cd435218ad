import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import type { Db } from '../../../infra/db.ts';
import type { PaymentProvider, ProviderEvent, ProviderEventType, ProviderOperationState } from './provider.ts';
import {
  DEFAULT_WEBHOOK_RETRY_DELAYS_MS,
  SandboxWebhookOutbox,
  type WebhookRequest,
  type WebhookTransport,
} from './sandbox-webhook-outbox.ts';
import { SIGNATURE_HEADER, signWebhook, verifyWebhookSignature } from './webhook-signature.ts';

// The built-in acquirer, the default in development and tests. It behaves like a real one:
// it keeps its own records (table sandbox_acquirer_operations), serves a hosted checkout page
// (api/routes/sandbox-checkout.ts) where the payer pays or declines, and reports every outcome
// later, by an HMAC-signed webhook POSTed to the service, kept in the database and retried for
// days until the service answers 2xx (sandbox-webhook-outbox.ts).
// Refunds and payouts are decided at once and reported the same way; a payout to a
// destination ending in "0002" is declined (like acquirers' test cards), to exercise failures.

export type { WebhookRequest, WebhookTransport } from './sandbox-webhook-outbox.ts';

export const httpTransport: WebhookTransport = async (request) => {
  const response = await fetch(request.url, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(10_000),
  });
  return response.status;
};

export interface SandboxAcquirerOptions {
  db: Db;
  secret: string;
  /** Base of the checkout URLs the payer's browser opens. */
  publicBaseUrl: string;
  /** Where webhooks go; default `${publicBaseUrl}/v1/payments/webhook`. */
  webhookUrl?: string;
  transport?: WebhookTransport;
  /** Delays between delivery attempts; a real acquirer retries for days (default DEFAULT_WEBHOOK_RETRY_DELAYS_MS). */
  retryDelaysMs?: number[];
  now?: () => number;
}

const WebhookBody = z.object({
  id: z.string().min(1).max(200),
  type: z.enum(['payment.succeeded', 'payment.failed', 'refund.succeeded', 'refund.failed', 'payout.succeeded', 'payout.failed']),
  reference: z.uuid(),
  occurredAt: z.iso.datetime(),
});

type Operation = { id: string; kind: string; reference: string; status: string; decidedAt: Date | null };

function stateOf(operation: Operation): ProviderOperationState {
  if (operation.status === 'pending' || operation.decidedAt === null) return { status: 'pending' };
  return { status: operation.status === 'succeeded' ? 'succeeded' : 'failed', decidedAt: operation.decidedAt.getTime() };
}

export class SandboxAcquirer implements PaymentProvider {
  readonly name = 'sandbox';
  private readonly now: () => number;
  private readonly outbox: SandboxWebhookOutbox;

  constructor(private readonly options: SandboxAcquirerOptions) {
    this.now = options.now ?? Date.now;
    this.outbox = new SandboxWebhookOutbox({
      db: options.db,
      transport: options.transport ?? httpTransport,
      sign: (body) => this.signed(body),
      retryDelaysMs: options.retryDelaysMs ?? DEFAULT_WEBHOOK_RETRY_DELAYS_MS,
      now: this.now,
    });
  }

  async createPayment(input: { paymentId: string; amount: bigint; currency: string; description: string }) {
    const operation = await this.record('payment', input.paymentId, {
      amount: input.amount,
      currency: input.currency,
      description: input.description,
      status: 'pending',
    });
    return { providerPaymentId: operation.id, checkoutUrl: `${this.options.publicBaseUrl}/v1/payments/checkout/${operation.id}` };
  }

  /** The payer's click on the checkout page; only the first decision counts. */
  async decide(checkoutId: string, decision: 'pay' | 'decline'): Promise<Operation | null> {
    const status = decision === 'pay' ? 'succeeded' : 'failed';
    // The decision and its webhook commit together: a crash right after the click loses neither.
    const webhookId = await this.options.db.$transaction(async (tx) => {
      const decided = await tx.sandboxAcquirerOperation.updateMany({
        where: { id: checkoutId, kind: 'payment', status: 'pending' },
        data: { status, decidedAt: new Date(this.now()) },
      });
      if (decided.count === 0) return null;
      const operation = await tx.sandboxAcquirerOperation.findUniqueOrThrow({ where: { id: checkoutId } });
      return this.outbox.enqueue(tx, operation.id, this.eventBody(operation));
    });
    if (webhookId) this.outbox.send(webhookId);
    return this.checkout(checkoutId);
  }

  async checkout(checkoutId: string) {
    return this.options.db.sandboxAcquirerOperation.findUnique({ where: { id: checkoutId } });
  }

  async refund(input: { refundId: string; providerPaymentId: string; amount: bigint; currency: string }) {
    const payment = await this.checkout(input.providerPaymentId);
    if (!payment || payment.kind !== 'payment') throw new DomainError('NOT_FOUND', 'The acquirer knows no such payment.');
    const refunded = await this.options.db.sandboxAcquirerOperation.aggregate({
      where: { kind: 'refund', paymentId: payment.id, status: 'succeeded', NOT: { reference: input.refundId } },
      _sum: { amount: true },
    });
    const fits = payment.status === 'succeeded' && (refunded._sum.amount ?? 0n) + input.amount <= payment.amount;
    await this.report(
      await this.record('refund', input.refundId, {
        amount: input.amount,
        currency: input.currency,
        description: `refund of ${payment.id}`,
        paymentId: payment.id,
        status: fits ? 'succeeded' : 'failed',
        decidedAt: new Date(this.now()),
      }),
    );
  }

  async payout(input: { withdrawalId: string; amount: bigint; currency: string; destination: string }) {
    await this.report(
      await this.record('payout', input.withdrawalId, {
        amount: input.amount,
        currency: input.currency,
        description: `payout to ${input.destination}`,
        status: input.destination.endsWith('0002') ? 'failed' : 'succeeded',
        decidedAt: new Date(this.now()),
      }),
    );
  }

  async paymentStatus(providerPaymentId: string): Promise<ProviderOperationState> {
    if (!z.uuid().safeParse(providerPaymentId).success) return { status: 'unknown' };
    const operation = await this.checkout(providerPaymentId);
    return operation?.kind === 'payment' ? stateOf(operation) : { status: 'unknown' };
  }

  async refundStatus(refundId: string): Promise<ProviderOperationState> {
    return this.stateByReference('refund', refundId);
  }

  async payoutStatus(withdrawalId: string): Promise<ProviderOperationState> {
    return this.stateByReference('payout', withdrawalId);
  }

  private async stateByReference(kind: string, reference: string): Promise<ProviderOperationState> {
    const operation = await this.options.db.sandboxAcquirerOperation.findUnique({ where: { kind_reference: { kind, reference } } });
    return operation ? stateOf(operation) : { status: 'unknown' };
  }

  parseWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): ProviderEvent {
    verifyWebhookSignature(this.options.secret, rawBody, headers[SIGNATURE_HEADER], this.now());
    let parsed: z.infer<typeof WebhookBody>;
    try {
      parsed = WebhookBody.parse(JSON.parse(rawBody.toString('utf8')));
    } catch {
      throw new DomainError('VALIDATION_FAILED', 'The webhook body is not a sandbox event.');
    }
    return { eventId: parsed.id, type: parsed.type, reference: parsed.reference, occurredAt: Date.parse(parsed.occurredAt) };
  }

  /** The webhook body and headers for an operation's outcome, as the acquirer sends them. */
  webhookFor(operation: Operation): WebhookRequest {
    return this.signed(this.eventBody(operation));
  }

  /** One attempt for every stored webhook that is due (the worker calls it every few seconds); answers how many arrived. */
  deliverDueWebhooks(limit?: number): Promise<number> {
    return this.outbox.deliverDue(limit);
  }

  /** Resolves when every webhook delivery started by this process has finished (tests wait on it). */
  idle(): Promise<void> {
    return this.outbox.idle();
  }

  private eventBody(operation: Operation): string {
    return JSON.stringify({
      id: `${operation.id}:${operation.status}`,
      type: `${operation.kind}.${operation.status}` as ProviderEventType,
      reference: operation.reference,
      occurredAt: (operation.decidedAt ?? new Date(this.now())).toISOString(),
    });
  }

  private signed(body: string): WebhookRequest {
    return {
      url: this.options.webhookUrl ?? `${this.options.publicBaseUrl}/v1/payments/webhook`,
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signWebhook(this.options.secret, body, this.now()) },
      body,
    };
  }

  // Idempotent on (kind, reference): the service may call again after a crash or a retry.
  private async record(
    kind: string,
    reference: string,
    data: { amount: bigint; currency: string; description: string; status: string; paymentId?: string; decidedAt?: Date },
  ) {
    await this.options.db.sandboxAcquirerOperation.createMany({
      data: [{ id: randomUUID(), kind, reference, ...data }],
      skipDuplicates: true,
    });
    return this.options.db.sandboxAcquirerOperation.findUniqueOrThrow({ where: { kind_reference: { kind, reference } } });
  }

  // Asynchronous, like a real acquirer: the caller's request returns before the webhook leaves.
  // Stored first (idempotent on the operation), so a retried refund or payout after a crash
  // still finds its webhook on the way.
  private async report(operation: Operation): Promise<void> {
    if (operation.status === 'pending') return;
    this.outbox.send(await this.outbox.enqueue(this.options.db, operation.id, this.eventBody(operation)));
  }
}
