import { describe, expect, it } from 'vitest';
import { nextTimer } from '../../../domain/orders/core/index.ts';
import { admin, client, DAY, effectsOf, HOUR, lawyer, paid, placed, refused, settlement, step, T0 } from './fixtures.ts';

// Court applications (EL-CRT-1), contracts from a template (EL-CON-1) and subscriptions
// (EL-SUB-1) in the pure core.

describe('EL-CRT-1: court services per instance; extras agreed apart from the price', () => {
  const duty = { kind: 'state_duty' as const, description: 'Court fee', amount: 2_000, currency: 'AZN' };

  it('EL-CRT-1: the lawyer (or an admin) records an agreed extra; it never touches the held price', () => {
    const t = step(paid('court_application'), { type: 'recordExtraItem', by: lawyer, item: duty }, T0 + HOUR);
    expect(t.state.extras).toEqual([{ ...duty, agreedAt: T0 + HOUR }]);
    expect(t.effects).toEqual([]);
    expect(t.state.dueAt).toBeNull(); // it ends with the court's final act, not a deadline
    const delivered = step(t.state, { type: 'deliver', by: lawyer, fileId: 'act' }, T0 + DAY).state;
    expect(settlement(delivered, T0 + DAY).state.outcome).toMatchObject({ toSpecialist: 80_000, kept: 20_000 });
    expect(step(paid('court_application'), { type: 'recordExtraItem', by: admin, item: duty }, T0).state.extras).toHaveLength(1);
  });

  it('EL-CRT-1: only for court services, with a whole non-negative amount', () => {
    expect(refused(paid('written_advice'), { type: 'recordExtraItem', by: lawyer, item: duty }, T0)).toEqual({
      code: 'ORDER_STATE_CONFLICT',
      message: 'Not available for written advice (EL-CRT-1).',
    });
    expect(refused(paid('court_application'), { type: 'recordExtraItem', by: lawyer, item: { ...duty, amount: 10.5 } }, T0).code).toBe(
      'VALIDATION_FAILED',
    );
    expect(refused(paid('court_application'), { type: 'recordExtraItem', by: client, item: duty }, T0).code).toBe('FORBIDDEN');
  });
});

describe('EL-CON-1: a contract generated from the filled template', () => {
  it('EL-CON-1: once paid the contract is generated at once and delivered, no lawyer needed', () => {
    const paidContract = paid('contract_template', T0, {}, true);
    expect(paidContract.status).toBe('in_progress');
    const t = step(paidContract, { type: 'contractGenerated', fileId: 'contract-pdf' }, T0 + 1000);
    expect(t.state.deliverables).toEqual([
      { fileId: 'contract-pdf', deliveredAt: T0 + 1000, note: 'generated from the template', period: null },
    ]);
    expect(t.state.status).toBe('delivered');
  });

  it('EL-CON-1: registration asks for the generation', () => {
    const t = step(placed('contract_template'), { type: 'paymentSettled', paymentId: 'pay-order', status: 'succeeded', settledAt: T0 }, T0);
    expect(t.effects.map((e) => e.kind)).toEqual(['hold', 'notify', 'generateContract']);
    expect(t.state).toMatchObject({ status: 'in_progress', lawyerId: null, dueAt: null });
  });

  it('EL-CON-1: cancelled while the contract was being generated: the cancellation stands', () => {
    const cancelled = step(
      paid('contract_template', T0, {}, true),
      { type: 'cancelOrder', by: client, acceptedRefundBps: 9000 },
      T0 + 1000,
    ).state;
    const t = step(cancelled, { type: 'contractGenerated', fileId: 'contract-pdf' }, T0 + 2000);
    expect(t.state.status).toBe('cancelled');
    expect(t.state.deliverables).toEqual([]);
  });
});

describe('EL-SUB-1: a subscription delivers on the last day of each period', () => {
  // Paid Monday 2 November 2026, 12:00 Baku: month periods end at Baku midnight on 2 December
  // (= 1 December 20:00 UTC), 2 January and 2 February.
  const END_1 = Date.UTC(2026, 11, 1, 20, 0);
  const END_2 = Date.UTC(2027, 0, 1, 20, 0);
  const END_3 = Date.UTC(2027, 1, 1, 20, 0);
  const subscription = () => paid('subscription', T0, { subscription: { unit: 'month', periods: 3 } });

  it('EL-SUB-1: period 1 is due at the end of its last day; delivered, the next period starts in a fresh run', () => {
    const state = subscription();
    expect(state).toMatchObject({ status: 'active', dueAt: END_1 });
    const delivered = step(state, { type: 'deliver', by: lawyer, fileId: 'm1' }, END_1 - DAY);
    expect(delivered.state).toMatchObject({ status: 'active', deliverables: [{ fileId: 'm1', period: 0 }] });
    expect(refused(delivered.state, { type: 'deliver', by: lawyer, fileId: 'm1b' }, END_1 - HOUR)).toEqual({
      code: 'ORDER_STATE_CONFLICT',
      message: 'This period was already delivered (EL-SUB-1).',
    });
    expect(nextTimer(delivered.state)).toEqual({ at: END_1 - 12 * HOUR, event: 'deadline_warning' });
    const warned = step(delivered.state, { type: 'timer', event: 'deadline_warning' }, END_1 - 12 * HOUR);
    expect(effectsOf(warned, 'notify')).toEqual([]); // delivered already: nothing to warn about
    const turned = step(warned.state, { type: 'timer', event: 'deadline_passed' }, END_1);
    expect(turned.effects).toEqual([{ kind: 'startNextPeriod' }]);
    expect(turned.state).toMatchObject({ status: 'active', overdueSince: null, dueAt: END_2, subscription: { currentPeriod: 1 } });
  });

  it('EL-SUB-1: a period delivered late is overdue until its delivery, then the next one starts at once', () => {
    const overdue = step(subscription(), { type: 'timer', event: 'deadline_passed' }, END_1).state;
    expect(overdue.overdueSince).toBe(END_1);
    const t = step(overdue, { type: 'deliver', by: lawyer, fileId: 'm1' }, END_1 + DAY);
    expect(t.effects.map((e) => e.kind)).toEqual(['notify', 'startNextPeriod']);
    expect(t.state).toMatchObject({ dueAt: END_2, overdueSince: null });
  });

  it('EL-SUB-1: the last period delivered, the subscription is completed and the lawyer paid', () => {
    let state = subscription();
    for (const [i, end] of [END_1, END_2].entries()) {
      state = step(state, { type: 'deliver', by: lawyer, fileId: `m${i}` }, end - DAY).state;
      state = step(state, { type: 'timer', event: 'deadline_passed' }, end).state;
    }
    state = step(state, { type: 'deliver', by: lawyer, fileId: 'm3' }, END_3 - DAY).state;
    expect(state.status).toBe('active');
    const t = step(state, { type: 'timer', event: 'deadline_passed' }, END_3);
    expect(t.state.outcome).toMatchObject({ status: 'completed' });
    expect(t.effects).toEqual([]);
    expect(settlement(t.state, END_3).state.outcome).toMatchObject({ toSpecialist: 80_000, kept: 20_000 });
  });
});
