import { ApplicationFailure } from '@temporalio/common';
import type {
  HoldFundsInput,
  HoldSettled,
  MoneyActivities,
  RefundPaymentInput,
  SettleHoldInput,
  StartPaymentInput,
} from '../../domain/money-contract.ts';

// A stand-in for the money module's activities in WORKFLOW UNIT TESTS ONLY (the end-to-end
// test uses the real ledger). It keeps the contract's rules — idempotent keys, a hold resolved
// exactly once, never more out of a hold than went in — and records every call for assertions.
export class FakeMoney {
  readonly payments = new Map<string, StartPaymentInput & { paymentId: string }>();
  readonly holds = new Map<string, HoldFundsInput & { holdId: string; resolution: HoldSettled | null }>();
  readonly refunds = new Map<string, RefundPaymentInput>();
  /** Set to a code to make every refund fail for good, as the ledger does 30 days after a payment (PAY-6). */
  refundRefusal: string | null = null;

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
  };

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
    }
    return problems;
  }
}
