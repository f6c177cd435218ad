import { describe, expect, it } from 'vitest';
import type { OrderCharge, OrderState } from '../../domain/order-model.ts';
import { cancellationQuote, openCheckoutOf } from '../../services/order-cabinet.ts';

// The cabinet's pure parts: the refund quote shown before a cancellation (EL-REF-1) and
// where to pay. Expected amounts are worked out by hand.

const PAID_AT = Date.UTC(2026, 10, 24, 8, 0);
const HOUR = 3_600_000;

function charge(overrides: Partial<OrderCharge>): OrderCharge {
  return {
    key: 'order-x', purpose: 'order', amount: 100_000, paymentId: 'pay-1', checkoutUrl: 'http://pay/1', status: 'held',
    paidAt: PAID_AT, holdId: 'hold-1', unused: false, ...overrides,
  };
}

function order(overrides: Partial<OrderState> = {}): OrderState {
  return {
    orderId: 'x', clientId: 'c', lawyerId: null, kind: 'written_advice', title: 'Opinion', currency: 'AZN', price: 100_000,
    commissionBps: 2000, refundPolicyVersion: 'v1', status: 'awaiting_lawyer', placedAt: PAID_AT - HOUR, paymentExpiresAt: PAID_AT,
    paidAt: PAID_AT, registeredAt: PAID_AT, clockStartedAt: PAID_AT, dueAt: PAID_AT + 72 * HOUR, extensionReason: null, docDays: null,
    agreedExtraDays: 0, proposedExtraDays: null, warnedForDueAt: null, overdueSince: null, clarificationRequest: null,
    charges: [charge({})], deliverables: [], extras: [], oral: null, pages: null, subscription: null, previousOrderId: null, outcome: null,
    ...overrides,
  };
}

describe('cancellationQuote', () => {
  it('EL-REF-1: 90 % up to and including 3 h after payment, valid until that instant; 70 % one millisecond later', () => {
    expect(cancellationQuote(order(), PAID_AT + 3 * HOUR)).toEqual({
      refundBps: 9000, refunded: 90_000, kept: 10_000, paid: 100_000, policyVersion: 'v1',
      quotedAt: PAID_AT + 3 * HOUR, validUntil: PAID_AT + 3 * HOUR,
    });
    expect(cancellationQuote(order(), PAID_AT + 3 * HOUR + 1)).toMatchObject({ refundBps: 7000, refunded: 70_000, kept: 30_000, validUntil: PAID_AT + 6 * HOUR });
  });

  it('EL-REF-1: nothing back after 24 h, and the quote never changes again', () => {
    expect(cancellationQuote(order(), PAID_AT + 25 * HOUR)).toMatchObject({ refundBps: 0, refunded: 0, kept: 100_000, validUntil: null });
  });

  it('EL-REF-1: each paid charge is rounded down on its own, as the workflow settles them', () => {
    // 30 % of 333 = 99.9 → 99 and of 101 = 30.3 → 30: 129 back, 305 kept, 434 paid.
    const two = order({ price: 333, charges: [charge({ amount: 333 }), charge({ key: 'order-x/page_difference-1', purpose: 'page_difference', amount: 101 })] });
    expect(cancellationQuote(two, PAID_AT + 13 * HOUR)).toMatchObject({ refundBps: 3000, refunded: 129, kept: 305, paid: 434 });
  });

  it('EL-ORD-2: an unpaid order is quoted at nothing either way', () => {
    const unpaid = order({ paidAt: null, status: 'awaiting_payment', charges: [charge({ status: 'awaiting_payment', paidAt: null, holdId: null })] });
    expect(cancellationQuote(unpaid, PAID_AT)).toMatchObject({ refundBps: 0, refunded: 0, kept: 0, paid: 0 });
  });

  it('EL-REF-2: a delivered order or a call under way is not quoted', () => {
    const delivered = order({ deliverables: [{ fileId: 'f', deliveredAt: PAID_AT + HOUR, note: null, period: null }] });
    expect(() => cancellationQuote(delivered, PAID_AT + 2 * HOUR)).toThrow(expect.objectContaining({ code: 'ORDER_ALREADY_DELIVERED' }));
    expect(() => cancellationQuote(order({ status: 'call_in_progress' }), PAID_AT)).toThrow(expect.objectContaining({ code: 'ORDER_ALREADY_DELIVERED' }));
  });
});

describe('openCheckoutOf', () => {
  it('gives the open payment of an order that awaits it, and refuses once paid or closed', () => {
    const awaiting = order({ paidAt: null, status: 'awaiting_payment', charges: [charge({ status: 'awaiting_payment', paidAt: null, holdId: null })] });
    expect(openCheckoutOf(awaiting)).toEqual({ paymentId: 'pay-1', checkoutUrl: 'http://pay/1' });
    expect(() => openCheckoutOf(order())).toThrow(expect.objectContaining({ code: 'ORDER_STATE_CONFLICT', message: 'The order is already paid.' }));
    const expired = order({ status: 'expired', outcome: { status: 'expired', at: PAID_AT, refundBps: 0, refunded: 0, kept: 0, toSpecialist: 0, reason: 'not paid' } });
    expect(() => openCheckoutOf(expired)).toThrow(expect.objectContaining({ code: 'ORDER_CLOSED' }));
  });
});
