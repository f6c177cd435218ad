import { describe, expect, it } from 'vitest';
import { consultationDone, nextTimer } from '../../../../domain/consultations/core/index.ts';
import { accepted, client, effectsOf, HOUR, MINUTE, offered, paid, PRICE, specialist, step, T0 } from './fixtures.ts';

// CHAT-3: acceptance opens a payment in the chat; paid → frozen (PAY-2) and a system message;
// unpaid → expires with no obligation. PAY-3: a repeated callback moves nothing; PAY-6: a late
// payment goes back to the card.

const ACCEPTED_AT = T0 + 10 * MINUTE;
const PAID_AT = T0 + 20 * MINUTE;

describe('CHAT-3: acceptance opens the payment inside the chat', () => {
  it('CHAT-3: accepting an offer opens a payment for its price, with a 2 h window', () => {
    const t = step(offered(), { type: 'acceptOffer', by: client, offerId: 'offer-1' }, ACCEPTED_AT);
    expect(t.state.status).toBe('awaiting_payment');
    expect(effectsOf(t, 'openPayment')).toEqual([
      {
        kind: 'openPayment',
        paymentKey: 'consultation-c1/payment-1',
        amount: 200_000,
        description: 'Chat consultation c1, 60 min (offer v1)',
      },
    ]);
    expect(effectsOf(t, 'postSystemMessage')).toMatchObject([
      { dedupeKey: 'consultation-c1/offer-1/accepted', message: { code: 'offer_accepted' } },
    ]);
    expect(effectsOf(t, 'notify')).toMatchObject([{ audience: ['specialist'], message: { code: 'offer_accepted' } }]);
    expect(nextTimer(t.state)).toEqual({ at: ACCEPTED_AT + 2 * HOUR, event: 'payment_window_closed' });
  });

  it('CHAT-3, PAY-2: paid → the money is frozen, both sides see a system message, the session starts', () => {
    const t = step(accepted(), { type: 'paymentSettled', paymentId: 'pay-1', status: 'succeeded', settledAt: PAID_AT }, PAID_AT);
    expect(t.state.status).toBe('in_session');
    expect(effectsOf(t, 'hold')).toEqual([
      { kind: 'hold', paymentKey: 'consultation-c1/payment-1', amount: 200_000, description: 'Frozen for chat consultation c1' },
    ]);
    expect(effectsOf(t, 'postSystemMessage')).toEqual([
      {
        kind: 'postSystemMessage',
        dedupeKey: 'consultation-c1/payment-1/paid',
        message: { code: 'paid', params: { amount: 200_000, currency: 'UZS', startedAt: PAID_AT, endsAt: PAID_AT + 60 * MINUTE } },
      },
    ]);
    expect(t.state.payments[0]).toMatchObject({ status: 'held', paidAt: PAID_AT });
  });

  it('PAY-3: a repeated provider callback changes nothing', () => {
    const state = paid();
    const t = step(state, { type: 'paymentSettled', paymentId: 'pay-1', status: 'succeeded', settledAt: PAID_AT }, PAID_AT + MINUTE);
    expect(t.effects).toEqual([]);
    expect(t.state).toEqual(state);
  });
});

describe('CHAT-3: an accepted offer left unpaid expires with no obligation', () => {
  it('CHAT-3: 1 ms before the 2 h window closes nothing happens; at 2 h the payment lapses', () => {
    expect(step(accepted(), { type: 'timer', event: 'payment_window_closed' }, ACCEPTED_AT + 2 * HOUR - 1).state.status).toBe(
      'awaiting_payment',
    );
    const t = step(accepted(), { type: 'timer', event: 'payment_window_closed' }, ACCEPTED_AT + 2 * HOUR);
    expect(t.state.status).toBe('negotiating');
    expect(t.state.payments[0]).toMatchObject({ status: 'lapsed', closedAt: ACCEPTED_AT + 2 * HOUR });
    expect(t.effects).toEqual([
      {
        kind: 'postSystemMessage',
        dedupeKey: 'consultation-c1/payment-1/lapsed',
        message: { code: 'payment_lapsed', params: { paymentKey: 'consultation-c1/payment-1', offerId: 'offer-1' } },
      },
    ]);
  });

  it('CHAT-3: after a lapse either side may offer again; the next payment has its own key', () => {
    let state = step(accepted(), { type: 'timer', event: 'payment_window_closed' }, ACCEPTED_AT + 2 * HOUR).state;
    state = step(state, { type: 'makeOffer', by: specialist, price: 150_000, durationMinutes: 60 }, ACCEPTED_AT + 3 * HOUR).state;
    const t = step(state, { type: 'acceptOffer', by: client, offerId: 'offer-2' }, ACCEPTED_AT + 4 * HOUR);
    expect(effectsOf(t, 'openPayment')[0]).toMatchObject({ paymentKey: 'consultation-c1/payment-2', amount: 150_000 });
  });

  it('CHAT-3: a declined card ends the attempt the same way', () => {
    const t = step(accepted(), { type: 'paymentSettled', paymentId: 'pay-1', status: 'failed', settledAt: PAID_AT }, PAID_AT);
    expect(t.state.status).toBe('negotiating');
    expect(t.state.payments[0]!.status).toBe('failed');
    expect(effectsOf(t, 'hold')).toEqual([]);
  });

  it('PAY-6: a payment made on the checkout page after it lapsed goes straight back in full', () => {
    const lapsed = step(accepted(), { type: 'timer', event: 'payment_window_closed' }, ACCEPTED_AT + 2 * HOUR).state;
    const t = step(
      lapsed,
      { type: 'paymentSettled', paymentId: 'pay-1', status: 'succeeded', settledAt: ACCEPTED_AT + 3 * HOUR },
      ACCEPTED_AT + 3 * HOUR,
    );
    expect(effectsOf(t, 'refundPayment')).toEqual([
      { kind: 'refundPayment', refundKey: 'consultation-c1/payment-1/refund', paymentId: 'pay-1', amount: PRICE },
    ]);
    expect(t.state.payments[0]!.status).toBe('returned');
    expect(t.state.status).toBe('negotiating');
  });

  it('PAY-6: a consultation closed with a checkout left open waits 24 h for a late payment before it is done', () => {
    let state = step(accepted(), { type: 'timer', event: 'payment_window_closed' }, ACCEPTED_AT + 2 * HOUR).state;
    state = { ...state, status: 'lapsed', closedAt: ACCEPTED_AT + 3 * HOUR };
    expect(nextTimer(state)).toEqual({ at: ACCEPTED_AT + 2 * HOUR + 24 * HOUR, event: 'late_payment_grace_over' });
    expect(consultationDone(state, ACCEPTED_AT + 26 * HOUR - 1)).toBe(false);
    expect(consultationDone(state, ACCEPTED_AT + 26 * HOUR)).toBe(true);
  });
});
