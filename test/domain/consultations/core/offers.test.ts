import { describe, expect, it } from 'vitest';
import { nextTimer } from '../../../../domain/consultations/core/index.ts';
import { client, DAY, effectsOf, HOUR, MINUTE, offered, opened, refused, specialist, step, T0 } from './fixtures.ts';

// CHAT-2: offers both ways, one open at a time, every version kept, 24 h to answer.

describe('CHAT-2: either side offers price and duration; the other answers', () => {
  it('CHAT-2: the specialist offers: offer-1 open for 24 h, a system message and a notice to the client', () => {
    const t = step(opened(), { type: 'makeOffer', by: specialist, price: 200_000, durationMinutes: 60 }, T0);
    expect(t.state.offers).toEqual([
      {
        id: 'offer-1',
        version: 1,
        by: 'specialist',
        price: 200_000,
        durationMinutes: 60,
        summaryMessageId: null,
        madeAt: T0,
        expiresAt: T0 + 24 * HOUR,
        status: 'open',
        answeredAt: null,
        counters: null,
      },
    ]);
    const params = {
      offerId: 'offer-1',
      version: 1,
      by: 'specialist',
      price: 200_000,
      currency: 'UZS',
      durationMinutes: 60,
      expiresAt: T0 + 24 * HOUR,
    };
    expect(t.effects).toEqual([
      { kind: 'postSystemMessage', dedupeKey: 'consultation-c1/offer-1/made', message: { code: 'offer_made', params } },
      { kind: 'notify', dedupeKey: 'consultation-c1/offer-1/made', audience: ['client'], message: { code: 'offer_made', params } },
    ]);
  });

  it('CHAT-2: the client offers with a problem summary (a message id, not its text)', () => {
    const t = step(opened(), { type: 'makeOffer', by: client, price: 150_000, durationMinutes: 30, summaryMessageId: 'msg-7' }, T0);
    expect(t.state.offers[0]).toMatchObject({ by: 'client', summaryMessageId: 'msg-7' });
    expect(effectsOf(t, 'notify')[0]!.audience).toEqual(['specialist']);
  });

  it("CHAT-2: a client's offer without a problem summary is refused", () => {
    expect(refused(opened(), { type: 'makeOffer', by: client, price: 150_000, durationMinutes: 30 }, T0).code).toBe('VALIDATION_FAILED');
  });

  it('CHAT-2: prices are positive whole minor units; durations 15 min to 7 days', () => {
    const offer = (price: number, durationMinutes: number) =>
      refused(opened(), { type: 'makeOffer', by: specialist, price, durationMinutes }, T0).code;
    expect(offer(0, 60)).toBe('VALIDATION_FAILED');
    expect(offer(1000.5, 60)).toBe('VALIDATION_FAILED');
    expect(offer(1000, 14)).toBe('VALIDATION_FAILED');
    expect(offer(1000, 10_081)).toBe('VALIDATION_FAILED');
  });

  it('CHAT-2: a second open offer is refused, from either side', () => {
    const state = offered();
    expect(refused(state, { type: 'makeOffer', by: specialist, price: 100_000, durationMinutes: 60 }, T0 + MINUTE).code).toBe(
      'CONSULTATION_OFFER_OPEN',
    );
    expect(
      refused(state, { type: 'makeOffer', by: client, price: 100_000, durationMinutes: 60, summaryMessageId: 'm1' }, T0 + MINUTE).code,
    ).toBe('CONSULTATION_OFFER_OPEN');
  });

  it('CHAT-2: the author cannot answer their own offer; a stale offer id is refused', () => {
    const state = offered();
    expect(refused(state, { type: 'acceptOffer', by: specialist, offerId: 'offer-1' }, T0 + MINUTE).code).toBe('CONSULTATION_OWN_OFFER');
    const countered = step(
      state,
      { type: 'counterOffer', by: client, offerId: 'offer-1', price: 150_000, durationMinutes: 60, summaryMessageId: 'm1' },
      T0 + MINUTE,
    ).state;
    expect(refused(countered, { type: 'acceptOffer', by: client, offerId: 'offer-1' }, T0 + 2 * MINUTE).code).toBe(
      'CONSULTATION_OFFER_CHANGED',
    );
  });

  it('CHAT-2: counters keep every version', () => {
    let state = offered();
    state = step(
      state,
      { type: 'counterOffer', by: client, offerId: 'offer-1', price: 150_000, durationMinutes: 45, summaryMessageId: 'm1' },
      T0 + HOUR,
    ).state;
    state = step(
      state,
      { type: 'counterOffer', by: specialist, offerId: 'offer-2', price: 180_000, durationMinutes: 45 },
      T0 + 2 * HOUR,
    ).state;
    expect(state.offers.map((o) => [o.id, o.by, o.price, o.durationMinutes, o.status, o.counters, o.expiresAt])).toEqual([
      ['offer-1', 'specialist', 200_000, 60, 'countered', null, T0 + 24 * HOUR],
      ['offer-2', 'client', 150_000, 45, 'countered', 'offer-1', T0 + 25 * HOUR],
      ['offer-3', 'specialist', 180_000, 45, 'open', 'offer-2', T0 + 26 * HOUR],
    ]);
  });

  it('CHAT-2: a declined offer leaves the consultation negotiating with no open offer', () => {
    const t = step(offered(), { type: 'declineOffer', by: client, offerId: 'offer-1' }, T0 + HOUR);
    expect(t.state.status).toBe('negotiating');
    expect(t.state.offers[0]).toMatchObject({ status: 'declined', answeredAt: T0 + HOUR });
    expect(effectsOf(t, 'notify')).toMatchObject([{ audience: ['specialist'], message: { code: 'offer_declined' } }]);
    expect(nextTimer(t.state)).toEqual({ at: T0 + HOUR + 30 * DAY, event: 'idle_close' });
  });
});

describe('CHAT-2: offers expire 24 h after they are made (the default)', () => {
  it('CHAT-2: the expiry timer is at exactly 24 h', () => {
    expect(nextTimer(offered())).toEqual({ at: T0 + 24 * HOUR, event: 'offer_expired' });
  });

  it('CHAT-2: an answer 1 ms before 24 h is accepted; at exactly 24 h it is refused', () => {
    expect(step(offered(), { type: 'acceptOffer', by: client, offerId: 'offer-1' }, T0 + 24 * HOUR - 1).state.status).toBe(
      'awaiting_payment',
    );
    expect(refused(offered(), { type: 'acceptOffer', by: client, offerId: 'offer-1' }, T0 + 24 * HOUR).code).toBe(
      'CONSULTATION_OFFER_EXPIRED',
    );
  });

  it('CHAT-2: the timer marks it expired and a new offer may follow', () => {
    const t = step(offered(), { type: 'timer', event: 'offer_expired' }, T0 + 24 * HOUR);
    expect(t.state.offers[0]!.status).toBe('expired');
    expect(effectsOf(t, 'postSystemMessage')).toMatchObject([
      { dedupeKey: 'consultation-c1/offer-1/expired', message: { code: 'offer_expired' } },
    ]);
    const next = step(t.state, { type: 'makeOffer', by: specialist, price: 190_000, durationMinutes: 60 }, T0 + 25 * HOUR);
    expect(next.state.offers.map((o) => [o.id, o.status])).toEqual([
      ['offer-1', 'expired'],
      ['offer-2', 'open'],
    ]);
  });

  it('CHAT-2: a new offer after the expiry instant but before the timer fired expires the old one first', () => {
    const t = step(
      offered(),
      { type: 'makeOffer', by: client, price: 90_000, durationMinutes: 30, summaryMessageId: 'm2' },
      T0 + 24 * HOUR,
    );
    expect(t.state.offers.map((o) => [o.id, o.status])).toEqual([
      ['offer-1', 'expired'],
      ['offer-2', 'open'],
    ]);
  });

  it('CHAT-2: 30 days without an offer and the consultation lapses (the conversation stays)', () => {
    const state = step(offered(), { type: 'declineOffer', by: client, offerId: 'offer-1' }, T0 + HOUR).state;
    expect(step(state, { type: 'timer', event: 'idle_close' }, T0 + HOUR + 30 * DAY - 1).state.status).toBe('negotiating');
    const t = step(state, { type: 'timer', event: 'idle_close' }, T0 + HOUR + 30 * DAY);
    expect(t.state).toMatchObject({ status: 'lapsed', closedAt: T0 + HOUR + 30 * DAY });
    expect(nextTimer(t.state)).toBeNull();
  });
});
