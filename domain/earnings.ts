import { deliverySplit } from './orders/refund-policy.ts';

// A specialist's earning from a captured price, from the settlement to a complaint's decision:
// shared by the chat consultation (CHAT-4, CHAT-5) and the question's rounds (QA-6, QA-9).
//
// The price is posted at once — the price less the commission to the specialist, the
// commission to the platform (deliverySplit, commission rounded down) — with `publishedAt` the
// moment the work reached the client, so PAY-5's 3 working days count from it. A complaint
// blocks the earning in the ledger until the decision (a decision may come after PAY-5's days
// have passed); a refund R is taken back first, re-splitting the kept price − R as on delivery:
// the specialist returns what they got beyond the new split and the platform the commission
// beyond it, the two adding up to R exactly; then the block is lifted. A blocked earning cannot
// have been withdrawn, so the specialist's balance covers the reversal; if the ledger refuses
// all the same, the earning stays blocked and the administration is told.

export const REVERSAL_STATUSES = ['requested', 'done', 'refused'] as const;
export type ReversalStatus = (typeof REVERSAL_STATUSES)[number];

/** A refund decided after the settlement; the two parts add up to the refund. */
export interface SettlementReversal {
  requestedAt: number;
  fromSpecialist: number;
  fromPlatform: number;
  /** `refused`: the ledger could not take it back (the administration was escalated to; the earning stays blocked). */
  status: ReversalStatus;
  /** When the ledger confirmed or refused it. */
  answeredAt: number | null;
}

/** Where a captured price went (PAY-2); the parts always add up to the price. */
export interface HeldSettlement {
  /** When the hold was posted. */
  at: number;
  toSpecialist: number;
  toPlatform: number;
  returnedToClient: number;
  /** Since when an open complaint keeps the specialist's earning from being withdrawn. */
  blockedAt: number | null;
  reversal: SettlementReversal | null;
  /** When the decision lifted the block (after the refund, if any, was taken back). */
  unblockedAt: number | null;
}

/** The split of `price` on delivery: what the specialist and the platform get. */
export const earningSplit = (price: number, commissionBps: number) => deliverySplit(price, commissionBps);

/** A settlement just posted: the price split, nothing blocked or returned yet. */
export function freshSettlement(at: number, price: number, commissionBps: number): HeldSettlement {
  const { toSpecialist, toPlatform } = earningSplit(price, commissionBps);
  return { at, toSpecialist, toPlatform, returnedToClient: 0, blockedAt: null, reversal: null, unblockedAt: null };
}

/** What a refund of `refund` out of `price` takes back: the part of each share beyond the delivery split of the kept price. */
export function reversalOf(price: number, commissionBps: number, refund: number): { fromSpecialist: number; fromPlatform: number } {
  const settled = earningSplit(price, commissionBps);
  const kept = earningSplit(price - refund, commissionBps);
  return { fromSpecialist: settled.toSpecialist - kept.toSpecialist, fromPlatform: settled.toPlatform - kept.toPlatform };
}

/** The ledger took the refund back: the settlement's parts now say where the price went. Returns false if nothing was pending. */
export function recordReversalDone(settlement: HeldSettlement | null, now: number): boolean {
  const reversal = settlement?.reversal;
  if (!settlement || reversal?.status !== 'requested') return false;
  Object.assign(reversal, { status: 'done', answeredAt: now });
  settlement.toSpecialist -= reversal.fromSpecialist;
  settlement.toPlatform -= reversal.fromPlatform;
  settlement.returnedToClient += reversal.fromSpecialist + reversal.fromPlatform;
  return true;
}

/** The ledger refused for good: nothing moved. Returns the refused reversal, or null if nothing was pending. */
export function recordReversalRefused(settlement: HeldSettlement | null, now: number): SettlementReversal | null {
  const reversal = settlement?.reversal;
  if (reversal?.status !== 'requested') return null;
  Object.assign(reversal, { status: 'refused', answeredAt: now });
  return reversal;
}

/**
 * The money steps a process with a captured price asks its workflow to run (the same in the
 * consultation and the question): the checkout, the hold, the settlement, a complaint's block
 * and reversal, and a refund to the card. `workflows/escrow-loop.ts` runs them all.
 */
export type EscrowEffect =
  | { kind: 'openPayment'; paymentKey: string; amount: number; description: string }
  | { kind: 'hold'; paymentKey: string; amount: number; description: string }
  | { kind: 'settleHold'; holdId: string; specialistUserId: string; toSpecialist: number; toPlatform: number; publishedAt: number }
  /** A complaint keeps the specialist's earning from this hold from being withdrawn. */
  | { kind: 'blockEarning'; key: string; holdId: string; reason: string }
  /** A refund after the settlement, back to the client's balance; the result comes back as settlementReversed. */
  | { kind: 'reverseSettlement'; holdId: string; fromSpecialist: number; fromPlatform: number; description: string }
  | { kind: 'unblockEarning'; key: string; holdId: string }
  | { kind: 'refundPayment'; refundKey: string; paymentId: string; amount: number };

export const ESCROW_EFFECT_KINDS: readonly EscrowEffect['kind'][] = [
  'openPayment',
  'hold',
  'settleHold',
  'blockEarning',
  'reverseSettlement',
  'unblockEarning',
  'refundPayment',
];

/** The results of escrow effects, fed back to the core. */
export type EscrowResult =
  | { type: 'paymentOpened'; paymentKey: string; paymentId: string; checkoutUrl: string }
  | { type: 'holdPlaced'; paymentKey: string; holdId: string }
  /** The ledger took the refund back (reverseSettlement), or refused to for good. */
  | { type: 'settlementReversed'; holdId: string }
  | { type: 'reversalRefused'; holdId: string; code: string; message: string };
