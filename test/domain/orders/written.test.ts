import { describe, expect, it } from 'vitest';
import { nextTimer } from '../../../domain/orders/core/index.ts';
import { admin, DAY, effectsOf, HOUR, lawyer, paid, refused, settlement, step, T0 } from './fixtures.ts';

// Written advice (EL-WR-1/2) and its delivery (EL-DONE-1) in the pure core; paid at T0.

describe('EL-WR-1: written advice within 72 hours of registration', () => {
  it('EL-WR-1: due exactly at +72 h; the lawyer is warned at +60 h', () => {
    const state = paid('written_advice', T0);
    expect(state.dueAt).toBe(T0 + 72 * HOUR);
    expect(nextTimer(state)).toEqual({ at: T0 + 60 * HOUR, event: 'deadline_warning' });
    const warned = step(state, { type: 'timer', event: 'deadline_warning' }, T0 + 60 * HOUR);
    expect(effectsOf(warned, 'notify')).toMatchObject([
      { dedupeKey: `order-o1/warning-${T0 + 72 * HOUR}`, audience: ['lawyer', 'admins'] },
    ]);
    expect(nextTimer(warned.state)).toEqual({ at: T0 + 72 * HOUR, event: 'deadline_passed' });
  });

  it('EL-WR-1: at +72 h undelivered it is overdue from the deadline itself, and admins are told', () => {
    const state = step(paid('written_advice', T0), { type: 'timer', event: 'deadline_warning' }, T0 + 60 * HOUR).state;
    const t = step(state, { type: 'timer', event: 'deadline_passed' }, T0 + 72 * HOUR);
    expect(t.state.overdueSince).toBe(T0 + 72 * HOUR);
    expect(effectsOf(t, 'notify')).toMatchObject([{ subject: 'OVERDUE: Test written_advice', audience: ['lawyer', 'admins'] }]);
    expect(nextTimer(t.state)).toBeNull();
  });
});

describe('EL-WR-2: one extension by 4 calendar days', () => {
  it('EL-WR-2: extended, due at +72 h + 96 h, and warned again before the new deadline', () => {
    const state = step(paid('written_advice', T0), { type: 'timer', event: 'deadline_warning' }, T0 + 60 * HOUR).state;
    const t = step(state, { type: 'extendDeadline', by: lawyer, reason: 'more law to study' }, T0 + 61 * HOUR);
    expect(t.state).toMatchObject({ dueAt: T0 + 72 * HOUR + 96 * HOUR, extensionReason: 'more law to study', warnedForDueAt: null });
    expect(effectsOf(t, 'notify')).toMatchObject([{ dedupeKey: 'order-o1/extended', audience: ['client'] }]);
    expect(nextTimer(t.state)).toEqual({ at: T0 + 156 * HOUR, event: 'deadline_warning' });
  });

  it('EL-WR-2: an overdue order extended is no longer overdue', () => {
    const overdue = step(paid('written_advice', T0), { type: 'timer', event: 'deadline_passed' }, T0 + 72 * HOUR).state;
    expect(
      step(overdue, { type: 'extendDeadline', by: lawyer, reason: 'unclear materials' }, T0 + 73 * HOUR).state.overdueSince,
    ).toBeNull();
  });

  it('EL-WR-2: only once, with a reason, by the assigned lawyer, for written advice', () => {
    const extended = step(paid('written_advice', T0), { type: 'extendDeadline', by: lawyer, reason: 'more law' }, T0).state;
    expect(refused(extended, { type: 'extendDeadline', by: lawyer, reason: 'again' }, T0)).toEqual({
      code: 'ORDER_EXTENSION_USED',
      message: 'The 4-day extension was already used (EL-WR-2).',
    });
    expect(refused(paid('written_advice'), { type: 'extendDeadline', by: lawyer, reason: ' x ' }, T0).code).toBe('VALIDATION_FAILED');
    expect(refused(paid('written_advice'), { type: 'extendDeadline', by: admin, reason: 'more law' }, T0).code).toBe('FORBIDDEN');
    expect(refused(paid('document_review', T0, { docDays: 3 }), { type: 'extendDeadline', by: lawyer, reason: 'more law' }, T0)).toEqual({
      code: 'ORDER_STATE_CONFLICT',
      message: 'Not available for document review (EL-WR-2).',
    });
  });
});

describe("EL-DONE-1: delivered when the result is in the client's cabinet", () => {
  it('EL-DONE-1: delivered on day 2; the lawyer gets 800.00 and the platform its 20 % commission', () => {
    const t = step(paid('written_advice', T0), { type: 'deliver', by: lawyer, fileId: 'f1', note: 'See 2.' }, T0 + 2 * DAY);
    expect(t.state.deliverables).toEqual([{ fileId: 'f1', deliveredAt: T0 + 2 * DAY, note: 'See 2.', period: null }]);
    expect(effectsOf(t, 'notify')).toMatchObject([{ dedupeKey: 'order-o1/delivered-f1', audience: ['client'] }]);
    const money = settlement(t.state, T0 + 2 * DAY);
    expect(money.effects).toEqual([
      {
        kind: 'settleHold',
        holdId: 'hold-order',
        specialistUserId: 'lawyer-1',
        toSpecialist: 80_000,
        toPlatform: 20_000,
        publishedAt: T0 + 2 * DAY,
      },
    ]);
    expect(money.state.outcome).toMatchObject({ status: 'delivered', toSpecialist: 80_000, kept: 20_000, refunded: 0 });
  });

  it('EL-DONE-1: only the assigned lawyer delivers', () => {
    expect(refused(paid('written_advice'), { type: 'deliver', by: admin, fileId: 'f1' }, T0)).toEqual({
      code: 'FORBIDDEN',
      message: 'Only the lawyer assigned to this order may do this.',
    });
  });
});
