// The boundary to an acquirer (Payme, Click, Stripe, … or the built-in sandbox). A real
// acquirer is one new module implementing this interface; nothing else changes.
//
// Everything an acquirer does is asynchronous: a payment completes when the payer acts on
// the hosted checkout page, a refund or payout when the acquirer's bank does. Outcomes come
// back as signed webhook events, possibly several times, late, or out of order; the service
// identifies the affected record by `reference`, the id the service gave it.

export type ProviderEventType =
  'payment.succeeded' | 'payment.failed' | 'refund.succeeded' | 'refund.failed' | 'payout.succeeded' | 'payout.failed';

export interface ProviderEvent {
  /** Stable across redeliveries of the same event. */
  eventId: string;
  type: ProviderEventType;
  /** The service's id of the payment, refund or withdrawal. */
  reference: string;
  /** Epoch ms at which the acquirer decided. */
  occurredAt: number;
}

/**
 * What the acquirer says about one operation when asked (reconciliation, not a webhook):
 * `unknown` — it has no record of it (the instruction never reached it); `pending` — not decided
 * yet; otherwise its final verdict and when it was reached.
 */
export type ProviderOperationState = { status: 'unknown' | 'pending' } | { status: 'succeeded' | 'failed'; decidedAt: number };

export interface PaymentProvider {
  readonly name: string;
  /** Idempotent on `paymentId`: asking again returns the same checkout. */
  createPayment(input: { paymentId: string; amount: bigint; currency: string; description: string }): Promise<{
    providerPaymentId: string;
    checkoutUrl: string;
  }>;
  /** PAY-6: back to the original payment method. Idempotent on `refundId`. */
  refund(input: { refundId: string; providerPaymentId: string; amount: bigint; currency: string }): Promise<void>;
  /** PAY-5: pay a withdrawal out to the specialist's destination. Idempotent on `withdrawalId`. */
  payout(input: { withdrawalId: string; amount: bigint; currency: string; destination: string }): Promise<void>;
  /** The state of a payment at the acquirer, by the acquirer's id of it (`createPayment`'s `providerPaymentId`). */
  paymentStatus(providerPaymentId: string): Promise<ProviderOperationState>;
  /** The state of a refund, by the service's id given to `refund` (`refundId`). */
  refundStatus(refundId: string): Promise<ProviderOperationState>;
  /** The state of a payout, by the service's id given to `payout` (`withdrawalId`). */
  payoutStatus(withdrawalId: string): Promise<ProviderOperationState>;
  /**
   * Verifies the webhook's signature over the exact bytes received and parses the event.
   * Throws DomainError WEBHOOK_SIGNATURE_INVALID when the signature does not verify, and
   * VALIDATION_FAILED when a signed body is not an event this service understands.
   */
  parseWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): ProviderEvent;
}
