// The contract between the money module (ledger + payments) and the workflows that move
// money through it (orders, consultations). Types only, so workflow code may import it.
//
// Amounts are integer minor units (PAY-1). In workflow and activity payloads they travel as
// JSON numbers (safe integers: Temporal's default converter has no bigint); the database
// keeps BIGINT.
//
// Every call is idempotent on the key it carries (derive it from the workflow id and the
// step, e.g. `order-42/hold`): an activity retry with the same key and the same fields
// returns the first result; the same key with other fields fails with IDEMPOTENCY_KEY_REUSED.

export type Currency = string; // ISO 4217, upper case: 'UZS', 'AZN', 'UAH', …

/**
 * The largest single amount (a price, an order's total, a payment, hold, refund or
 * withdrawal): 10^12 minor units (10 billion in major units — far above any legal service).
 * With it, a sum of up to 9,007 amounts stays a safe integer (2^53 − 1 ≈ 9.007 × 10^15), so
 * an order's charges and any balance a person can reach are exact as JSON numbers; the
 * ledger also refuses a transfer that would take an account's running total past 2^53 − 1
 * (services/money/ledger/ledger.ts), so no view of the books can fail to serialise.
 */
export const MAX_AMOUNT_MINOR = 1_000_000_000_000;

/** A payment's, refund's or withdrawal's state at the acquirer. */
export const PAYMENT_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
/** What the acquirer finally reports. */
export type PaymentOutcome = Exclude<PaymentStatus, 'pending'>;

/** The platform's own ledger accounts (one per currency each); see prisma/schema.prisma. */
export const PLATFORM_ACCOUNT_KINDS = ['provider_clearing', 'escrow', 'revenue', 'refunds_payable', 'payouts'] as const;
export type PlatformAccountKind = (typeof PLATFORM_ACCOUNT_KINDS)[number];
/** A user's account, or one of the platform's. */
export const LEDGER_ACCOUNT_KINDS = ['user', ...PLATFORM_ACCOUNT_KINDS] as const;
export type LedgerAccountKind = (typeof LEDGER_ACCOUNT_KINDS)[number];

export interface StartPaymentInput {
  /** Idempotency key of the payment, e.g. `order-42/payment`. */
  paymentKey: string;
  payerUserId: string;
  amount: number;
  currency: Currency;
  description: string;
  /** The workflow to signal (`paymentSettled`) when the provider reports the outcome. */
  notifyWorkflowId: string;
}

export interface StartedPayment {
  paymentId: string;
  /** Hosted checkout page the client is sent to. */
  checkoutUrl: string;
}

/**
 * Sent by the payment webhook, after the outcome is recorded, to `notifyWorkflowId` as the
 * signal named PAYMENT_SETTLED_SIGNAL. On 'succeeded' the payer's available balance has
 * already been credited with the amount; on 'failed' nothing moved.
 */
export interface PaymentSettled {
  paymentId: string;
  status: PaymentOutcome;
  /** Epoch ms at which the provider confirmed the payment (EL-REF-1 counts from it). */
  settledAt: number;
}
export const PAYMENT_SETTLED_SIGNAL = 'paymentSettled';

export interface HoldFundsInput {
  /** Idempotency key, e.g. `order-42/hold`. */
  holdKey: string;
  userId: string;
  amount: number;
  currency: Currency;
  /** What the money is for, shown in the user's statement (ACC-8). */
  description: string;
}

export interface HoldPlaced {
  holdId: string;
}

/**
 * Resolves a hold exactly once (PAY-2): `toSpecialist` goes to the specialist's available
 * earnings (PAY-5 counts its 3 working days from `publishedAt`), `toPlatform` to platform
 * revenue; whatever is left of the hold returns to the payer's available balance.
 * toSpecialist + toPlatform must not exceed the hold. Delivery: post all of it; a 70 % refund
 * before delivery: toPlatform = 30 %, toSpecialist = 0.
 */
export interface SettleHoldInput {
  holdId: string;
  specialistUserId?: string;
  toSpecialist: number;
  toPlatform: number;
  /** Epoch ms the work was published/delivered; defaults to the settle time. */
  publishedAt?: number;
}

export interface HoldSettled {
  holdId: string;
  toSpecialist: number;
  toPlatform: number;
  returnedToPayer: number;
}

/** PAY-6: money from the payer's available balance back to the original payment method. */
export interface RefundPaymentInput {
  /** Idempotency key, e.g. `order-42/refund`. */
  refundKey: string;
  paymentId: string;
  amount: number;
}

export interface RefundStarted {
  refundId: string;
  status: PaymentStatus;
}

/**
 * CHAT-5, PAY-5: while a complaint about settled work is open, the specialist's earning from
 * that hold cannot be withdrawn (a decision may come after PAY-5's 3 working days). Idempotent
 * on `key`, e.g. `consultation-42/complaint/block`. A hold whose settlement paid the specialist
 * nothing has no earning to block: `blocked` is then false.
 */
export interface BlockEarningInput {
  key: string;
  holdId: string;
  /** Why, kept on the earning for the administration (e.g. `complaint consultation-42`). */
  reason: string;
}

/** Lifts the block (the complaint was decided); idempotent on `key`, e.g. `consultation-42/complaint/unblock`. */
export interface UnblockEarningInput {
  key: string;
  holdId: string;
}

export interface EarningBlock {
  holdId: string;
  blocked: boolean;
  /** What is left of the earning (its amount less what a refund took back); 0 when there is none. */
  amount: number;
}

/**
 * CHAT-5: a refund after the hold was settled. `fromSpecialist` comes back out of the
 * specialist's account (only while their earning is blocked, so it cannot have been withdrawn)
 * and `fromPlatform` out of platform revenue, both to the payer's available balance (from
 * there PAY-6 takes it to the card). At most once per hold: the key is `reverse:<holdId>`.
 */
export interface ReverseSettlementInput {
  holdId: string;
  fromSpecialist: number;
  fromPlatform: number;
  /** Shown in both statements (ACC-8), e.g. `Refund after complaint (CHAT-5)`. */
  description: string;
}

export interface SettlementReversed {
  holdId: string;
  fromSpecialist: number;
  fromPlatform: number;
  returnedToPayer: number;
}

/** Activities the money module registers on the worker; workflows proxy them by these names. */
export interface MoneyActivities {
  startPayment(input: StartPaymentInput): Promise<StartedPayment>;
  holdFunds(input: HoldFundsInput): Promise<HoldPlaced>;
  settleHold(input: SettleHoldInput): Promise<HoldSettled>;
  /** Void the whole hold: everything returns to the payer's available balance. */
  releaseHold(input: { holdId: string }): Promise<HoldSettled>;
  refundPayment(input: RefundPaymentInput): Promise<RefundStarted>;
  blockEarning(input: BlockEarningInput): Promise<EarningBlock>;
  unblockEarning(input: UnblockEarningInput): Promise<EarningBlock>;
  reverseSettlement(input: ReverseSettlementInput): Promise<SettlementReversed>;
}
