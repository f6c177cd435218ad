import { describe, expect, it } from 'vitest';
import {
  deliverySplit,
  refundQuote,
  refundShare,
  refusalSplit,
  REFUND_POLICY_VERSION,
  splitByShare,
} from '../../../domain/orders/refund-policy.ts';

// Expected values are written out by hand from E-LEGAL §7.9–§7.10.
const paidAt = Date.parse('2026-11-24T10:00:00+04:00');
const after = (h: number, m: number, s = 0) => paidAt + h * 3_600_000 + m * 60_000 + s * 1000;

describe('EL-REF-1: refund share by time since payment', () => {
  it.each([
    [0, 0, 9000],
    [2, 59, 9000],
    [3, 0, 9000],
    [3, 1, 7000],
    [5, 59, 7000],
    [6, 0, 7000],
    [6, 1, 5000],
    [12, 0, 5000],
    [12, 1, 3000],
    [18, 0, 3000],
    [18, 1, 1000],
    [24, 0, 1000],
    [24, 1, 0],
    [240, 0, 0],
  ])('EL-REF-1: cancelled %i h %i min after payment → %i bp', (h, m, bps) => {
    expect(refundShare(paidAt, after(h, m))).toBe(bps);
  });

  it('EL-REF-1: one second past 3 h already falls to the 70 % tier', () => {
    expect(refundShare(paidAt, after(3, 0, 1))).toBe(7000);
  });

  it('EL-REF-1: the quote names the policy version and holds until the next tier boundary', () => {
    expect(refundQuote(100_000, paidAt, after(2, 59))).toEqual({
      refundBps: 9000,
      refunded: 90_000,
      kept: 10_000,
      policyVersion: REFUND_POLICY_VERSION,
      quotedAt: after(2, 59),
      validUntil: after(3, 0),
    });
    expect(refundQuote(100_000, paidAt, after(13, 0)).validUntil).toBe(after(18, 0));
    expect(refundQuote(100_000, paidAt, after(24, 1))).toMatchObject({ refundBps: 0, refunded: 0, kept: 100_000, validUntil: null });
  });
});

describe('PAY-1: integer splits that add up exactly', () => {
  it('PAY-1: the refunded part is rounded down and the platform keeps exactly the rest', () => {
    // 70 % of 333 = 233.1 → 233 back, 100 kept.
    expect(splitByShare(333, 7000)).toEqual({ refundBps: 7000, refunded: 233, kept: 100 });
    // 10 % of 9 = 0.9 → 0 back, 9 kept.
    expect(splitByShare(9, 1000)).toEqual({ refundBps: 1000, refunded: 0, kept: 9 });
  });

  it('EL-REF-3: a platform refusal refunds the fee minus 15 %', () => {
    expect(refusalSplit(100_000)).toEqual({ refundBps: 8500, refunded: 85_000, kept: 15_000 });
    expect(refusalSplit(1_001)).toEqual({ refundBps: 8500, refunded: 850, kept: 151 });
  });

  it('PAY-2: on delivery the lawyer gets the price minus the commission (commission rounded down)', () => {
    expect(deliverySplit(50_000, 2000)).toEqual({ toSpecialist: 40_000, toPlatform: 10_000 });
    expect(deliverySplit(999, 2000)).toEqual({ toSpecialist: 800, toPlatform: 199 });
  });

  it('PAY-1: refuses fractional prices and shares outside 0–100 %', () => {
    expect(() => splitByShare(10.5, 9000)).toThrow(RangeError);
    expect(() => splitByShare(100, 10_001)).toThrow(RangeError);
  });
});
