import type { BusinessCalendar } from '../../../domain/calendar.ts';
import { PLATFORM_CALENDAR } from '../../../domain/platform-calendar.ts';
import type { Actor, QuestionInput, QuestionState } from '../../../domain/questions/contract.ts';
import {
  decide,
  start,
  type QuestionEffect,
  type QuestionStimulus,
  type Refusal,
  type Transition,
} from '../../../domain/questions/core/index.ts';

// Small factories for the question core's unit tests: every instant is written out from T0.

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** Thursday 3 December 2026, 10:00 in Tashkent (UTC+5, no daylight saving). */
export const T0 = Date.UTC(2026, 11, 3, 5, 0);
/** Tuesday 8 December is Constitution Day in Uzbekistan: not a working day. */
export const CALENDAR: BusinessCalendar = { ...PLATFORM_CALENDAR, holidays: ['2026-12-08'] };
export const PRICE = 100_000;
/** SHA-256 of "full answer", hex. */
export const DIGEST = 'f3d9f9ea5d0d7d39b2ff1d6f3ac5a8a1d7f3b6f0c0f4e2b1a9c8d7e6f5a4b3c2';

export const client: Actor = { userId: 'client-1', role: 'client' };
export const admin: Actor = { userId: 'admin-1', role: 'admin' };
export const architect: Actor = { userId: 'spec-a', role: 'specialist' };
export const designer: Actor = { userId: 'spec-b', role: 'specialist' };
export const stranger: Actor = { userId: 'client-2', role: 'client' };

export function input(extra: Partial<QuestionInput> = {}): QuestionInput {
  return {
    questionId: 'q1',
    clientId: client.userId,
    entryId: 'entry-question',
    askedAt: T0,
    currency: 'UAH',
    commissionBps: 1500,
    calendar: CALENDAR,
    ...extra,
  };
}

export function asked(extra: Partial<QuestionInput> = {}): QuestionState {
  const t = start(input(extra), T0);
  if ('refusal' in t) throw new Error(`refused: ${t.refusal.code}`);
  return t.state;
}

/** Applies a stimulus that must be accepted. */
export function step(state: QuestionState, stimulus: QuestionStimulus, now: number): Transition {
  const result = decide(state, stimulus, now);
  if ('refusal' in result) throw new Error(`refused: ${result.refusal.code} ${result.refusal.message}`);
  return result;
}

/** The refusal of a stimulus that must be refused. */
export function refused(state: QuestionState, stimulus: QuestionStimulus, now: number): Refusal {
  const result = decide(state, stimulus, now);
  if (!('refusal' in result)) throw new Error(`accepted: ${stimulus.type}`);
  return result.refusal;
}

export const effectsOf = <K extends QuestionEffect['kind']>(t: Transition, kind: K) =>
  t.effects.filter((e): e is Extract<QuestionEffect, { kind: K }> => e.kind === kind);

/** Published by an admin 1 h after it was asked (Thursday 11:00). */
export const PUBLISHED_AT = T0 + HOUR;
export function published(): QuestionState {
  return step(asked(), { type: 'publishQuestion', by: admin }, PUBLISHED_AT).state;
}

/** Thursday 3 December 2026, 12:00: the architect bids 100 000 for Tuesday 8 Dec 12:00 (bid-1); the designer bids 0 for Sunday 6 Dec 12:00 (bid-2). */
export const BID_AT = T0 + 2 * HOUR;
export const PAID_PROMISE = BID_AT + 5 * DAY;
export const FREE_PROMISE = BID_AT + 3 * DAY;
export function withBids(): QuestionState {
  const one = step(
    published(),
    { type: 'placeBid', by: architect, price: PRICE, explanationEntryId: 'entry-bid-a', promisedAt: PAID_PROMISE },
    BID_AT,
  ).state;
  return step(one, { type: 'placeBid', by: designer, price: 0, explanationEntryId: 'entry-bid-b', promisedAt: FREE_PROMISE }, BID_AT).state;
}

/** Thursday 13:00: the client chose `bidId` (round 1). */
export const CHOSEN_AT = T0 + 3 * HOUR;
export function chosen(bidId: 'bid-1' | 'bid-2' = 'bid-1'): QuestionState {
  return step(withBids(), { type: 'chooseBid', by: client, bidId, bidVersion: 1, confirmsPayment: true }, CHOSEN_AT).state;
}

/** Friday 4 December 2026, 10:00 Tashkent: the architect publishes the preview; the checkout `pay-1` is open. */
export const PREVIEW_AT = Date.UTC(2026, 11, 4, 5, 0);
export const PAYMENT_KEY = 'question-q1/round-1/payment-1';
export function previewed(): QuestionState {
  const state = step(chosen('bid-1'), { type: 'publishAnswer', by: architect, answerId: 'answer-1', digest: DIGEST }, PREVIEW_AT).state;
  return step(state, { type: 'paymentOpened', paymentKey: PAYMENT_KEY, paymentId: 'pay-1', checkoutUrl: 'https://pay/1' }, PREVIEW_AT)
    .state;
}

/** Friday 4 December 2026, 15:00 Tashkent: paid; the hold `hold-1` placed (and settled at once). */
export const PAID_AT = Date.UTC(2026, 11, 4, 10, 0);
export function paid(): QuestionState {
  const state = step(previewed(), { type: 'paymentSettled', paymentId: 'pay-1', status: 'succeeded', settledAt: PAID_AT }, PAID_AT).state;
  return step(state, { type: 'holdPlaced', paymentKey: PAYMENT_KEY, holdId: 'hold-1' }, PAID_AT).state;
}
