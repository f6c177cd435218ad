import { ApplicationFailure } from '@temporalio/common';
import type {
  EarningBlock,
  HoldFundsInput,
  HoldSettled,
  MoneyActivities,
  RefundPaymentInput,
  ReverseSettlementInput,
  SettleHoldInput,
  StartPaymentInput,
} from '../../domain/money-contract.ts';

// A stand-in for the money module's activities in WORKFLOW UNIT TESTS ONLY (the end-to-end
// test uses the real ledger). It keeps the contract's rules — idempotent keys, a hold resolved
// exactly once, never more out of a hold than went in; a settlement reversed at most once, from
// the specialist only while their earning is blocked (CHAT-5) — and records every call.
export class FakeMoney {
  readonly payments = new Map<string, StartPaymentInput & { paymentId: string }>();
  readonly holds = new Map<string, HoldFundsInput & { holdId: string; resolution: HoldSettled | null }>();
  readonly refunds = new Map<string, RefundPaymentInput>();
  /** CHAT-5: by hold id, whether the specialist's earning from it is blocked, and why. */
  readonly blocks = new Map<string, { blocked: boolean; reason: string; keys: string[] }>();
  /** CHAT-5: by hold id, the one reversal of its settlement. */
  readonly reversals = new Map<string, ReverseSettlementInput>();
  /** Set to a code to make every refund fail for good, as the ledger does 30 days after a payment (PAY-6). */
  refundRefusal: string | null = null;
  /** Set to a code to make every reversal fail for good (the specialist's balance could not cover it). */
  reversalRefusal: string | null = null;

  readonly activities: MoneyActivities = {
    startPayment: async (input) => {
      const paymentId = `pay:${input.paymentKey}`;
      this.payments.set(input.paymentKey, { ...input, paymentId });
      return { paymentId, checkoutUrl: `https://checkout.test/${encodeURIComponent(paymentId)}` };
    },
    holdFunds: async (input) => {
      const existing = this.holds.get(input.holdKey);
      if (existing && existing.amount !== input.amount) throw new Error('IDEMPOTENCY_KEY_REUSED');
      if (!existing) this.holds.set(input.holdKey, { ...input, holdId: `hold:${input.holdKey}`, resolution: null });
      return { holdId: `hold:${input.holdKey}` };
    },
    settleHold: async (input: SettleHoldInput) => this.resolve(input.holdId, input.toSpecialist, input.toPlatform),
    releaseHold: async ({ holdId }) => this.resolve(holdId, 0, 0),
    refundPayment: async (input) => {
      if (this.refundRefusal)
        throw ApplicationFailure.create({ type: this.refundRefusal, message: 'refused by the ledger', nonRetryable: true });
      this.refunds.set(input.refundKey, input);
      return { refundId: `refund:${input.refundKey}`, status: 'succeeded' };
    },
    blockEarning: async ({ key, holdId, reason }) => {
      const earned = this.settledHold(holdId).resolution!.toSpecialist;
      const block = this.blocks.get(holdId) ?? { blocked: false, reason, keys: [] };
      if (!block.keys.includes(key)) Object.assign(block, { blocked: true, reason, keys: [...block.keys, key] });
      this.blocks.set(holdId, block);
      return this.earningOf(holdId, earned > 0);
    },
    unblockEarning: async ({ key, holdId }) => {
      this.settledHold(holdId);
      const block = this.blocks.get(holdId);
      if (block && !block.keys.includes(key)) Object.assign(block, { blocked: false, keys: [...block.keys, key] });
      return this.earningOf(holdId, false);
    },
    reverseSettlement: async (input) => {
      if (this.reversalRefusal)
        throw ApplicationFailure.create({ type: this.reversalRefusal, message: 'refused by the ledger', nonRetryable: true });
      const settled = this.settledHold(input.holdId).resolution!;
      const earlier = this.reversals.get(input.holdId);
      if (earlier && JSON.stringify(earlier) !== JSON.stringify(input)) throw new Error('IDEMPOTENCY_KEY_REUSED');
      if (input.fromSpecialist > settled.toSpecialist || input.fromPlatform > settled.toPlatform)
        throw new Error('REVERSAL_EXCEEDS_SETTLEMENT');
      if (input.fromSpecialist > 0 && !this.blocks.get(input.holdId)?.blocked) throw new Error('EARNING_NOT_BLOCKED');
      this.reversals.set(input.holdId, input);
      const { holdId, fromSpecialist, fromPlatform } = input;
      return { holdId, fromSpecialist, fromPlatform, returnedToPayer: fromSpecialist + fromPlatform };
    },
  };

  private settledHold(holdId: string) {
    const hold = [...this.holds.values()].find((h) => h.holdId === holdId);
    if (!hold?.resolution) throw new Error(`hold ${holdId} is not settled`);
    return hold;
  }

  private earningOf(holdId: string, blocked: boolean): EarningBlock {
    const earned = this.settledHold(holdId).resolution!.toSpecialist - (this.reversals.get(holdId)?.fromSpecialist ?? 0);
    return { holdId, blocked: blocked && earned > 0, amount: earned };
  }

  /** The hold of a consultation's first payment (`consultation-<id>/payment-1/hold`), by its key stem. */
  holdAt(stem: string): (HoldFundsInput & { holdId: string; resolution: HoldSettled | null }) | undefined {
    return this.holds.get(`${stem}/payment-1/hold`);
  }

  private resolve(holdId: string, toSpecialist: number, toPlatform: number): HoldSettled {
    const hold = [...this.holds.values()].find((h) => h.holdId === holdId);
    if (!hold) throw new Error(`no hold ${holdId}`);
    const settled = { holdId, toSpecialist, toPlatform, returnedToPayer: hold.amount - toSpecialist - toPlatform };
    // A retried activity repeats the same resolution; a different second one is a bug.
    if (hold.resolution) {
      if (JSON.stringify(hold.resolution) !== JSON.stringify(settled)) throw new Error(`hold ${holdId} already resolved`);
      return hold.resolution;
    }
    if (settled.returnedToPayer < 0) throw new Error(`hold ${holdId} over-settled`);
    hold.resolution = settled;
    return settled;
  }

  /** The resolution of `order-<id>`'s hold for `stem` ('' for the order's own payment). */
  holdOf(orderId: string, stem = ''): (HoldFundsInput & { resolution: HoldSettled | null }) | undefined {
    return this.holds.get(`order-${orderId}${stem}/hold`);
  }

  refundOf(orderId: string, stem = ''): number {
    return this.refunds.get(`order-${orderId}${stem}/refund`)?.amount ?? 0;
  }

  /**
   * The books of this fake balance when every hold is resolved exactly once into parts that add
   * up to it, and no refund takes more than the hold returned to the payer.
   */
  unbalanced(): string[] {
    const problems: string[] = [];
    for (const [key, hold] of this.holds) {
      const r = hold.resolution;
      if (!r) continue;
      if (r.toSpecialist + r.toPlatform + r.returnedToPayer !== hold.amount) problems.push(`${key}: parts do not add up`);
      const refundKey = key.replace(/\/hold$/, '/refund');
      const refunded = this.refunds.get(refundKey)?.amount ?? 0;
      if (refunded > r.returnedToPayer) problems.push(`${key}: refunded ${refunded} > returned ${r.returnedToPayer}`);
      const reversal = this.reversals.get(hold.holdId);
      if (reversal && (reversal.fromSpecialist > r.toSpecialist || reversal.fromPlatform > r.toPlatform)) {
        problems.push(`${key}: reversed more than was settled`);
      }
    }
    return problems;
  }
}
