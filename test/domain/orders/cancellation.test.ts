import { describe, expect, it } from 'vitest';
import { admin, client, effectsOf, HOUR, lawyer, MINUTE, paid, placed, refused, settlement, step, T0 } from './fixtures.ts';

// EL-REF-1/2/3 in the pure core: who may end an undelivered order, with what share, and the
// money each ending moves when the holds are settled (price 1 000.00 AZN, paid at T0).

const cancelAt = (elapsed: number, bps: number) =>
  step(paid('written_advice', T0), { type: 'cancelOrder', by: client, acceptedRefundBps: bps }, T0 + elapsed);

describe('EL-REF-1: the refund falls with the time since payment', () => {
  it.each([
    ['2 h 59 min', 2 * HOUR + 59 * MINUTE, 9000, 90_000, 10_000],
    ['3 h 01 min', 3 * HOUR + MINUTE, 7000, 70_000, 30_000],
    ['6 h 01 min', 6 * HOUR + MINUTE, 5000, 50_000, 50_000],
    ['12 h 01 min', 12 * HOUR + MINUTE, 3000, 30_000, 70_000],
    ['18 h 01 min', 18 * HOUR + MINUTE, 1000, 10_000, 90_000],
    ['24 h 01 min', 24 * HOUR + MINUTE, 0, 0, 100_000],
  ])('EL-REF-1: cancelled %s after payment: %i bp back', (_label, elapsed, bps, refunded, kept) => {
    const t = cancelAt(elapsed, bps);
    expect(t.state.outcome).toMatchObject({ status: 'cancelled', refundBps: bps, reason: 'cancelled by the client' });
    const money = settlement(t.state, T0 + elapsed);
    expect(money.state.outcome).toMatchObject({ refunded, kept, toSpecialist: 0 });
  });

  it('EL-REF-1: at 2 h 59 min the platform keeps 10 % of the hold and returns 90 % to the card', () => {
    const money = settlement(cancelAt(2 * HOUR + 59 * MINUTE, 9000).state, T0 + 3 * HOUR);
    expect(money.effects).toEqual([
      { kind: 'settleHold', holdId: 'hold-order', toSpecialist: 0, toPlatform: 10_000 },
      { kind: 'refundPayment', refundKey: 'order-o1/refund', paymentId: 'pay-order', amount: 90_000 },
    ]);
  });

  it('EL-REF-1: a quote that went stale is refused with the share now in force', () => {
    expect(
      refused(paid('written_advice', T0), { type: 'cancelOrder', by: client, acceptedRefundBps: 9000 }, T0 + 3 * HOUR + MINUTE),
    ).toEqual({
      code: 'REFUND_QUOTE_EXPIRED',
      message: 'The refund is now 70 % (EL-REF-1); ask for a new quote and confirm again.',
    });
  });

  it('EL-ORD-2: cancelled before payment: nothing owed either way', () => {
    const t = step(placed('written_advice'), { type: 'cancelOrder', by: client, acceptedRefundBps: 0 }, T0 + MINUTE);
    expect(t.state.outcome).toMatchObject({ status: 'cancelled', refundBps: 0, reason: 'cancelled by the client before payment' });
  });

  it('EL-REF-1: only the client cancels', () => {
    expect(refused(paid('written_advice', T0), { type: 'cancelOrder', by: lawyer, acceptedRefundBps: 9000 }, T0).code).toBe('FORBIDDEN');
  });
});

describe('EL-REF-2: a delivered service is not refunded', () => {
  it('EL-REF-2: cancelling a delivered order is refused', () => {
    const delivered = step(paid('written_advice', T0), { type: 'deliver', by: lawyer, fileId: 'f1' }, T0 + HOUR).state;
    expect(refused(delivered, { type: 'cancelOrder', by: client, acceptedRefundBps: 0 }, T0 + HOUR).code).toBe('ORDER_CLOSED');
    const subscription = step(
      paid('subscription', T0, { subscription: { unit: 'month', periods: 3 } }),
      { type: 'deliver', by: lawyer, fileId: 'f1' },
      T0 + HOUR,
    ).state;
    expect(refused(subscription, { type: 'cancelOrder', by: client, acceptedRefundBps: 9000 }, T0 + HOUR)).toEqual({
      code: 'ORDER_ALREADY_DELIVERED',
      message: 'The service was delivered; it cannot be cancelled for a refund (EL-REF-2).',
    });
  });

  it('EL-REF-2: a call under way counts as delivered', () => {
    const slotAt = T0 + 48 * HOUR;
    const inCall = step(paid('oral_advice', T0, { slotAt }), { type: 'startCall', by: lawyer }, slotAt).state;
    expect(refused(inCall, { type: 'cancelOrder', by: client, acceptedRefundBps: 0 }, slotAt).code).toBe('ORDER_ALREADY_DELIVERED');
  });
});

describe('EL-REF-3: the platform refuses the service and keeps 15 %', () => {
  it('EL-REF-3: refused after payment: 850.00 back, 150.00 kept', () => {
    const t = step(paid('written_advice', T0), { type: 'refuseOrder', by: admin, reason: 'fraud suspicion' }, T0 + HOUR);
    expect(t.state.outcome).toMatchObject({ status: 'refused', refundBps: 8500, reason: 'fraud suspicion' });
    expect(settlement(t.state, T0 + HOUR).state.outcome).toMatchObject({ refunded: 85_000, kept: 15_000 });
  });

  it('EL-REF-3: before payment nothing is kept; only admins refuse, and with a reason', () => {
    expect(
      step(placed('written_advice'), { type: 'refuseOrder', by: admin, reason: 'unlawful interest' }, T0).state.outcome?.refundBps,
    ).toBe(0);
    expect(refused(paid('written_advice'), { type: 'refuseOrder', by: lawyer, reason: 'rules broken' }, T0).code).toBe('FORBIDDEN');
    expect(refused(paid('written_advice'), { type: 'refuseOrder', by: admin, reason: 'no' }, T0)).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'Give the reason for the refusal (§10.4).',
    });
  });

  it('EL-REF-3: a delivered order cannot be refused', () => {
    const delivered = step(paid('document_review', T0, { docDays: 3 }), { type: 'deliver', by: lawyer, fileId: 'f1' }, T0 + HOUR).state;
    expect(refused(delivered, { type: 'refuseOrder', by: admin, reason: 'rules broken' }, T0 + HOUR).code).toBe('ORDER_CLOSED');
    expect(effectsOf(step(paid('written_advice'), { type: 'refuseOrder', by: admin, reason: 'rules broken' }, T0), 'notify')).toEqual([]);
  });
});
