import { describe, expect, it } from 'vitest';
import { architect, client, DAY, designer, effectsOf, HOUR, PAID_AT, paid, refused, step } from './fixtures.ts';

// QA-7: the specialist may propose additional drawings; the client may order them, which repeats
// the bid → pay → publish cycle (QA-4…QA-6) as a linked round of the same question.

const PROPOSED_AT = PAID_AT + HOUR;
const proposal = {
  type: 'proposeExtraDrawings' as const,
  by: architect,
  entryId: 'entry-extra',
  price: 40_000,
  promisedAt: PROPOSED_AT + 4 * DAY,
};
const proposed = () => step(paid(), proposal, PROPOSED_AT).state;

describe('QA-7: extra drawings', () => {
  it('QA-7: the specialist whose answer the client has proposes extra drawings; the client is told', () => {
    const t = step(paid(), proposal, PROPOSED_AT);
    expect(t.state.proposals).toEqual([
      {
        id: 'extra-1',
        specialistId: 'spec-a',
        afterRound: 1,
        entryId: 'entry-extra',
        price: 40_000,
        promisedAt: PROPOSED_AT + 4 * DAY,
        madeAt: PROPOSED_AT,
        expiresAt: PROPOSED_AT + 7 * DAY,
        status: 'open',
        answeredAt: null,
        round: null,
      },
    ]);
    expect(effectsOf(t, 'notify')[0]).toMatchObject({ recipients: ['client-1'], message: { code: 'extra_drawings_proposed' } });
    expect(refused(paid(), { ...proposal, by: designer }, PROPOSED_AT).code).toBe('QUESTION_STATE_CONFLICT');
  });

  it('QA-7: ordered with readiness to pay, it becomes round 2 of the same question, in work until its date', () => {
    expect(
      refused(proposed(), { type: 'orderExtraDrawings', by: client, proposalId: 'extra-1', confirmsPayment: false }, PROPOSED_AT + HOUR)
        .code,
    ).toBe('QUESTION_PAYMENT_NOT_CONFIRMED');
    const t = step(
      proposed(),
      { type: 'orderExtraDrawings', by: client, proposalId: 'extra-1', confirmsPayment: true },
      PROPOSED_AT + HOUR,
    );
    expect(t.state.rounds.map((r) => [r.no, r.kind, r.proposalId, r.price, r.status])).toEqual([
      [1, 'answer', null, 100_000, 'answered'],
      [2, 'extra_drawings', 'extra-1', 40_000, 'in_work'],
    ]);
    expect(t.state.status).toBe('in_work');
    expect(t.state.proposals[0]).toMatchObject({ status: 'ordered', round: 2 });
  });

  it('QA-7: round 2 repeats QA-6: preview, payment, full answer, settled 34 000 + 6 000', () => {
    const ordered = step(
      proposed(),
      { type: 'orderExtraDrawings', by: client, proposalId: 'extra-1', confirmsPayment: true },
      PROPOSED_AT + HOUR,
    ).state;
    const preview = step(
      ordered,
      { type: 'publishAnswer', by: architect, answerId: 'answer-2', digest: 'b'.repeat(64) },
      PROPOSED_AT + 2 * DAY,
    );
    expect(effectsOf(preview, 'openPayment')[0]).toMatchObject({ paymentKey: 'question-q1/round-2/payment-1', amount: 40_000 });
    const opened = step(
      preview.state,
      { type: 'paymentOpened', paymentKey: 'question-q1/round-2/payment-1', paymentId: 'pay-2', checkoutUrl: 'https://pay/2' },
      PROPOSED_AT + 2 * DAY,
    ).state;
    const paidTwo = step(
      opened,
      { type: 'paymentSettled', paymentId: 'pay-2', status: 'succeeded', settledAt: PROPOSED_AT + 3 * DAY },
      PROPOSED_AT + 3 * DAY,
    ).state;
    const held = step(
      paidTwo,
      { type: 'holdPlaced', paymentKey: 'question-q1/round-2/payment-1', holdId: 'hold-2' },
      PROPOSED_AT + 3 * DAY,
    );
    expect(effectsOf(held, 'settleHold')).toEqual([
      {
        kind: 'settleHold',
        holdId: 'hold-2',
        specialistUserId: 'spec-a',
        toSpecialist: 34_000,
        toPlatform: 6_000,
        publishedAt: PROPOSED_AT + 3 * DAY,
      },
    ]);
    expect(held.state.rounds[1]).toMatchObject({ fullAnswerOpen: true, rateable: true });
  });

  it('QA-7: declined, or unanswered for 7 days, the proposal closes', () => {
    expect(
      step(proposed(), { type: 'declineExtraDrawings', by: client, proposalId: 'extra-1' }, PROPOSED_AT + HOUR).state.proposals[0]!.status,
    ).toBe('declined');
    expect(step(proposed(), { type: 'timer', event: 'proposal_expired' }, PROPOSED_AT + 7 * DAY).state.proposals[0]!.status).toBe(
      'expired',
    );
  });
});
