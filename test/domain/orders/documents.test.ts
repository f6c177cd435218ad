import { describe, expect, it } from 'vitest';
import { nextTimer } from '../../../domain/orders/core/index.ts';
import { admin, client, DAY, effectsOf, HOUR, lawyer, paid, refused, settlement, step, T0 } from './fixtures.ts';

// Document review, preparation and translation (EL-DOC-1/2/3) in the pure core; paid at T0.

const wordTranslation = () =>
  paid('translation', T0, { docDays: 7, price: 30_000, pages: { pricePerPage: 10_000, billedPages: 3, declared: true } });

describe('EL-DOC-1: 2–7 calendar days, extendable by agreement', () => {
  it('EL-DOC-1: a 5-day review is due at +5 days; 2 agreed extra days move it to +7', () => {
    const state = paid('document_review', T0, { docDays: 5 });
    expect(state.dueAt).toBe(T0 + 5 * DAY);
    const proposed = step(state, { type: 'proposeExtension', by: lawyer, days: 2, reason: 'many materials' }, T0 + DAY);
    expect(proposed.state).toMatchObject({ proposedExtraDays: 2, dueAt: T0 + 5 * DAY });
    expect(effectsOf(proposed, 'notify')).toMatchObject([{ subject: 'Your lawyer asks for 2 more days', audience: ['client'] }]);
    const agreed = step(proposed.state, { type: 'agreeToProposal', by: client }, T0 + DAY).state;
    expect(agreed).toMatchObject({ agreedExtraDays: 2, proposedExtraDays: null, dueAt: T0 + 7 * DAY });
  });

  it('EL-DOC-1: 1 to 30 days, for document work only', () => {
    const state = paid('document_preparation', T0, { docDays: 2 });
    expect(state.dueAt).toBe(T0 + 2 * DAY);
    expect(refused(state, { type: 'proposeExtension', by: lawyer, days: 0, reason: 'x' }, T0).code).toBe('VALIDATION_FAILED');
    expect(refused(state, { type: 'proposeExtension', by: lawyer, days: 31, reason: 'x' }, T0).code).toBe('VALIDATION_FAILED');
    expect(refused(paid('written_advice'), { type: 'proposeExtension', by: lawyer, days: 2, reason: 'x' }, T0)).toEqual({
      code: 'ORDER_STATE_CONFLICT',
      message: 'Only document work is extended by agreement (EL-DOC-1).',
    });
  });
});

describe('EL-DOC-2 / EL-DOC-3: per-page prices and a corrected Word page count', () => {
  it('EL-DOC-3: 5 pages instead of the 3 declared: 200.00 more, due within 3 calendar days, the client told where to pay', () => {
    const t = step(wordTranslation(), { type: 'correctPageCount', by: lawyer, pages: 5 }, T0 + HOUR);
    expect(t.effects).toEqual([
      { kind: 'openPayment', chargeKey: 'order-o1/page_difference-1', amount: 20_000, description: '2 more pages: Test translation' },
    ]);
    expect(t.state.status).toBe('awaiting_page_payment');
    expect(t.state.pages).toMatchObject({ correctedPages: 5, billedPages: 3, differenceDueAt: T0 + HOUR + 3 * DAY });
    expect(nextTimer(t.state)).toEqual({ at: T0 + HOUR + 3 * DAY, event: 'page_payment_expired' });
    const opened = step(
      t.state,
      { type: 'paymentOpened', chargeKey: 'order-o1/page_difference-1', paymentId: 'pay-pages', checkoutUrl: 'https://pay/p' },
      T0 + HOUR,
    );
    expect(effectsOf(opened, 'notify')).toMatchObject([{ dedupeKey: 'order-o1/pages-5', audience: ['client'] }]);
    expect(effectsOf(opened, 'notify')[0]?.body).toContain('within 3 calendar days: https://pay/p');
  });

  it('EL-DOC-3: the difference paid in time: the corrected count is the paid one and the work goes on', () => {
    let state = step(wordTranslation(), { type: 'correctPageCount', by: lawyer, pages: 5 }, T0 + HOUR).state;
    state = step(
      state,
      { type: 'paymentOpened', chargeKey: 'order-o1/page_difference-1', paymentId: 'pay-pages', checkoutUrl: 'u' },
      T0 + HOUR,
    ).state;
    const t = step(state, { type: 'paymentSettled', paymentId: 'pay-pages', status: 'succeeded', settledAt: T0 + 2 * DAY }, T0 + 2 * DAY);
    expect(t.state.status).toBe('in_progress');
    expect(t.state.pages).toMatchObject({ billedPages: 5, differenceDueAt: null });
    expect(effectsOf(t, 'hold')).toMatchObject([{ chargeKey: 'order-o1/page_difference-1', amount: 20_000 }]);
  });

  it('EL-DOC-3: unpaid after 3 calendar days: refused, the paid price refunded minus 15 %', () => {
    let state = step(wordTranslation(), { type: 'correctPageCount', by: lawyer, pages: 5 }, T0 + HOUR).state;
    state = step(state, { type: 'timer', event: 'page_payment_expired' }, T0 + HOUR + 3 * DAY).state;
    expect(state.outcome).toMatchObject({
      status: 'refused',
      refundBps: 8500,
      reason: 'the page difference was not paid within 3 days (EL-DOC-3)',
    });
    expect(settlement(state, T0 + 4 * DAY).state.outcome).toMatchObject({ refunded: 25_500, kept: 4_500 });
  });

  it("EL-DOC-2: a PDF's counted pages cannot be corrected; a correction must add pages; admins may correct", () => {
    const pdf = paid('document_review', T0, { docDays: 3, pages: { pricePerPage: 10_000, billedPages: 3, declared: false } });
    expect(refused(pdf, { type: 'correctPageCount', by: lawyer, pages: 5 }, T0)).toEqual({
      code: 'ORDER_STATE_CONFLICT',
      message: 'Only a declared (Word) page count can be corrected (EL-DOC-2).',
    });
    expect(refused(wordTranslation(), { type: 'correctPageCount', by: lawyer, pages: 3 }, T0)).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'The corrected count must be more than the 3 pages paid for.',
    });
    expect(step(wordTranslation(), { type: 'correctPageCount', by: admin, pages: 4 }, T0).state.status).toBe('awaiting_page_payment');
  });

  it('numbers out of range (issue 14): a corrected count whose difference passes 10^12 minor units is refused', () => {
    const expensive = paid('translation', T0, {
      docDays: 7,
      price: 3_000_000_000,
      pages: { pricePerPage: 1_000_000_000, billedPages: 3, declared: true },
    });
    expect(refused(expensive, { type: 'correctPageCount', by: lawyer, pages: 1_004 }, T0)).toEqual({
      code: 'ORDER_TOTAL_TOO_LARGE',
      message: 'The difference for 1004 pages would pass 1000000000000 minor units.',
    });
    expect(step(expensive, { type: 'correctPageCount', by: lawyer, pages: 1_003 }, T0).state.status).toBe('awaiting_page_payment');
  });
});
