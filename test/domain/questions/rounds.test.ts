import { describe, expect, it } from 'vitest';
import { nextTimer } from '../../../domain/questions/core/index.ts';
import { architect, CHOSEN_AT, chosen, client, DAY, designer, effectsOf, HOUR, MINUTE, PAID_PROMISE, refused, step } from './fixtures.ts';

// QA-5: the chosen specialist may ask the client for clarification before answering; the client
// answers; a clarification does not move the promised date — a new date binds once the client accepts.
// QA-10: at the promised date without publication the administration is alerted once, the client is
// told and may wait for a new date, choose another bid, or cancel at no cost.

const missed = () => step(chosen(), { type: 'timer', event: 'promised_date' }, PAID_PROMISE);

describe('QA-5: clarifications from the chosen specialist', () => {
  const askedState = () => step(chosen(), { type: 'requestClarification', by: architect, entryId: 'entry-ask' }, CHOSEN_AT + HOUR).state;

  it('QA-5: the specialist asks; the client answers; the promised date stays', () => {
    const answered = step(askedState(), { type: 'supplyClarification', by: client, entryId: 'entry-answer' }, CHOSEN_AT + 2 * HOUR).state;
    expect(answered.rounds[0]!.clarifications).toEqual([
      { askedAt: CHOSEN_AT + HOUR, requestEntryId: 'entry-ask', answeredAt: CHOSEN_AT + 2 * HOUR, answerEntryId: 'entry-answer' },
    ]);
    expect(answered.rounds[0]!.promisedAt).toBe(PAID_PROMISE);
  });

  it('QA-5: one open request at a time; only the chosen specialist asks', () => {
    expect(refused(askedState(), { type: 'requestClarification', by: architect, entryId: 'e' }, CHOSEN_AT + 2 * HOUR).code).toBe(
      'QUESTION_CLARIFICATION_OPEN',
    );
    expect(refused(chosen(), { type: 'requestClarification', by: designer, entryId: 'e' }, CHOSEN_AT + HOUR).code).toBe('FORBIDDEN');
    expect(refused(chosen(), { type: 'supplyClarification', by: client, entryId: 'e' }, CHOSEN_AT + HOUR).code).toBe(
      'QUESTION_NO_OPEN_CLARIFICATION',
    );
  });

  it('QA-5: a new date proposed by the specialist binds only once the client accepts', () => {
    const proposed = step(chosen(), { type: 'proposeNewDate', by: architect, promisedAt: PAID_PROMISE + 2 * DAY }, CHOSEN_AT + HOUR).state;
    expect(proposed.rounds[0]!.promisedAt).toBe(PAID_PROMISE);
    expect(step(proposed, { type: 'acceptNewDate', by: client }, CHOSEN_AT + 2 * HOUR).state.rounds[0]!.promisedAt).toBe(
      PAID_PROMISE + 2 * DAY,
    );
    const rejected = step(proposed, { type: 'rejectNewDate', by: client }, CHOSEN_AT + 2 * HOUR).state;
    expect(rejected.rounds[0]!.promisedAt).toBe(PAID_PROMISE);
    expect(rejected.rounds[0]!.dateProposals[0]!.status).toBe('rejected');
  });
});

describe('QA-10: the promised date passes without publication', () => {
  it('QA-10: the timer is at the promised date; a minute before it nothing happens', () => {
    expect(nextTimer(chosen())).toEqual({ at: PAID_PROMISE, event: 'promised_date', round: 1 });
    expect(step(chosen(), { type: 'timer', event: 'promised_date' }, PAID_PROMISE - MINUTE).state.status).toBe('in_work');
  });

  it('QA-10: at the promised date: overdue, the administration alerted once, the client told of the three options', () => {
    const t = missed();
    expect(t.state.status).toBe('overdue');
    expect(t.state.rounds[0]!.missedAt).toBe(PAID_PROMISE);
    expect(effectsOf(t, 'escalate')).toEqual([
      {
        kind: 'escalate',
        dedupeKey: `question-q1/round-1/missed-${PAID_PROMISE}`,
        reason: 'promised_date_missed',
        detail: 'round 1: promised 2026-12-08T07:00:00.000Z, not published',
      },
    ]);
    expect(effectsOf(t, 'notify')[0]).toMatchObject({
      recipients: ['client-1'],
      message: { code: 'promised_date_missed', params: { options: 'wait_choose_another_or_cancel' } },
    });
    expect(effectsOf(step(t.state, { type: 'timer', event: 'promised_date' }, PAID_PROMISE + HOUR), 'escalate')).toEqual([]);
  });

  it('QA-10: the client waits for a new date the specialist proposes and accepts it: back in work with a new timer', () => {
    const proposed = step(
      missed().state,
      { type: 'proposeNewDate', by: architect, promisedAt: PAID_PROMISE + 3 * DAY },
      PAID_PROMISE + HOUR,
    ).state;
    const accepted = step(proposed, { type: 'acceptNewDate', by: client }, PAID_PROMISE + 2 * HOUR).state;
    expect(accepted.status).toBe('in_work');
    expect(nextTimer(accepted)).toEqual({ at: PAID_PROMISE + 3 * DAY, event: 'promised_date', round: 1 });
  });

  it('QA-10: the client chooses another still-live bid (refreshed by its specialist): round 1 replaced, round 2 with the designer', () => {
    const choose = { type: 'chooseBid' as const, by: client, bidId: 'bid-2', confirmsPayment: false };
    // The designer's bid promised Sunday 6 Dec, already past at the miss: it must be refreshed first.
    expect(refused(missed().state, { ...choose, bidVersion: 1 }, PAID_PROMISE + HOUR).code).toBe('QUESTION_BID_DATE_OUT_OF_RANGE');
    const refreshed = step(
      missed().state,
      { type: 'editBid', by: designer, bidId: 'bid-2', price: 0, explanationEntryId: 'entry-bid-b', promisedAt: PAID_PROMISE + 2 * DAY },
      PAID_PROMISE + HOUR,
    ).state;
    const t = step(refreshed, { ...choose, bidVersion: 2 }, PAID_PROMISE + 2 * HOUR);
    expect(t.state.rounds.map((r) => [r.no, r.specialistId, r.status])).toEqual([
      [1, 'spec-a', 'replaced'],
      [2, 'spec-b', 'in_work'],
    ]);
    expect(t.state.bids.map((b) => b.status)).toEqual(['dropped', 'chosen']);
    expect(t.state.status).toBe('in_work');
    expect(effectsOf(t, 'notify').map((n) => [n.recipients, n.message.code])).toEqual([
      [['spec-a'], 'round_cancelled'],
      [['spec-b'], 'bid_chosen'],
    ]);
  });

  it('QA-10: cancel at no cost: nothing was paid, the question is cancelled', () => {
    const t = step(missed().state, { type: 'cancelRound', by: client }, PAID_PROMISE + HOUR);
    expect(t.state.rounds[0]!.status).toBe('cancelled');
    expect(t.state.status).toBe('cancelled');
    expect(t.state.bids.map((b) => b.status)).toEqual(['dropped', 'closed']);
    expect(effectsOf(t, 'openPayment')).toEqual([]);
    expect(refused(chosen(), { type: 'cancelRound', by: client }, CHOSEN_AT + HOUR).code).toBe('QUESTION_NOT_OVERDUE');
  });

  it('QA-10: nobody acting for 14 days after the miss cancels the round at no cost', () => {
    expect(step(missed().state, { type: 'timer', event: 'overdue_close' }, PAID_PROMISE + 14 * DAY).state.status).toBe('cancelled');
  });

  it('QA-10: the specialist may still publish late until the client chooses otherwise', () => {
    const t = step(missed().state, { type: 'publishAnswer', by: architect, answerId: 'a', digest: 'a'.repeat(64) }, PAID_PROMISE + HOUR);
    expect(t.state.status).toBe('awaiting_payment');
  });
});
