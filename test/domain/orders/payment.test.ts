import { describe, expect, it } from 'vitest';
import { nextTimer, orderDone, start } from '../../../domain/orders/core/index.ts';
import { admin, client, DAY, effectsOf, HOUR, lawyer, MINUTE, orderInput, paid, placed, PRICE, refused, step, T0 } from './fixtures.ts';

// The order's money path and registration in the pure core: EL-ORD-2/3/4, PAY-2/3/6.

describe('EL-ORD-2: the client goes straight to payment; unpaid, no obligation', () => {
  it('EL-ORD-2: a new order opens the checkout for its fixed price and waits 60 minutes for it', () => {
    const t = start(orderInput('written_advice'), T0);
    expect(t.state.status).toBe('awaiting_payment');
    expect(t.effects).toEqual([{ kind: 'openPayment', chargeKey: 'order-o1', amount: 100_000, description: 'Test written_advice' }]);
    expect(nextTimer(t.state)).toEqual({ at: T0 + 60 * MINUTE, event: 'payment_window_closed' });
  });

  it('EL-ORD-2: the window closes unpaid: expired, nothing refunded or kept', () => {
    const t = step(placed('written_advice'), { type: 'timer', event: 'payment_window_closed' }, T0 + HOUR);
    expect(t.state.outcome).toMatchObject({ status: 'expired', refundBps: 0, reason: 'not paid' });
    expect(t.effects).toEqual([]);
  });

  it('EL-ORD-2: a declined payment ends the order as payment_failed', () => {
    const t = step(
      placed('written_advice'),
      { type: 'paymentSettled', paymentId: 'pay-order', status: 'failed', settledAt: T0 + MINUTE },
      T0 + MINUTE,
    );
    expect(t.state.status).toBe('payment_failed');
    expect(t.effects).toEqual([]);
  });

  it('PAY-3, PAY-6: a success after a decline on the same checkout is no repeat: the ended order returns it in full', () => {
    const declined = step(
      placed('written_advice'),
      { type: 'paymentSettled', paymentId: 'pay-order', status: 'failed', settledAt: T0 + MINUTE },
      T0 + MINUTE,
    ).state;
    expect(orderDone(declined, T0 + MINUTE)).toBe(false); // the declined checkout stays payable for 24 h
    const t = step(
      declined,
      { type: 'paymentSettled', paymentId: 'pay-order', status: 'succeeded', settledAt: T0 + 5 * MINUTE },
      T0 + 5 * MINUTE,
    );
    expect(t.effects).toEqual([{ kind: 'refundPayment', refundKey: 'order-o1/refund', paymentId: 'pay-order', amount: 100_000 }]);
    expect(t.state.outcome).toMatchObject({ status: 'payment_failed', refunded: 100_000, kept: 0 });
    expect(orderDone(t.state, T0 + 5 * MINUTE)).toBe(true);
  });

  it('EL-ORD-2, PAY-6: a payment made after expiry on a page left open goes straight back in full', () => {
    const expired = step(placed('written_advice'), { type: 'timer', event: 'payment_window_closed' }, T0 + HOUR).state;
    expect(orderDone(expired, T0 + HOUR)).toBe(false); // the checkout is still open for 24 h
    expect(nextTimer(expired)).toEqual({ at: T0 + HOUR + 24 * HOUR, event: 'late_payment_window_closed' });
    const t = step(
      expired,
      { type: 'paymentSettled', paymentId: 'pay-order', status: 'succeeded', settledAt: T0 + 2 * HOUR },
      T0 + 2 * HOUR,
    );
    expect(t.effects).toEqual([{ kind: 'refundPayment', refundKey: 'order-o1/refund', paymentId: 'pay-order', amount: 100_000 }]);
    expect(t.state.outcome).toMatchObject({ status: 'expired', refunded: 100_000, kept: 0 });
    expect(t.state.paidAt).toBeNull();
    expect(orderDone(t.state, T0 + 2 * HOUR)).toBe(true);
  });

  it('EL-ORD-2: an ended order with an open checkout is done 24 h after it ended', () => {
    const expired = step(placed('written_advice'), { type: 'timer', event: 'payment_window_closed' }, T0 + HOUR).state;
    expect(orderDone(expired, T0 + HOUR + 24 * HOUR - 1)).toBe(false);
    expect(orderDone(expired, T0 + HOUR + 24 * HOUR)).toBe(true);
  });
});

describe('EL-ORD-3 / PAY-2: paid, held, registered, routed to a lawyer', () => {
  it('PAY-2, EL-ORD-3: the payment is held and the client and admins are mailed; the order waits for a lawyer', () => {
    const paidAt = T0 + 10 * MINUTE;
    const t = step(
      placed('written_advice'),
      { type: 'paymentSettled', paymentId: 'pay-order', status: 'succeeded', settledAt: paidAt },
      paidAt,
    );
    expect(effectsOf(t, 'hold')).toEqual([
      { kind: 'hold', chargeKey: 'order-o1', amount: PRICE, description: 'Test written_advice (order o1)' },
    ]);
    expect(effectsOf(t, 'notify')).toMatchObject([{ dedupeKey: 'order-o1/registered', audience: ['client', 'admins'] }]);
    expect(t.state).toMatchObject({ status: 'awaiting_lawyer', paidAt, registeredAt: paidAt, clockStartedAt: paidAt });
  });

  it('PAY-3: a repeated provider callback changes nothing', () => {
    const state = paid('written_advice');
    const t = step(state, { type: 'paymentSettled', paymentId: 'pay-order', status: 'succeeded', settledAt: T0 + HOUR }, T0 + HOUR);
    expect(t.effects).toEqual([]);
    expect(t.state).toEqual(state);
  });

  it('EL-ORD-3: an admin assigns a lawyer, who is mailed; anyone else is refused', () => {
    const state = paid('written_advice', T0, {}, true);
    expect(refused(state, { type: 'assignLawyer', by: client, lawyerId: lawyer.userId }, T0).code).toBe('FORBIDDEN');
    const t = step(state, { type: 'assignLawyer', by: admin, lawyerId: lawyer.userId }, T0);
    expect(t.state).toMatchObject({ status: 'in_progress', lawyerId: 'lawyer-1' });
    expect(effectsOf(t, 'notify')).toMatchObject([{ dedupeKey: 'order-o1/assigned-lawyer-1', audience: ['lawyer'] }]);
  });

  it('EL-ORD-3: an unpaid order cannot be assigned; a lawyer takes a waiting order from the queue', () => {
    expect(refused(placed('written_advice'), { type: 'assignLawyer', by: admin, lawyerId: 'x' }, T0)).toEqual({
      code: 'ORDER_STATE_CONFLICT',
      message: 'The order is not paid yet (EL-ORD-2).',
    });
    const waiting = paid('written_advice', T0, {}, true);
    expect(refused(waiting, { type: 'acceptOrder', by: client }, T0).code).toBe('FORBIDDEN');
    expect(step(waiting, { type: 'acceptOrder', by: lawyer }, T0).state.lawyerId).toBe('lawyer-1');
  });
});

describe('EL-ORD-4: the service time counts from payment and restarts on clarification', () => {
  it('EL-ORD-4: written advice paid at T0 is due T0 + 72 h; clarified 24 h later, due 24 h + 72 h', () => {
    const state = paid('written_advice', T0);
    expect(state.dueAt).toBe(T0 + 72 * HOUR);
    const asked = step(state, { type: 'requestClarification', by: lawyer, question: 'Which plot?' }, T0 + HOUR).state;
    expect(asked).toMatchObject({ status: 'awaiting_clarification', dueAt: null });
    const t = step(asked, { type: 'supplyClarification', by: client, note: 'Plot 7', fileIds: [] }, T0 + DAY);
    expect(t.state).toMatchObject({ status: 'in_progress', clockStartedAt: T0 + DAY, dueAt: T0 + DAY + 72 * HOUR });
    expect(effectsOf(t, 'notify')).toMatchObject([{ audience: ['lawyer'], body: 'Plot 7' }]);
  });

  it('EL-ORD-4: only the client clarifies, and not for oral advice', () => {
    const state = paid('written_advice', T0);
    expect(refused(state, { type: 'supplyClarification', by: lawyer, note: 'x', fileIds: [] }, T0).code).toBe('FORBIDDEN');
    const oral = paid('oral_advice', T0, { slotAt: T0 + 3 * DAY });
    expect(refused(oral, { type: 'supplyClarification', by: client, note: 'x', fileIds: [] }, T0).code).toBe('ORDER_STATE_CONFLICT');
  });
});

describe("PAY-4 and purity: the core keeps the placed price and never touches its caller's state", () => {
  it('PAY-4: the price and refund policy are fixed when the order is placed', () => {
    const t = start(orderInput('written_advice', { price: 123_456 }), T0);
    expect(t.state).toMatchObject({ price: 123_456, refundPolicyVersion: 'e-legal-7.9-7.10/2026-1' });
    expect(t.effects).toMatchObject([{ kind: 'openPayment', amount: 123_456 }]);
  });

  it('decide returns a new state and leaves the one it was given as it was', () => {
    const state = paid('written_advice', T0);
    const before = JSON.stringify(state);
    step(state, { type: 'deliver', by: lawyer, fileId: 'f1' }, T0 + DAY);
    expect(JSON.stringify(state)).toBe(before);
  });
});
