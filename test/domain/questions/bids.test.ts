import { describe, expect, it } from 'vitest';
import {
  architect,
  BID_AT,
  CHOSEN_AT,
  chosen,
  client,
  DAY,
  designer,
  effectsOf,
  FREE_PROMISE,
  HOUR,
  PAID_PROMISE,
  PRICE,
  published,
  PUBLISHED_AT,
  refused,
  step,
  withBids,
} from './fixtures.ts';

// QA-3: several specialists bid at once — a price (0 = free), an explanation, a promised date
// 1–30 days out; one live bid per specialist, editable or withdrawable until chosen.
// QA-4: the client picks one bid and confirms readiness to pay, or declines all; the others are told.

const bid = (over: Record<string, unknown> = {}) => ({
  type: 'placeBid' as const,
  by: architect,
  price: PRICE,
  explanationEntryId: 'entry-bid',
  promisedAt: BID_AT + 5 * DAY,
  ...over,
});

describe('QA-3: bids', () => {
  it('QA-3: two specialists bid at once, one paid (100 000) and one free (0); the client is told of each', () => {
    const state = withBids();
    expect(state.bids.map((b) => [b.id, b.specialistId, b.price, b.status, b.version])).toEqual([
      ['bid-1', 'spec-a', 100_000, 'live', 1],
      ['bid-2', 'spec-b', 0, 'live', 1],
    ]);
  });

  it('QA-3: the promised date is 1 to 30 days after the bid', () => {
    expect(step(published(), bid({ promisedAt: BID_AT + DAY }), BID_AT).state.bids).toHaveLength(1);
    expect(step(published(), bid({ promisedAt: BID_AT + 30 * DAY }), BID_AT).state.bids).toHaveLength(1);
    expect(refused(published(), bid({ promisedAt: BID_AT + DAY - 1 }), BID_AT).code).toBe('QUESTION_BID_DATE_OUT_OF_RANGE');
    expect(refused(published(), bid({ promisedAt: BID_AT + 30 * DAY + 1 }), BID_AT).code).toBe('QUESTION_BID_DATE_OUT_OF_RANGE');
  });

  it('QA-3: a price is a whole amount of 0 or more; an explanation is required', () => {
    expect(refused(published(), bid({ price: -1 }), BID_AT).code).toBe('VALIDATION_FAILED');
    expect(refused(published(), bid({ price: 10.5 }), BID_AT).code).toBe('VALIDATION_FAILED');
    expect(refused(published(), bid({ explanationEntryId: '' }), BID_AT).code).toBe('VALIDATION_FAILED');
  });

  it('QA-3: one live bid per specialist; only specialists bid; only while published', () => {
    expect(refused(withBids(), bid(), BID_AT + HOUR).code).toBe('QUESTION_BID_EXISTS');
    expect(refused(published(), bid({ by: client }), BID_AT).code).toBe('FORBIDDEN');
    expect(refused(chosen(), bid({ by: { userId: 'spec-c', role: 'specialist' } }), CHOSEN_AT + HOUR).code).toBe('QUESTION_STATE_CONFLICT');
  });

  it('QA-3: edited (version 2) or withdrawn until chosen; a withdrawn bid may be followed by a new one', () => {
    const edited = step(withBids(), { ...bid({ price: 80_000 }), type: 'editBid', bidId: 'bid-1' }, BID_AT + HOUR).state;
    expect(edited.bids[0]).toMatchObject({ price: 80_000, version: 2, updatedAt: BID_AT + HOUR });
    const withdrawn = step(withBids(), { type: 'withdrawBid', by: architect, bidId: 'bid-1' }, BID_AT + HOUR).state;
    expect(withdrawn.bids[0]!.status).toBe('withdrawn');
    expect(step(withdrawn, bid(), BID_AT + 2 * HOUR).state.bids.map((b) => b.id)).toEqual(['bid-1', 'bid-2', 'bid-3']);
    expect(refused(chosen(), { type: 'withdrawBid', by: architect, bidId: 'bid-1' }, CHOSEN_AT + HOUR).code).toBe('QUESTION_BID_NOT_LIVE');
    expect(refused(withBids(), { type: 'withdrawBid', by: designer, bidId: 'bid-1' }, BID_AT + HOUR).code).toBe('NOT_FOUND');
  });
});

describe('QA-4: the client chooses', () => {
  it('QA-4: the client picks the paid bid, confirming readiness to pay: round 1 in work, due Tuesday; the other bidder is told', () => {
    const t = step(withBids(), { type: 'chooseBid', by: client, bidId: 'bid-1', bidVersion: 1, confirmsPayment: true }, CHOSEN_AT);
    expect(t.state.status).toBe('in_work');
    expect(t.state.rounds).toHaveLength(1);
    expect(t.state.rounds[0]).toMatchObject({
      no: 1,
      kind: 'answer',
      bidId: 'bid-1',
      specialistId: 'spec-a',
      price: 100_000,
      promisedAt: PAID_PROMISE,
    });
    expect(t.state.bids.map((b) => b.status)).toEqual(['chosen', 'live']);
    expect(effectsOf(t, 'notify').map((n) => [n.recipients, n.message.code])).toEqual([
      [['spec-a'], 'bid_chosen'],
      [['spec-b'], 'bid_not_chosen'],
    ]);
  });

  it('QA-4: a paid bid needs the confirmation of readiness to pay; a free one does not', () => {
    const base = { type: 'chooseBid' as const, by: client, bidVersion: 1, confirmsPayment: false };
    expect(refused(withBids(), { ...base, bidId: 'bid-1' }, CHOSEN_AT).code).toBe('QUESTION_PAYMENT_NOT_CONFIRMED');
    expect(step(withBids(), { ...base, bidId: 'bid-2' }, CHOSEN_AT).state.rounds[0]!.price).toBe(0);
  });

  it('QA-4: a bid edited since the client saw it is not chosen blindly', () => {
    const edited = step(withBids(), { ...bid({ price: 120_000 }), type: 'editBid', bidId: 'bid-1' }, BID_AT + HOUR).state;
    expect(refused(edited, { type: 'chooseBid', by: client, bidId: 'bid-1', bidVersion: 1, confirmsPayment: true }, CHOSEN_AT).code).toBe(
      'QUESTION_BID_CHANGED',
    );
  });

  it('QA-4: only the client chooses', () => {
    expect(
      refused(withBids(), { type: 'chooseBid', by: architect, bidId: 'bid-1', bidVersion: 1, confirmsPayment: true }, CHOSEN_AT).code,
    ).toBe('FORBIDDEN');
  });

  it('QA-4: declining all closes the question; the bidders are told', () => {
    const t = step(withBids(), { type: 'declineBids', by: client }, CHOSEN_AT);
    expect(t.state.status).toBe('declined');
    expect(t.state.bids.map((b) => b.status)).toEqual(['closed', 'closed']);
    expect(effectsOf(t, 'notify')[0]).toMatchObject({ recipients: ['spec-a', 'spec-b'], message: { code: 'bids_declined' } });
  });

  it('QA-4: no choice within 30 days of publication: the question lapses', () => {
    const t = step(withBids(), { type: 'timer', event: 'bidding_closed' }, PUBLISHED_AT + 30 * DAY);
    expect(t.state.status).toBe('lapsed');
    expect(step(withBids(), { type: 'timer', event: 'bidding_closed' }, PUBLISHED_AT + 30 * DAY - 1).state.status).toBe('published');
  });

  it('QA-3: the free bid promised for Sunday is kept as it was bid', () => {
    expect(withBids().bids[1]!.promisedAt).toBe(FREE_PROMISE);
  });
});
