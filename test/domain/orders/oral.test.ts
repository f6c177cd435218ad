import { describe, expect, it } from 'vitest';
import { nextTimer, start } from '../../../domain/orders/core/index.ts';
import { admin, client, DAY, effectsOf, HOUR, lawyer, MINUTE, orderInput, paid, refused, settlement, step, T0 } from './fixtures.ts';

// Oral advice (EL-ORAL-1/2/3) in the pure core. Ordered at T0 (12:00 Baku), slot at T0 + 48 h.

const SLOT = T0 + 48 * HOUR;
const paidOral = () => paid('oral_advice', T0 + 10 * MINUTE, { slotAt: SLOT });
const inCall = (at = SLOT) => step(paidOral(), { type: 'startCall', by: lawyer }, at).state;

describe('EL-ORAL-1: a slot at the earliest 48 hours after ordering', () => {
  it('EL-ORAL-1: a slot at 47 h 59 min is rejected before any payment opens', () => {
    const t = start(orderInput('oral_advice', { slotAt: T0 + 47 * HOUR + 59 * MINUTE }), T0);
    expect(t.state.outcome).toMatchObject({ status: 'rejected', refundBps: 0 });
    expect(t.state.outcome?.reason).toBe(
      'An oral consultation can be booked at the earliest 48 hours after ordering: 2026-11-04 12:00 Baku time (EL-ORAL-1).',
    );
    expect(t.effects).toEqual([]);
  });

  it('EL-ORAL-1: a slot at exactly 48 h opens the checkout', () => {
    const t = start(orderInput('oral_advice', { slotAt: SLOT }), T0);
    expect(t.state.status).toBe('awaiting_payment');
    expect(t.effects.map((e) => e.kind)).toEqual(['openPayment']);
  });

  it('EL-ORAL-1: the slot is the deadline; a lawyer who never opens the call leaves the client fully refunded', () => {
    const state = paidOral();
    expect(state.dueAt).toBe(SLOT);
    expect(nextTimer(state)).toEqual({ at: SLOT + 30 * MINUTE, event: 'lawyer_no_show' });
    const t = step(state, { type: 'timer', event: 'lawyer_no_show' }, SLOT + 30 * MINUTE);
    expect(t.state.outcome).toMatchObject({ status: 'lawyer_no_show', refundBps: 10_000 });
    expect(effectsOf(t, 'notify')).toMatchObject([{ dedupeKey: 'order-o1/lawyer-no-show', audience: ['client', 'admins'] }]);
    expect(settlement(t.state, SLOT + 30 * MINUTE).effects).toEqual([
      { kind: 'releaseHold', holdId: 'hold-order' },
      { kind: 'refundPayment', refundKey: 'order-o1/refund', paymentId: 'pay-order', amount: 100_000 },
    ]);
  });
});

describe('EL-ORAL-2: moved by at most 3 calendar days, once the client agrees', () => {
  it('EL-ORAL-2: a move to the 3rd calendar day binds once the client agrees', () => {
    const proposed = step(paidOral(), { type: 'proposeReschedule', by: lawyer, slotAt: SLOT + 3 * DAY }, T0 + HOUR);
    expect(proposed.state.oral).toMatchObject({ slotAt: SLOT, proposedSlotAt: SLOT + 3 * DAY });
    expect(effectsOf(proposed, 'notify')).toMatchObject([{ audience: ['client'], body: '2026-11-07T08:00:00.000Z' }]);
    const agreed = step(proposed.state, { type: 'agreeToProposal', by: client }, T0 + 2 * HOUR).state;
    expect(agreed.oral).toMatchObject({ bookedSlotAt: SLOT, slotAt: SLOT + 3 * DAY, proposedSlotAt: null });
    expect(agreed.dueAt).toBe(SLOT + 3 * DAY);
  });

  it('EL-ORAL-2: the 4th calendar day, an earlier time, or an agreement with nothing proposed are refused', () => {
    expect(refused(paidOral(), { type: 'proposeReschedule', by: lawyer, slotAt: SLOT + 4 * DAY }, T0)).toEqual({
      code: 'ORDER_RESCHEDULE_NOT_ALLOWED',
      message: 'A consultation can be moved by at most 3 calendar days (EL-ORAL-2).',
    });
    expect(refused(paidOral(), { type: 'proposeReschedule', by: lawyer, slotAt: SLOT - HOUR }, T0).code).toBe(
      'ORDER_RESCHEDULE_NOT_ALLOWED',
    );
    expect(refused(paidOral(), { type: 'agreeToProposal', by: client }, T0)).toEqual({
      code: 'ORDER_STATE_CONFLICT',
      message: 'There is no proposal from the lawyer to agree to.',
    });
  });
});

describe('EL-ORAL-3: 30 minutes; more time at the same tariff', () => {
  it('EL-ORAL-3: the call opens 15 minutes before the slot, not 16', () => {
    expect(refused(paidOral(), { type: 'startCall', by: lawyer }, SLOT - 16 * MINUTE).code).toBe('ORDER_CALL_TOO_EARLY');
    expect(step(paidOral(), { type: 'startCall', by: lawyer }, SLOT - 15 * MINUTE).state.status).toBe('call_in_progress');
  });

  it('EL-ORAL-3: the call is cut at 30 minutes and counts as delivered', () => {
    const state = inCall();
    expect(state.oral?.callEndsAt).toBe(SLOT + 30 * MINUTE);
    expect(nextTimer(state)).toEqual({ at: SLOT + 30 * MINUTE, event: 'call_time_up' });
    const t = step(state, { type: 'timer', event: 'call_time_up' }, SLOT + 30 * MINUTE);
    expect(t.state.oral?.callEndedAt).toBe(SLOT + 30 * MINUTE);
    expect(t.state.status).toBe('delivered');
  });

  it('EL-ORAL-3: a paid extension keeps the call to 60 minutes, and the lawyer is paid for both', () => {
    const asked = step(inCall(), { type: 'requestCallExtension', by: client }, SLOT + 20 * MINUTE);
    expect(effectsOf(asked, 'openPayment')).toEqual([
      { kind: 'openPayment', chargeKey: 'order-o1/call_extension-1', amount: 100_000, description: 'Extra 30 minutes: Test oral_advice' },
    ]);
    let state = step(
      asked.state,
      { type: 'paymentOpened', chargeKey: 'order-o1/call_extension-1', paymentId: 'pay-ext', checkoutUrl: 'u' },
      SLOT + 20 * MINUTE,
    ).state;
    const paidExt = step(
      state,
      { type: 'paymentSettled', paymentId: 'pay-ext', status: 'succeeded', settledAt: SLOT + 25 * MINUTE },
      SLOT + 25 * MINUTE,
    );
    expect(paidExt.state.oral).toMatchObject({ paidExtensions: 1, callEndsAt: SLOT + 60 * MINUTE });
    state = step(
      paidExt.state,
      { type: 'holdPlaced', chargeKey: 'order-o1/call_extension-1', holdId: 'hold-ext' },
      SLOT + 25 * MINUTE,
    ).state;
    state = step(state, { type: 'timer', event: 'call_time_up' }, SLOT + 60 * MINUTE).state;
    expect(settlement(state, SLOT + 60 * MINUTE).state.outcome).toMatchObject({ status: 'delivered', toSpecialist: 160_000, kept: 40_000 });
  });

  it('EL-ORAL-3: an extension paid after the call ended is returned in full', () => {
    const asked = step(inCall(), { type: 'requestCallExtension', by: client }, SLOT + 20 * MINUTE).state;
    let state = step(
      asked,
      { type: 'paymentOpened', chargeKey: 'order-o1/call_extension-1', paymentId: 'pay-ext', checkoutUrl: 'u' },
      SLOT + 20 * MINUTE,
    ).state;
    state = step(state, { type: 'endCall', by: lawyer }, SLOT + 29 * MINUTE).state;
    const late = step(
      state,
      { type: 'paymentSettled', paymentId: 'pay-ext', status: 'succeeded', settledAt: SLOT + 31 * MINUTE },
      SLOT + 31 * MINUTE,
    );
    expect(effectsOf(late, 'refundPayment')).toEqual([
      { kind: 'refundPayment', refundKey: 'order-o1/call_extension-1/refund', paymentId: 'pay-ext', amount: 100_000 },
    ]);
  });

  it('EL-ORAL-3: only the client asks for more time, and only during the call', () => {
    expect(refused(inCall(), { type: 'requestCallExtension', by: lawyer }, SLOT).code).toBe('FORBIDDEN');
    expect(refused(paidOral(), { type: 'requestCallExtension', by: client }, SLOT).code).toBe('ORDER_STATE_CONFLICT');
  });
});

describe('EL-DONE-1: the client does not come to the call', () => {
  it('EL-DONE-1: marked absent from 15 minutes after the slot, not 14; the service counts as given', () => {
    expect(refused(paidOral(), { type: 'reportClientNoShow', by: lawyer }, SLOT + 14 * MINUTE).code).toBe('ORDER_STATE_CONFLICT');
    const t = step(paidOral(), { type: 'reportClientNoShow', by: lawyer }, SLOT + 15 * MINUTE);
    expect(t.state.outcome).toMatchObject({ status: 'delivered', reason: 'the client did not come to the call' });
    expect(refused(paidOral(), { type: 'reportClientNoShow', by: admin }, SLOT + HOUR).code).toBe('FORBIDDEN');
  });
});
