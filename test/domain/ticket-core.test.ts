import { describe, expect, it } from 'vitest';
import { TASHKENT_SUPPORT_CALENDAR } from '../../domain/calendar.ts';
import { DEFAULT_SLA_POLICY } from '../../domain/sla.ts';
import { applyCommand, commandRefusal, fireDueTimers, newTicketState } from '../../domain/tickets/core.ts';

// The ticket's rules as pure transitions. Instants are Tashkent wall-clock (UTC+05:00), by hand.
// Week: Mon 2026-11-23 … Fri 2026-11-27.
const t = (local: string): number => Date.parse(`${local}+05:00`);
const local = (instant: number | null): string | null =>
  instant === null ? null : new Date(instant + 5 * 3_600_000).toISOString().slice(0, 19);
const calendar = TASHKENT_SUPPORT_CALENDAR;
const noIdentity = { customerName: null, organisation: null, stir: null };
const identity = { customerName: 'Aziz Rahimov', organisation: 'Turon Savdo LLC', stir: '301234567' };

function ticket(overrides: Partial<Parameters<typeof newTicketState>[0]> = {}) {
  return newTicketState(
    {
      ticketId: 'tk',
      number: 1000,
      channel: 'email',
      priority: 'medium',
      registeredAt: t('2026-11-23T09:00:00'),
      identity,
      policy: DEFAULT_SLA_POLICY,
      ...overrides,
    },
    calendar,
  );
}

describe('SUP-4 priority changes recompute the resolution target from registration', () => {
  it('SUP-4: medium (24 working h → Wednesday 09:00) raised to high at 10:00 → due Monday 17:00, warning 15:00', () => {
    const state = ticket();
    expect(local(state.resolution.dueAt)).toBe('2026-11-25T09:00:00');
    applyCommand(state, { type: 'setPriority', actorId: 'op', priority: 'high' }, t('2026-11-23T10:00:00'), calendar);
    expect(local(state.resolution.dueAt)).toBe('2026-11-23T17:00:00');
    expect(local(state.resolution.warnAt)).toBe('2026-11-23T15:00:00');
  });

  it('SUP-4: raised to critical after its 4 hours have passed → breached at once, dated registration + 4 h', () => {
    const state = ticket();
    applyCommand(state, { type: 'reply', actorId: 'op', messageId: 'm1' }, t('2026-11-23T09:05:00'), calendar);
    applyCommand(state, { type: 'setPriority', actorId: 'op', priority: 'critical' }, t('2026-11-23T14:00:00'), calendar);
    const fired = fireDueTimers(state, t('2026-11-23T14:00:00'));
    expect(local(state.resolution.breachedAt)).toBe('2026-11-23T13:00:00');
    expect(fired.effects).toEqual([{ kind: 'escalate', clock: 'resolution', dueAt: t('2026-11-23T13:00:00') }]);
  });
});

describe('late wake-ups (a worker was down when the deadline passed)', () => {
  it("SUP-4: a critical ticket's breach noticed at 09:00 is dated 06:00; the overtaken warning is not sent", () => {
    const state = ticket({ priority: 'critical', registeredAt: t('2026-11-22T02:00:00') });
    const fired = fireDueTimers(state, t('2026-11-22T09:00:00'));
    expect(local(state.resolution.breachedAt)).toBe('2026-11-22T06:00:00');
    expect(fired.events).toEqual([
      {
        kind: 'sla_breached',
        at: t('2026-11-22T06:00:00'),
        actorId: null,
        detail: { clock: 'resolution', noticedAt: t('2026-11-22T09:00:00') },
      },
    ]);
    expect(fired.effects).toEqual([{ kind: 'escalate', clock: 'resolution', dueAt: t('2026-11-22T06:00:00') }]);
    // Monday's first-response timers (warning 09:30, deadline 10:00) are still ahead.
    expect(local(state.nextDeadline)).toBe('2026-11-23T09:30:00');
  });
});

describe('SUP-3 first response and late actions', () => {
  it('SUP-3: a reply after the deadline, noticed before the timer ran, still counts as a breach at the deadline', () => {
    const state = ticket();
    const outcome = applyCommand(state, { type: 'reply', actorId: 'op', messageId: 'm1' }, t('2026-11-23T09:30:00'), calendar);
    expect(local(state.firstResponse.breachedAt)).toBe('2026-11-23T09:10:00');
    expect(outcome.events.map((e) => e.kind)).toEqual(['reply', 'sla_breached']);
    expect(outcome.effects).toEqual([{ kind: 'escalate', clock: 'first_response', dueAt: t('2026-11-23T09:10:00') }]);
  });

  it('SUP-3: a phone call is answered by the operator who logs it', () => {
    const state = ticket({ channel: 'phone' });
    expect(state.firstResponse.metAt).toBe(t('2026-11-23T09:00:00'));
    // Next comes the resolution warning: 75 % of 24 working h = 18 h → 11 h Monday + 7 h Tuesday.
    expect(local(state.nextDeadline)).toBe('2026-11-24T15:00:00');
  });

  it('SUP-3/SUP-4 + CHAT-7: cabinet feedback is timed like a web form — first response due in 10 working minutes', () => {
    const state = ticket({ channel: 'feedback', identity: { customerName: 'Aziz Rahimov', organisation: null, stir: null } });
    expect(state.status).toBe('triage');
    expect(state.firstResponse.metAt).toBeNull();
    expect(local(state.firstResponse.dueAt)).toBe('2026-11-23T09:10:00');
    expect(local(state.resolution.dueAt)).toBe('2026-11-25T09:00:00');
  });

  it('SUP-3 + CHAT-7: feedback sent on Saturday is answered before 10:00 of Monday', () => {
    const state = ticket({ channel: 'feedback', registeredAt: t('2026-11-28T15:00:00') });
    expect(local(state.firstResponse.dueAt)).toBe('2026-11-30T10:00:00');
  });
});

describe('SUP-5 identity gate', () => {
  it('SUP-5: without identity the ticket stays in triage and cannot be resolved; asking for it waits for the customer', () => {
    const state = ticket({ identity: noIdentity });
    expect(state.status).toBe('triage');
    expect(commandRefusal(state, { type: 'resolve', actorId: 'op', resolution: 'x' })?.code).toBe('TICKET_IDENTITY_REQUIRED');
    applyCommand(state, { type: 'askCustomer', actorId: 'op', messageId: 'm1', about: 'identity' }, t('2026-11-23T09:02:00'), calendar);
    expect(state).toMatchObject({ status: 'waiting_for_customer', waitingFor: 'identity' });
    applyCommand(
      state,
      { type: 'recordIdentity', actorId: 'op', identity: { customerName: 'A B', organisation: 'Org' } },
      t('2026-11-23T09:30:00'),
      calendar,
    );
    expect(state.waitingFor).toBe('identity');
    expect(commandRefusal(state, { type: 'recordIdentity', actorId: 'op', identity: { stir: '12345678' } })?.code).toBe(
      'TICKET_INVALID_STIR',
    );
    applyCommand(state, { type: 'recordIdentity', actorId: 'op', identity: { stir: '301234567' } }, t('2026-11-23T10:02:00'), calendar);
    expect(state).toMatchObject({ status: 'in_progress', waitingFor: null });
    // SUP-6: the hour waiting for the identity moved medium's Wednesday 09:00 to 10:00.
    expect(local(state.resolution.dueAt)).toBe('2026-11-25T10:00:00');
  });
});

describe('SUP-6 pause policy', () => {
  it('SUP-6: with pausing switched off by policy, waiting for the customer does not move the deadline', () => {
    const state = ticket({ policy: { ...DEFAULT_SLA_POLICY, pauseResolutionWhileWaitingForCustomer: false } });
    applyCommand(state, { type: 'askCustomer', actorId: 'op', messageId: 'm1', about: 'question' }, t('2026-11-23T10:00:00'), calendar);
    applyCommand(state, { type: 'customerReplied', messageId: 'm2' }, t('2026-11-23T12:00:00'), calendar);
    expect(state.pauses).toEqual([]);
    expect(local(state.resolution.dueAt)).toBe('2026-11-25T09:00:00');
  });

  it('SUP-6: while paused no resolution timer is pending; the first-response clock still runs', () => {
    const state = ticket();
    applyCommand(state, { type: 'askCustomer', actorId: 'op', messageId: 'm1', about: 'question' }, t('2026-11-23T09:05:00'), calendar);
    expect(state.pausedSince).toBe(t('2026-11-23T09:05:00'));
    expect(state.nextDeadline).toBeNull();
    expect(fireDueTimers(state, t('2026-11-30T09:00:00')).events).toEqual([]);
  });
});

describe('resolve and reopen', () => {
  it('SUP-4: the days a ticket spent resolved do not count when it is reopened', () => {
    const state = ticket({ priority: 'high' });
    applyCommand(state, { type: 'resolve', actorId: 'op', resolution: 'done' }, t('2026-11-23T11:00:00'), calendar);
    expect(commandRefusal(state, { type: 'reply', actorId: 'op', messageId: 'm' })?.code).toBe('TICKET_RESOLVED');
    applyCommand(state, { type: 'reopen', actorId: 'op', reason: 'still broken' }, t('2026-11-24T11:00:00'), calendar);
    // 2 working hours used Monday 09–11; 6 remain from Tuesday 11:00 → 17:00.
    expect(state.status).toBe('in_progress');
    expect(local(state.resolution.dueAt)).toBe('2026-11-24T17:00:00');
    expect(commandRefusal(state, { type: 'reopen', actorId: 'op', reason: 'x' })?.code).toBe('TICKET_NOT_RESOLVED');
  });
});
