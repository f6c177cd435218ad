import { describe, expect, it } from 'vitest';
import { nextTimer, operatorDeadline } from '../../../../domain/consultations/core/index.ts';
import { accepted, client, effectsOf, ended, ENDED_AT, HOUR, MINUTE, paid, refused, specialist, step, T0 } from './fixtures.ts';

// CHAT-4: the agreed duration runs as a timer; the specialist ends the consultation and at that
// moment the frozen price less the commission is posted to them (a CHAT-5 complaint may take
// part of it back: complaints.test.ts).

const PAID_AT = T0 + 20 * MINUTE; // Thursday 3 December 2026, 10:20 Tashkent
const ENDS_AT = PAID_AT + 60 * MINUTE; // the agreed 60 minutes
/** Wednesday 9 December 2026, 15:00 Tashkent: Thu 15:00 + Fri, Mon, (Tue 8 Dec is a holiday) Wed. */
const COMPLAINT_DEADLINE = Date.UTC(2026, 11, 9, 10, 0);

describe('CHAT-4: the agreed duration runs as a timer', () => {
  it('CHAT-4: after payment the next timer is the agreed end, 60 minutes later', () => {
    const state = paid();
    expect(state.session).toMatchObject({ startedAt: PAID_AT, endsAt: ENDS_AT, durationMinutes: 60, price: 200_000 });
    expect(nextTimer(state)).toEqual({ at: ENDS_AT, event: 'session_time_up' });
    expect(operatorDeadline(state)).toBe(ENDS_AT);
  });

  it('CHAT-4: at the agreed end both sides are told the time is up; the auto-completion is next, 24 h later', () => {
    const t = step(paid(), { type: 'timer', event: 'session_time_up' }, ENDS_AT);
    const params = { endsAt: ENDS_AT, autoCompleteAt: ENDS_AT + 24 * HOUR };
    expect(t.effects).toEqual([
      { kind: 'postSystemMessage', dedupeKey: 'consultation-c1/session/time-up', message: { code: 'time_up', params } },
      { kind: 'notify', dedupeKey: 'consultation-c1/session/time-up', audience: ['specialist'], message: { code: 'time_up', params } },
    ]);
    expect(t.state.status).toBe('in_session');
    expect(nextTimer(t.state)).toEqual({ at: ENDS_AT + 24 * HOUR, event: 'auto_complete' });
  });

  it('CHAT-4: only the specialist ends it, and only once it is paid', () => {
    expect(refused(paid(), { type: 'endConsultation', by: client }, ENDS_AT).code).toBe('FORBIDDEN');
    expect(refused(accepted(), { type: 'endConsultation', by: specialist }, ENDS_AT).code).toBe('CONSULTATION_STATE_CONFLICT');
    expect(refused(ended(), { type: 'endConsultation', by: specialist }, ENDED_AT + MINUTE).code).toBe('CONSULTATION_STATE_CONFLICT');
  });
});

describe('CHAT-4: the specialist ends it → at that moment price less commission goes to the specialist', () => {
  it('CHAT-4: ending posts the hold at once: 170 000 to the specialist and 30 000 commission on 200 000 at 15 %, published at the end (PAY-5)', () => {
    const t = step(paid(), { type: 'endConsultation', by: specialist }, ENDED_AT);
    expect(t.state).toMatchObject({ status: 'ended', complaintDeadline: COMPLAINT_DEADLINE });
    expect(t.state.session).toMatchObject({ endedAt: ENDED_AT, endReason: 'ended_by_specialist' });
    const params = { endedAt: ENDED_AT, complaintDeadline: COMPLAINT_DEADLINE, toSpecialist: 170_000, commission: 30_000, currency: 'UZS' };
    expect(t.effects).toEqual([
      { kind: 'postSystemMessage', dedupeKey: 'consultation-c1/session/ended', message: { code: 'ended', params } },
      { kind: 'notify', dedupeKey: 'consultation-c1/session/ended', audience: ['client'], message: { code: 'ended', params } },
      {
        kind: 'settleHold',
        holdId: 'hold-1',
        specialistUserId: 'lawyer-1',
        toSpecialist: 170_000,
        toPlatform: 30_000,
        publishedAt: ENDED_AT,
      },
    ]);
    expect(t.state.settlement).toEqual({
      at: ENDED_AT,
      toSpecialist: 170_000,
      toPlatform: 30_000,
      returnedToClient: 0,
      blockedAt: null,
      reversal: null,
      unblockedAt: null,
    });
    expect(t.state.payments[0]!.status).toBe('settled');
  });

  it('CHAT-4, CHAT-5: when the complaint window closes with no complaint the consultation is completed and no money moves', () => {
    const t = step(ended(), { type: 'timer', event: 'complaint_window_closed' }, COMPLAINT_DEADLINE);
    expect(t.state.status).toBe('completed');
    expect(t.effects).toEqual([
      {
        kind: 'postSystemMessage',
        dedupeKey: 'consultation-c1/completed',
        message: { code: 'completed', params: { toSpecialist: 170_000, currency: 'UZS' } },
      },
      {
        kind: 'notify',
        dedupeKey: 'consultation-c1/completed',
        audience: ['specialist'],
        message: { code: 'completed', params: { toSpecialist: 170_000, currency: 'UZS' } },
      },
    ]);
    expect(t.state.settlement).toMatchObject({ at: ENDED_AT, toSpecialist: 170_000, toPlatform: 30_000, returnedToClient: 0 });
  });

  it('CHAT-4: the commission is rounded down, so 199 999 at 15 % is 170 000 / 29 999', () => {
    const t = step(paid(T0 + 20 * MINUTE, 199_999), { type: 'endConsultation', by: specialist }, ENDED_AT);
    expect(effectsOf(t, 'settleHold')[0]).toMatchObject({ toSpecialist: 170_000, toPlatform: 29_999 });
  });

  it('CHAT-4: ended while the hold was still being placed → posted as soon as it is, still dated at the end', () => {
    const unheld = step(accepted(), { type: 'paymentSettled', paymentId: 'pay-1', status: 'succeeded', settledAt: PAID_AT }, PAID_AT).state;
    const early = step(unheld, { type: 'endConsultation', by: specialist }, ENDED_AT);
    expect(effectsOf(early, 'settleHold')).toEqual([]);
    expect(early.state.payments[0]!.status).toBe('held');
    expect(early.state.settlement).toBeNull();
    const t = step(early.state, { type: 'holdPlaced', paymentKey: 'consultation-c1/payment-1', holdId: 'hold-1' }, ENDED_AT + 2000);
    expect(t.effects).toEqual([
      {
        kind: 'settleHold',
        holdId: 'hold-1',
        specialistUserId: 'lawyer-1',
        toSpecialist: 170_000,
        toPlatform: 30_000,
        publishedAt: ENDED_AT,
      },
    ]);
    expect(t.state.settlement).toMatchObject({ at: ENDED_AT + 2000, toSpecialist: 170_000 });
  });
});

describe('CHAT-4: our readings of the cases the source leaves open', () => {
  it('CHAT-4: a specialist who never ends it: the session completes by itself 24 h after the agreed end, not a millisecond earlier', () => {
    expect(step(paid(), { type: 'timer', event: 'auto_complete' }, ENDS_AT + 24 * HOUR - 1).state.status).toBe('in_session');
    const t = step(paid(), { type: 'timer', event: 'auto_complete' }, ENDS_AT + 24 * HOUR);
    expect(t.state.session).toMatchObject({ endedAt: ENDS_AT + 24 * HOUR, endReason: 'auto_completed' });
    // Fri 4 Dec 11:20 + Mon 7, (Tue 8 holiday) Wed 9, Thu 10 → Thu 10 Dec 11:20 Tashkent.
    expect(t.state.complaintDeadline).toBe(Date.UTC(2026, 11, 10, 6, 20));
    expect(effectsOf(t, 'notify')).toMatchObject([{ audience: ['client', 'specialist'], message: { code: 'auto_completed' } }]);
    expect(effectsOf(t, 'settleHold')).toEqual([
      {
        kind: 'settleHold',
        holdId: 'hold-1',
        specialistUserId: 'lawyer-1',
        toSpecialist: 170_000,
        toPlatform: 30_000,
        publishedAt: ENDS_AT + 24 * HOUR,
      },
    ]);
  });

  it('CHAT-4: a client who disappears after paying changes nothing: the specialist ends it and is paid at once', () => {
    let state = paid();
    state = step(state, { type: 'timer', event: 'session_time_up' }, ENDS_AT).state;
    const t = step(state, { type: 'endConsultation', by: specialist }, ENDED_AT);
    expect(effectsOf(t, 'settleHold')).toMatchObject([{ toSpecialist: 170_000, toPlatform: 30_000, publishedAt: ENDED_AT }]);
    const done = step(t.state, { type: 'timer', event: 'complaint_window_closed' }, COMPLAINT_DEADLINE);
    expect(done.state.settlement).toMatchObject({ toSpecialist: 170_000, toPlatform: 30_000, returnedToClient: 0 });
  });
});
