import { describe, expect, it } from 'vitest';
import { nextTimer, questionDone, rateableRounds } from '../../../domain/questions/core/index.ts';
import {
  architect,
  chosen,
  client,
  DAY,
  designer,
  DIGEST,
  effectsOf,
  HOUR,
  PAID_AT,
  paid,
  PAYMENT_KEY,
  PREVIEW_AT,
  previewed,
  refused,
  step,
} from './fixtures.ts';

// QA-6: by the promised date the specialist publishes: a free answer in full; a paid answer as a
// preview with the SHA-256 digest of the full answer; the full answer opens only after the payment
// reaches the platform (PAY-2), and is settled at once to the specialist less commission, with
// PAY-5's days counted from the opening. Unpaid within 7 days: closed without obligation.
// QA-8: the rounds whose answer the client has are rateable (the rating is kept by the API).

/** Thursday 10 December 2026, 15:00 Tashkent: Friday 4 Dec 15:00 + Mon 7, (Tue 8 holiday) Wed 9, Thu 10. */
const WINDOW_END = Date.UTC(2026, 11, 10, 10, 0);

describe('QA-6: a free answer', () => {
  it('QA-6: a free answer is published in full at once; nothing to pay; QA-8 rateable', () => {
    const t = step(chosen('bid-2'), { type: 'publishAnswer', by: designer, answerId: 'answer-free' }, PREVIEW_AT);
    const round = t.state.rounds[0]!;
    expect(round).toMatchObject({ status: 'answered', fullAnswerOpen: true, fullAnswerOpenedAt: PREVIEW_AT, rateable: true });
    expect(round.answer).toEqual({ answerId: 'answer-free', publishedAt: PREVIEW_AT, digest: null });
    expect(effectsOf(t, 'openPayment')).toEqual([]);
    expect(t.state.status).toBe('answered');
    expect(rateableRounds(t.state)).toEqual([1]);
    // The other bid closes once an answer is published.
    expect(t.state.bids.map((b) => b.status)).toEqual(['closed', 'chosen']);
  });
});

describe('QA-6: a paid answer — preview, payment, full answer', () => {
  it('QA-6: the preview is published with its digest; the payment of 100 000 opens; the full answer stays closed', () => {
    const t = step(chosen(), { type: 'publishAnswer', by: architect, answerId: 'answer-1', digest: DIGEST }, PREVIEW_AT);
    const round = t.state.rounds[0]!;
    expect(round).toMatchObject({ status: 'awaiting_payment', fullAnswerOpen: false, rateable: false });
    expect(round.answer).toEqual({ answerId: 'answer-1', publishedAt: PREVIEW_AT, digest: DIGEST });
    expect(effectsOf(t, 'openPayment')).toEqual([
      { kind: 'openPayment', paymentKey: PAYMENT_KEY, amount: 100_000, description: 'Answer to question q1, round 1' },
    ]);
    expect(effectsOf(t, 'notify')[0]).toMatchObject({
      message: { code: 'preview_published', params: { digest: DIGEST, amount: 100_000, payBy: PREVIEW_AT + 7 * DAY } },
    });
  });

  it('QA-6: a paid answer needs the 64-hex SHA-256 digest of the full answer', () => {
    expect(refused(chosen(), { type: 'publishAnswer', by: architect, answerId: 'a' }, PREVIEW_AT).code).toBe('QUESTION_DIGEST_INVALID');
    expect(refused(chosen(), { type: 'publishAnswer', by: architect, answerId: 'a', digest: 'XYZ' }, PREVIEW_AT).code).toBe(
      'QUESTION_DIGEST_INVALID',
    );
    expect(refused(chosen(), { type: 'publishAnswer', by: designer, answerId: 'a', digest: DIGEST }, PREVIEW_AT).code).toBe('FORBIDDEN');
  });

  it('QA-6, PAY-2: paid → held, the full answer opens, then settled at once: 85 000 to the specialist, 15 000 commission, published at the opening', () => {
    const paidState = step(previewed(), { type: 'paymentSettled', paymentId: 'pay-1', status: 'succeeded', settledAt: PAID_AT }, PAID_AT);
    expect(effectsOf(paidState, 'hold')).toEqual([
      { kind: 'hold', paymentKey: PAYMENT_KEY, amount: 100_000, description: 'Answer to question q1, round 1' },
    ]);
    expect(paidState.state.rounds[0]).toMatchObject({
      status: 'answered',
      fullAnswerOpen: true,
      fullAnswerOpenedAt: PAID_AT,
      rateable: true,
    });
    const held = step(paidState.state, { type: 'holdPlaced', paymentKey: PAYMENT_KEY, holdId: 'hold-1' }, PAID_AT);
    expect(effectsOf(held, 'settleHold')).toEqual([
      { kind: 'settleHold', holdId: 'hold-1', specialistUserId: 'spec-a', toSpecialist: 85_000, toPlatform: 15_000, publishedAt: PAID_AT },
    ]);
    expect(held.state.rounds[0]!.settlement).toMatchObject({ toSpecialist: 85_000, toPlatform: 15_000, returnedToClient: 0 });
    expect(held.state.rounds[0]!.payments[0]!.status).toBe('settled');
  });

  it('QA-9 window and QA-8 rating start at the opening: 3 working days across the weekend and the 8 December holiday', () => {
    const state = paid();
    expect(state.rounds[0]!.complaintDeadline).toBe(WINDOW_END);
    expect(nextTimer(state)).toEqual({ at: WINDOW_END, event: 'complaint_window_closed', round: 1 });
  });

  it('PAY-3: a repeated callback changes nothing', () => {
    const again = step(paid(), { type: 'paymentSettled', paymentId: 'pay-1', status: 'succeeded', settledAt: PAID_AT }, PAID_AT + HOUR);
    expect(again.effects).toEqual([]);
  });

  it('QA-6: a declined card opens a fresh checkout with the same deadline', () => {
    const t = step(previewed(), { type: 'paymentSettled', paymentId: 'pay-1', status: 'failed', settledAt: PAID_AT }, PAID_AT);
    expect(effectsOf(t, 'openPayment').map((e) => e.paymentKey)).toEqual(['question-q1/round-1/payment-2']);
    expect(t.state.rounds[0]!.payments.map((p) => [p.status, p.expiresAt])).toEqual([
      ['failed', PREVIEW_AT + 7 * DAY],
      ['awaiting_payment', PREVIEW_AT + 7 * DAY],
    ]);
  });

  it('QA-6: unpaid after 7 days the round closes without obligation; the full answer never opens; a late payment goes back to the card', () => {
    const t = step(previewed(), { type: 'timer', event: 'payment_window_closed' }, PREVIEW_AT + 7 * DAY);
    expect(t.state.rounds[0]).toMatchObject({ status: 'unpaid', fullAnswerOpen: false });
    expect(t.state.status).toBe('closed');
    expect(questionDone(t.state, PREVIEW_AT + 7 * DAY)).toBe(false);
    const late = step(
      t.state,
      { type: 'paymentSettled', paymentId: 'pay-1', status: 'succeeded', settledAt: PREVIEW_AT + 8 * DAY },
      PREVIEW_AT + 7 * DAY + HOUR,
    );
    expect(effectsOf(late, 'refundPayment')).toEqual([
      { kind: 'refundPayment', refundKey: `${PAYMENT_KEY}/refund`, paymentId: 'pay-1', amount: 100_000 },
    ]);
    expect(questionDone(late.state, PREVIEW_AT + 8 * DAY)).toBe(true);
  });

  it('QA-6: only the client reads the state for now; a complaint cannot come before the answer is open', () => {
    expect(refused(previewed(), { type: 'complain', by: client, round: 1, reasonEntryId: 'r' }, PREVIEW_AT + HOUR).code).toBe(
      'QUESTION_STATE_CONFLICT',
    );
  });
});
