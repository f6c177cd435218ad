import { describe, expect, it } from 'vitest';
import { complaintOpen, nextTimer } from '../../../../domain/consultations/core/index.ts';
import type { ConsultationState } from '../../../../domain/consultations/contract.ts';
import { admin, client, effectsOf, ended, ENDED_AT, MINUTE, paid, refused, specialist, step } from './fixtures.ts';

// CHAT-5: the client may complain within 3 working days of the end; while the complaint is open
// the money stays frozen; the administration rejects or refunds in full or in part before its
// deadline, or is escalated to; a refund returns the money to the client's balance.

/** Wednesday 9 December 2026, 15:00 Tashkent: Thu 3 Dec 15:00 + Fri 4, Mon 7, (Tue 8 Dec holiday) Wed 9. */
const COMPLAINT_DEADLINE = Date.UTC(2026, 11, 9, 10, 0);
/** Friday 4 December 2026, 11:00 Tashkent. */
const COMPLAINED_AT = Date.UTC(2026, 11, 4, 6, 0);
/** Wednesday 9 December 2026, 11:00 Tashkent: Fri 4 Dec 11:00 + Mon 7, (Tue 8 Dec holiday) Wed 9. */
const DECIDE_BY = Date.UTC(2026, 11, 9, 6, 0);

const complaint = { type: 'complain' as const, by: client, reasonMessageId: 'msg-41' };

function inComplaint(): ConsultationState {
  return step(ended(), complaint, COMPLAINED_AT).state;
}

describe('CHAT-5: the complaint window is 3 working days from the end', () => {
  it('CHAT-5: 3 working days minus a minute is accepted, across a weekend and a public holiday', () => {
    const t = step(ended(), complaint, COMPLAINT_DEADLINE - MINUTE);
    expect(t.state.status).toBe('in_complaint');
    expect(complaintOpen(t.state)).toBe(true);
  });

  it('CHAT-5: 3 working days plus a minute is refused', () => {
    expect(refused(ended(), complaint, COMPLAINT_DEADLINE + MINUTE).code).toBe('COMPLAINT_WINDOW_CLOSED');
  });

  it('CHAT-5: Monday 7 December is still inside the window (3 × 24 h would have closed it on Sunday)', () => {
    expect(step(ended(), complaint, Date.UTC(2026, 11, 7, 5, 0)).state.status).toBe('in_complaint');
  });

  it("CHAT-5: the window's timer is at its end; a completed consultation takes no complaint", () => {
    expect(nextTimer(ended())).toEqual({ at: COMPLAINT_DEADLINE, event: 'complaint_window_closed' });
    const completed = step(ended(), { type: 'timer', event: 'complaint_window_closed' }, COMPLAINT_DEADLINE).state;
    expect(refused(completed, complaint, COMPLAINT_DEADLINE + MINUTE).code).toBe('COMPLAINT_WINDOW_CLOSED');
  });

  it('CHAT-5: nothing to complain about before the end; one complaint per consultation', () => {
    expect(refused(paid(), complaint, ENDED_AT).code).toBe('CONSULTATION_STATE_CONFLICT');
    expect(refused(inComplaint(), complaint, COMPLAINED_AT + MINUTE).code).toBe('COMPLAINT_ALREADY_MADE');
  });
});

describe("CHAT-5: while a complaint is open the specialist's earnings stay frozen", () => {
  it('CHAT-5: the complaint tells the admins and the specialist, and the window closing no longer pays out', () => {
    const t = step(ended(), complaint, COMPLAINED_AT);
    expect(effectsOf(t, 'notify')).toEqual([
      {
        kind: 'notify',
        dedupeKey: 'consultation-c1/complaint/opened',
        audience: ['admins', 'specialist'],
        message: { code: 'complaint_opened', params: { decideBy: DECIDE_BY, reasonMessageId: 'msg-41' } },
      },
    ]);
    const late = step(t.state, { type: 'timer', event: 'complaint_window_closed' }, COMPLAINT_DEADLINE);
    expect(late.effects).toEqual([]);
    expect(late.state.status).toBe('in_complaint');
    expect(late.state.payments[0]!.status).toBe('held');
  });
});

describe('CHAT-5: the administration decides', () => {
  const decide = (decision: 'reject' | 'full_refund' | 'partial_refund', refundAmount?: number) =>
    step(
      inComplaint(),
      { type: 'decideComplaint', by: admin, decision, ...(refundAmount !== undefined && { refundAmount }) },
      COMPLAINED_AT + 3 * 60 * MINUTE,
    );

  it('CHAT-5: rejected → the specialist gets 170 000, the platform 30 000', () => {
    const t = decide('reject');
    expect(effectsOf(t, 'settleHold')).toEqual([
      {
        kind: 'settleHold',
        holdId: 'hold-1',
        specialistUserId: 'lawyer-1',
        toSpecialist: 170_000,
        toPlatform: 30_000,
        publishedAt: ENDED_AT,
      },
    ]);
    expect(t.state.status).toBe('completed');
  });

  it("CHAT-5: full refund → the whole hold is released to the client's balance", () => {
    const t = decide('full_refund');
    expect(effectsOf(t, 'releaseHold')).toEqual([{ kind: 'releaseHold', holdId: 'hold-1' }]);
    expect(effectsOf(t, 'settleHold')).toEqual([]);
    expect(t.state.settlement).toMatchObject({ toSpecialist: 0, toPlatform: 0, returnedToClient: 200_000 });
    expect(t.state.status).toBe('refunded');
  });

  it('CHAT-5: partial refund of 50 000 → 50 000 back to the client, 127 500 to the specialist, 22 500 commission', () => {
    const t = decide('partial_refund', 50_000);
    expect(effectsOf(t, 'settleHold')).toEqual([
      {
        kind: 'settleHold',
        holdId: 'hold-1',
        specialistUserId: 'lawyer-1',
        toSpecialist: 127_500,
        toPlatform: 22_500,
        publishedAt: ENDED_AT,
      },
    ]);
    expect(t.state.settlement).toMatchObject({ toSpecialist: 127_500, toPlatform: 22_500, returnedToClient: 50_000 });
    expect(t.state.complaint).toMatchObject({ decision: 'partial_refund', refundAmount: 50_000, decidedBy: 'admin-1' });
    expect(t.state.status).toBe('partially_refunded');
    expect(effectsOf(t, 'notify')).toMatchObject([{ audience: ['client', 'specialist'], message: { code: 'complaint_decided' } }]);
  });

  it('CHAT-5: a partial refund is above 0 and below the price; only a partial refund has an amount', () => {
    const bad = (decision: 'full_refund' | 'partial_refund', refundAmount?: number) =>
      refused(
        inComplaint(),
        { type: 'decideComplaint', by: admin, decision, ...(refundAmount !== undefined && { refundAmount }) },
        COMPLAINED_AT + MINUTE,
      ).code;
    expect(bad('partial_refund')).toBe('VALIDATION_FAILED');
    expect(bad('partial_refund', 0)).toBe('VALIDATION_FAILED');
    expect(bad('partial_refund', 200_000)).toBe('VALIDATION_FAILED');
    expect(bad('partial_refund', 100.5)).toBe('VALIDATION_FAILED');
    expect(bad('full_refund', 1000)).toBe('VALIDATION_FAILED');
  });

  it('CHAT-5: only an admin decides, and only an open complaint', () => {
    expect(refused(inComplaint(), { type: 'decideComplaint', by: client, decision: 'full_refund' }, COMPLAINED_AT + MINUTE).code).toBe(
      'FORBIDDEN',
    );
    expect(refused(inComplaint(), { type: 'decideComplaint', by: specialist, decision: 'reject' }, COMPLAINED_AT + MINUTE).code).toBe(
      'FORBIDDEN',
    );
    expect(refused(ended(), { type: 'decideComplaint', by: admin, decision: 'reject' }, COMPLAINED_AT).code).toBe(
      'CONSULTATION_STATE_CONFLICT',
    );
  });
});

describe('CHAT-5: the arbitration deadline escalates', () => {
  it('CHAT-5: the administration has 2 working days: the timer is at Wednesday 11:00 (Tuesday is a holiday)', () => {
    expect(inComplaint().complaint!.decideBy).toBe(DECIDE_BY);
    expect(nextTimer(inComplaint())).toEqual({ at: DECIDE_BY, event: 'arbitration_overdue' });
  });

  it('CHAT-5: when it passes a senior admin is escalated to, once; the complaint stays open for a decision', () => {
    expect(step(inComplaint(), { type: 'timer', event: 'arbitration_overdue' }, DECIDE_BY - 1).effects).toEqual([]);
    const t = step(inComplaint(), { type: 'timer', event: 'arbitration_overdue' }, DECIDE_BY);
    expect(t.effects).toEqual([
      {
        kind: 'escalate',
        dedupeKey: 'consultation-c1/complaint/overdue',
        reason: 'arbitration_overdue',
        detail: 'complaint opened 2026-12-04T06:00:00.000Z, due 2026-12-09T06:00:00.000Z',
      },
    ]);
    expect(t.state.complaint!.escalatedAt).toBe(DECIDE_BY);
    expect(nextTimer(t.state)).toBeNull();
    expect(step(t.state, { type: 'timer', event: 'arbitration_overdue' }, DECIDE_BY + MINUTE).effects).toEqual([]);
    expect(step(t.state, { type: 'decideComplaint', by: admin, decision: 'reject' }, DECIDE_BY + MINUTE).state.status).toBe('completed');
  });
});
