import { describe, expect, it } from 'vitest';
import { complaintOpen, nextTimer } from '../../../../domain/consultations/core/index.ts';
import type { ConsultationState } from '../../../../domain/consultations/contract.ts';
import { accepted, admin, client, effectsOf, ended, ENDED_AT, MINUTE, paid, refused, specialist, step, T0 } from './fixtures.ts';

const PAID_AT = T0 + 20 * MINUTE;

// CHAT-5: the client may complain within 3 working days of the end; while the complaint is open
// the specialist's earning (posted at the end, CHAT-4) is blocked from withdrawal; the
// administration rejects or refunds in full or in part before its deadline, or is escalated to;
// a refund returns the money to the client's balance, taken back from the specialist and the
// commission so that the kept price is split as on delivery.

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

describe("CHAT-5: while a complaint is open the specialist's earnings from it cannot be withdrawn", () => {
  it('CHAT-5: the complaint blocks the earning posted at the end and tells the admins and the specialist how much waits', () => {
    const t = step(ended(), complaint, COMPLAINED_AT);
    expect(effectsOf(t, 'notify')).toEqual([
      {
        kind: 'notify',
        dedupeKey: 'consultation-c1/complaint/opened',
        audience: ['admins', 'specialist'],
        message: {
          code: 'complaint_opened',
          params: { decideBy: DECIDE_BY, reasonMessageId: 'msg-41', blockedEarning: 170_000, currency: 'UZS' },
        },
      },
    ]);
    expect(effectsOf(t, 'blockEarning')).toEqual([
      {
        kind: 'blockEarning',
        key: 'consultation-c1/complaint/block',
        holdId: 'hold-1',
        reason: 'CHAT-5: complaint about chat consultation c1',
      },
    ]);
    expect(t.state.settlement).toMatchObject({ toSpecialist: 170_000, blockedAt: COMPLAINED_AT, unblockedAt: null });
  });

  it('CHAT-5, PAY-5: the window closing (the day PAY-5 would free the earning) changes nothing while the complaint is open', () => {
    const late = step(inComplaint(), { type: 'timer', event: 'complaint_window_closed' }, COMPLAINT_DEADLINE);
    expect(late.effects).toEqual([]);
    expect(late.state.status).toBe('in_complaint');
    expect(late.state.settlement).toMatchObject({ blockedAt: COMPLAINED_AT, unblockedAt: null });
  });
});

/** Monday 7 December 2026, 14:00 Tashkent. */
const DECIDED_AT = Date.UTC(2026, 11, 7, 9, 0);
const REVERSED_AT = DECIDED_AT + 3000;

function decided(decision: 'reject' | 'full_refund' | 'partial_refund', refundAmount?: number, from = inComplaint()) {
  return step(from, { type: 'decideComplaint', by: admin, decision, ...(refundAmount !== undefined && { refundAmount }) }, DECIDED_AT);
}

const reversed = (state: ConsultationState) => step(state, { type: 'settlementReversed', holdId: 'hold-1' }, REVERSED_AT);

describe('CHAT-5: the administration decides', () => {
  it('CHAT-5: rejected → nothing moves back; the block is lifted from the 170 000', () => {
    const t = decided('reject');
    expect(t.state.status).toBe('completed');
    expect(effectsOf(t, 'reverseSettlement')).toEqual([]);
    expect(effectsOf(t, 'settleHold')).toEqual([]);
    expect(effectsOf(t, 'unblockEarning')).toEqual([
      { kind: 'unblockEarning', key: 'consultation-c1/complaint/unblock', holdId: 'hold-1' },
    ]);
    expect(t.state.settlement).toMatchObject({ toSpecialist: 170_000, toPlatform: 30_000, returnedToClient: 0, unblockedAt: DECIDED_AT });
  });

  it("CHAT-5: full refund → 170 000 back from the specialist and 30 000 from the commission to the client's balance, then unblocked", () => {
    const t = decided('full_refund');
    expect(t.state.status).toBe('refunded');
    expect(t.effects.filter((e) => e.kind !== 'postSystemMessage' && e.kind !== 'notify')).toEqual([
      {
        kind: 'reverseSettlement',
        holdId: 'hold-1',
        fromSpecialist: 170_000,
        fromPlatform: 30_000,
        description: 'Refund after a complaint about chat consultation c1 (CHAT-5)',
      },
    ]);
    const done = reversed(t.state);
    expect(done.effects).toEqual([{ kind: 'unblockEarning', key: 'consultation-c1/complaint/unblock', holdId: 'hold-1' }]);
    expect(done.state.settlement).toMatchObject({ toSpecialist: 0, toPlatform: 0, returnedToClient: 200_000, unblockedAt: REVERSED_AT });
    expect(done.state.settlement!.reversal).toEqual({
      requestedAt: DECIDED_AT,
      fromSpecialist: 170_000,
      fromPlatform: 30_000,
      status: 'done',
      answeredAt: REVERSED_AT,
    });
  });

  it('CHAT-5: partial refund of 50 000 → 42 500 from the specialist + 7 500 commission; kept 150 000 splits 127 500 / 22 500', () => {
    const t = decided('partial_refund', 50_000);
    expect(effectsOf(t, 'reverseSettlement')).toMatchObject([{ holdId: 'hold-1', fromSpecialist: 42_500, fromPlatform: 7_500 }]);
    expect(effectsOf(t, 'unblockEarning')).toEqual([]);
    expect(t.state.status).toBe('partially_refunded');
    expect(t.state.complaint).toMatchObject({ decision: 'partial_refund', refundAmount: 50_000, decidedBy: 'admin-1' });
    const params = {
      decision: 'partial_refund',
      returnedToClient: 50_000,
      returnedBySpecialist: 42_500,
      returnedByPlatform: 7_500,
      toSpecialist: 127_500,
      currency: 'UZS',
    };
    expect(effectsOf(t, 'notify')).toEqual([
      {
        kind: 'notify',
        dedupeKey: 'consultation-c1/complaint/decided',
        audience: ['client', 'specialist'],
        message: { code: 'complaint_decided', params },
      },
    ]);
    const done = reversed(t.state);
    expect(done.state.settlement).toMatchObject({ toSpecialist: 127_500, toPlatform: 22_500, returnedToClient: 50_000 });
    expect(effectsOf(done, 'unblockEarning')).toHaveLength(1);
  });

  it('CHAT-5: odd amounts — 199 999 settled 170 000 / 29 999; a refund of 33 333 takes 28 333 + 5 000 back, kept 166 666 splits 141 667 / 24 999', () => {
    const t = decided('partial_refund', 33_333, step(ended(ENDED_AT, 199_999), complaint, COMPLAINED_AT).state);
    expect(effectsOf(t, 'reverseSettlement')).toMatchObject([{ fromSpecialist: 28_333, fromPlatform: 5_000 }]);
    expect(reversed(t.state).state.settlement).toMatchObject({ toSpecialist: 141_667, toPlatform: 24_999, returnedToClient: 33_333 });
  });

  it('CHAT-5: the ledger answering twice changes nothing the second time', () => {
    const once = reversed(decided('partial_refund', 50_000).state).state;
    const twice = reversed(once);
    expect(twice.effects).toEqual([]);
    expect(twice.state.settlement).toEqual(once.settlement);
  });

  it('CHAT-5: the ledger refuses the reversal for good → the earning stays blocked and a senior admin is escalated to', () => {
    const t = decided('partial_refund', 50_000);
    const refusedNow = step(
      t.state,
      { type: 'reversalRefused', holdId: 'hold-1', code: 'INSUFFICIENT_FUNDS', message: 'not enough' },
      REVERSED_AT,
    );
    expect(refusedNow.effects).toEqual([
      {
        kind: 'escalate',
        dedupeKey: 'consultation-c1/complaint/refund-not-recovered',
        reason: 'refund_not_recovered',
        detail: '42500 from the specialist and 7500 from the commission could not be returned to the client: INSUFFICIENT_FUNDS not enough',
      },
    ]);
    expect(refusedNow.state.settlement).toMatchObject({
      toSpecialist: 170_000,
      toPlatform: 30_000,
      returnedToClient: 0,
      unblockedAt: null,
    });
    expect(refusedNow.state.settlement!.reversal).toMatchObject({ status: 'refused', answeredAt: REVERSED_AT });
  });

  it('CHAT-4, CHAT-5: end, complaint and decision all before the hold was placed → settled, blocked and reversed in that order once it is', () => {
    const unheld = step(accepted(), { type: 'paymentSettled', paymentId: 'pay-1', status: 'succeeded', settledAt: PAID_AT }, PAID_AT).state;
    let state = step(unheld, { type: 'endConsultation', by: specialist }, ENDED_AT).state;
    state = step(state, complaint, ENDED_AT + 1000).state;
    const early = decided('partial_refund', 50_000, state);
    expect(early.effects.map((e) => e.kind)).toEqual(['postSystemMessage', 'notify']);
    const t = step(early.state, { type: 'holdPlaced', paymentKey: 'consultation-c1/payment-1', holdId: 'hold-1' }, DECIDED_AT + 1000);
    expect(t.effects.map((e) => e.kind)).toEqual(['settleHold', 'blockEarning', 'reverseSettlement']);
    expect(effectsOf(t, 'settleHold')).toMatchObject([{ toSpecialist: 170_000, toPlatform: 30_000, publishedAt: ENDED_AT }]);
    expect(effectsOf(t, 'reverseSettlement')).toMatchObject([{ fromSpecialist: 42_500, fromPlatform: 7_500 }]);
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
