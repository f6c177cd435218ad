import { describe, expect, it } from 'vitest';
import {
  admin,
  architect,
  chosen,
  client,
  designer,
  effectsOf,
  HOUR,
  MINUTE,
  PAID_AT,
  paid,
  PREVIEW_AT,
  refused,
  step,
} from './fixtures.ts';

// QA-9: the client may complain about quality within 3 working days after the answer opened to
// them (platform calendar with holidays); the administration arbitrates within 2 working days
// (escalated after) and, if justified, refunds — the same earnings block and reversal as CHAT-5.

/** Thursday 10 December 2026, 15:00 Tashkent: Fri 4 Dec 15:00 + Mon 7, (Tue 8 holiday) Wed 9, Thu 10. */
const WINDOW_END = Date.UTC(2026, 11, 10, 10, 0);
/** Monday 7 December 2026, 11:00 Tashkent. */
const COMPLAINED_AT = Date.UTC(2026, 11, 7, 6, 0);
/** Thursday 10 December 2026, 11:00 Tashkent: Mon 7 11:00 + (Tue 8 holiday) Wed 9, Thu 10. */
const DECIDE_BY = Date.UTC(2026, 11, 10, 6, 0);

const complaint = { type: 'complain' as const, by: client, round: 1, reasonEntryId: 'entry-reason' };
const inComplaint = () => step(paid(), complaint, COMPLAINED_AT).state;

describe('QA-9: the complaint window', () => {
  it('QA-9: a minute before Thursday 15:00 (3 working days across the weekend and the holiday) a complaint is accepted', () => {
    expect(step(paid(), complaint, WINDOW_END - MINUTE).state.status).toBe('in_complaint');
  });

  it('QA-9: at Thursday 15:00 it is refused; the window closing completes the round', () => {
    expect(refused(paid(), complaint, WINDOW_END).code).toBe('COMPLAINT_WINDOW_CLOSED');
    const completed = step(paid(), { type: 'timer', event: 'complaint_window_closed' }, WINDOW_END).state;
    expect(completed.rounds[0]!.status).toBe('completed');
    expect(completed.status).toBe('closed');
    expect(refused(completed, complaint, WINDOW_END + MINUTE).code).toBe('COMPLAINT_WINDOW_CLOSED');
  });

  it('QA-9: a free answer has nothing to refund; one complaint per round; only the client complains', () => {
    const free = step(chosen('bid-2'), { type: 'publishAnswer', by: designer, answerId: 'a' }, PREVIEW_AT).state;
    expect(refused(free, complaint, PREVIEW_AT + HOUR).code).toBe('COMPLAINT_NOTHING_PAID');
    expect(refused(inComplaint(), complaint, COMPLAINED_AT + HOUR).code).toBe('COMPLAINT_ALREADY_MADE');
    expect(refused(paid(), { ...complaint, by: architect }, COMPLAINED_AT).code).toBe('FORBIDDEN');
  });
});

describe('QA-9: arbitration', () => {
  it("QA-9: the complaint blocks the specialist's 85 000 and tells the admins; the decision is due Thursday 11:00", () => {
    const t = step(paid(), complaint, COMPLAINED_AT);
    expect(t.state.rounds[0]!.complaint!.decideBy).toBe(DECIDE_BY);
    expect(effectsOf(t, 'blockEarning')).toEqual([
      {
        kind: 'blockEarning',
        key: 'question-q1/round-1/complaint/block',
        holdId: 'hold-1',
        reason: 'QA-9: complaint about question q1, round 1',
      },
    ]);
    expect(effectsOf(t, 'notify')[0]).toMatchObject({
      admins: true,
      message: { code: 'complaint_opened', params: { blockedEarning: 85_000 } },
    });
  });

  it('QA-9: undecided at the deadline → escalated once', () => {
    const t = step(inComplaint(), { type: 'timer', event: 'arbitration_overdue' }, DECIDE_BY);
    expect(effectsOf(t, 'escalate').map((e) => [e.dedupeKey, e.reason])).toEqual([
      ['question-q1/round-1/complaint/overdue', 'arbitration_overdue'],
    ]);
    expect(effectsOf(step(t.state, { type: 'timer', event: 'arbitration_overdue' }, DECIDE_BY + HOUR), 'escalate')).toEqual([]);
  });

  it('QA-9: a partial refund of 40 000 takes 34 000 from the specialist and 6 000 from the commission, then unblocks', () => {
    const decided = step(
      inComplaint(),
      { type: 'decideComplaint', by: admin, round: 1, decision: 'partial_refund', refundAmount: 40_000 },
      DECIDE_BY - HOUR,
    );
    expect(effectsOf(decided, 'reverseSettlement')).toEqual([
      {
        kind: 'reverseSettlement',
        holdId: 'hold-1',
        fromSpecialist: 34_000,
        fromPlatform: 6_000,
        description: 'Refund after a complaint about question q1, round 1 (QA-9)',
      },
    ]);
    expect(decided.state.rounds[0]!.status).toBe('partially_refunded');
    const reversed = step(decided.state, { type: 'settlementReversed', holdId: 'hold-1' }, DECIDE_BY - HOUR);
    expect(effectsOf(reversed, 'unblockEarning')).toEqual([
      { kind: 'unblockEarning', key: 'question-q1/round-1/complaint/unblock', holdId: 'hold-1' },
    ]);
    expect(reversed.state.rounds[0]!.settlement).toMatchObject({ toSpecialist: 51_000, toPlatform: 9_000, returnedToClient: 40_000 });
    expect(reversed.state.status).toBe('closed');
  });

  it('QA-9: a rejection unblocks at once; a partial refund must be below the price; only an admin decides', () => {
    const rejected = step(inComplaint(), { type: 'decideComplaint', by: admin, round: 1, decision: 'reject' }, DECIDE_BY - HOUR);
    expect(effectsOf(rejected, 'unblockEarning')).toHaveLength(1);
    expect(rejected.state.rounds[0]!.status).toBe('completed');
    expect(
      refused(inComplaint(), { type: 'decideComplaint', by: admin, round: 1, decision: 'partial_refund', refundAmount: 100_000 }, DECIDE_BY)
        .code,
    ).toBe('VALIDATION_FAILED');
    expect(refused(inComplaint(), { type: 'decideComplaint', by: client, round: 1, decision: 'reject' }, DECIDE_BY).code).toBe('FORBIDDEN');
  });

  it('QA-9: the ledger refusing the reversal keeps the earning blocked and tells the administration', () => {
    const decided = step(inComplaint(), { type: 'decideComplaint', by: admin, round: 1, decision: 'full_refund' }, DECIDE_BY - HOUR).state;
    const t = step(decided, { type: 'reversalRefused', holdId: 'hold-1', code: 'INSUFFICIENT_FUNDS', message: 'no' }, DECIDE_BY - HOUR);
    expect(effectsOf(t, 'escalate')[0]).toMatchObject({ reason: 'refund_not_recovered' });
    expect(effectsOf(t, 'unblockEarning')).toEqual([]);
    expect(t.state.rounds[0]!.settlement!.reversal!.status).toBe('refused');
  });

  it('QA-9: settled at the opening (Friday 15:00): PAY-5 counts from the same instant as the window', () => {
    expect(paid().rounds[0]!.fullAnswerOpenedAt).toBe(PAID_AT);
  });
});
