// EL-REF-1…3: how much of an order's price goes back to the client when it ends without
// delivery. Pure (instants in, integers out) so the order workflow and the API's quote share it.
//
// Shares are basis points (1 bp = 0.01 %). Rounding rule: the refunded part is rounded DOWN
// to the minor unit and the platform keeps exactly the rest, so refunded + kept = price to
// the last tiyin/tiyn and no amount is ever created or lost by rounding.

/** Stored on every order so a later change of the schedule never rewrites an old promise. */
export const REFUND_POLICY_VERSION = 'e-legal-7.9-7.10/2026-1';

const HOUR_MS = 3_600_000;

/**
 * EL-REF-1 (§7.9): "within N hours of payment" includes the N-th hour's last instant, so a
 * cancellation at exactly 3 h 00 min still gets 90 %; one millisecond later gets 70 %.
 */
export const REFUND_TIERS: readonly { withinMs: number; refundBps: number }[] = [
  { withinMs: 3 * HOUR_MS, refundBps: 9000 },
  { withinMs: 6 * HOUR_MS, refundBps: 7000 },
  { withinMs: 12 * HOUR_MS, refundBps: 5000 },
  { withinMs: 18 * HOUR_MS, refundBps: 3000 },
  { withinMs: 24 * HOUR_MS, refundBps: 1000 },
];

/** EL-REF-3 (§7.10): a platform refusal keeps 15 % for bank fees and the investigation. */
export const PLATFORM_REFUSAL_REFUND_BPS = 8500;

/** EL-REF-2 (§7.8): nothing back once the service was delivered. */
export const DELIVERED_REFUND_BPS = 0;

/** EL-REF-1: the refund share, in basis points, for a cancellation `cancelledAt` (epoch ms). */
export function refundShare(paidAt: number, cancelledAt: number): number {
  const elapsed = Math.max(0, cancelledAt - paidAt);
  return REFUND_TIERS.find((tier) => elapsed <= tier.withinMs)?.refundBps ?? 0;
}

export interface MoneySplit {
  refundBps: number;
  /** Goes back to the client's payment method (PAY-6). */
  refunded: number;
  /** Kept by the platform. */
  kept: number;
}

/** Applies a share to a price with the rounding rule above. */
export function splitByShare(price: number, refundBps: number): MoneySplit {
  if (!Number.isSafeInteger(price) || price < 0) throw new RangeError(`price must be a non-negative integer, got ${price}`);
  if (!Number.isInteger(refundBps) || refundBps < 0 || refundBps > 10_000) throw new RangeError(`bad share ${refundBps}`);
  const refunded = Math.floor((price * refundBps) / 10_000);
  return { refundBps, refunded, kept: price - refunded };
}

export interface RefundQuote extends MoneySplit {
  policyVersion: string;
  quotedAt: number;
  /** The quote holds until this instant (the next tier boundary); null when it never changes again. */
  validUntil: number | null;
}

/** What a cancellation at `at` would return — shown to the client before they confirm. */
export function refundQuote(price: number, paidAt: number, at: number): RefundQuote {
  const elapsed = Math.max(0, at - paidAt);
  const tier = REFUND_TIERS.find((t) => elapsed <= t.withinMs);
  return {
    ...splitByShare(price, refundShare(paidAt, at)),
    policyVersion: REFUND_POLICY_VERSION,
    quotedAt: at,
    validUntil: tier ? paidAt + tier.withinMs : null,
  };
}

/** What a platform refusal (EL-REF-3) returns. */
export function refusalSplit(price: number): MoneySplit {
  return splitByShare(price, PLATFORM_REFUSAL_REFUND_BPS);
}

/**
 * The specialist's earning on delivery: price minus the platform's commission. The
 * commission is rounded DOWN, so rounding favours the specialist and the parts add up.
 */
export function deliverySplit(price: number, commissionBps: number): { toSpecialist: number; toPlatform: number } {
  const { refunded: commission } = splitByShare(price, commissionBps);
  return { toSpecialist: price - commission, toPlatform: commission };
}
