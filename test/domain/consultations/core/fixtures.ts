import type { BusinessCalendar } from '../../../../domain/calendar.ts';
import type { Actor, ConsultationInput, ConsultationState } from '../../../../domain/consultations/contract.ts';
import {
  decide,
  start,
  type ConsultationEffect,
  type ConsultationStimulus,
  type Refusal,
  type Transition,
} from '../../../../domain/consultations/core/index.ts';
import { PLATFORM_CALENDAR } from '../../../../domain/platform-calendar.ts';

// Small factories for the consultation core's unit tests: every instant is written out from T0.

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** Thursday 3 December 2026, 10:00 in Tashkent (UTC+5, no daylight saving). */
export const T0 = Date.UTC(2026, 11, 3, 5, 0);
/** Tuesday 8 December is Constitution Day in Uzbekistan: not a working day. */
export const CALENDAR: BusinessCalendar = { ...PLATFORM_CALENDAR, holidays: ['2026-12-08'] };
export const PRICE = 200_000;

export const client: Actor = { userId: 'client-1', role: 'client' };
export const specialist: Actor = { userId: 'lawyer-1', role: 'specialist' };
export const admin: Actor = { userId: 'admin-1', role: 'admin' };
export const strangerClient: Actor = { userId: 'client-2', role: 'client' };
export const strangerSpecialist: Actor = { userId: 'lawyer-2', role: 'specialist' };

export function input(extra: Partial<ConsultationInput> = {}): ConsultationInput {
  return {
    consultationId: 'c1',
    conversationId: 'conv-1',
    clientId: client.userId,
    specialistId: specialist.userId,
    openedBy: client,
    openedAt: T0,
    currency: 'UZS',
    commissionBps: 1500,
    calendar: CALENDAR,
    ...extra,
  };
}

export function opened(extra: Partial<ConsultationInput> = {}): ConsultationState {
  const t = start(input(extra), T0);
  if ('refusal' in t) throw new Error(`refused: ${t.refusal.code}`);
  return t.state;
}

/** Applies a stimulus that must be accepted. */
export function step(state: ConsultationState, stimulus: ConsultationStimulus, now: number): Transition {
  const result = decide(state, stimulus, now);
  if ('refusal' in result) throw new Error(`refused: ${result.refusal.code} ${result.refusal.message}`);
  return result;
}

/** The refusal of a stimulus that must be refused. */
export function refused(state: ConsultationState, stimulus: ConsultationStimulus, now: number): Refusal {
  const result = decide(state, stimulus, now);
  if (!('refusal' in result)) throw new Error(`accepted: ${stimulus.type}`);
  return result.refusal;
}

export const effectsOf = <K extends ConsultationEffect['kind']>(t: Transition, kind: K) =>
  t.effects.filter((e): e is Extract<ConsultationEffect, { kind: K }> => e.kind === kind);

/** The specialist offers 200 000 for 60 minutes at `at` (offer-1). */
export function offered(at = T0, price = PRICE, extra: Partial<ConsultationInput> = {}): ConsultationState {
  return step(opened(extra), { type: 'makeOffer', by: specialist, price, durationMinutes: 60 }, at).state;
}

/** The client accepted offer-1 at `at`; the checkout `pay-1` is open. */
export function accepted(at = T0 + 10 * MINUTE, price = PRICE): ConsultationState {
  const state = step(offered(T0, price), { type: 'acceptOffer', by: client, offerId: 'offer-1' }, at).state;
  return step(
    state,
    { type: 'paymentOpened', paymentKey: 'consultation-c1/payment-1', paymentId: 'pay-1', checkoutUrl: 'https://pay/1' },
    at,
  ).state;
}

/** Paid at `at` and the hold `hold-1` placed: the session runs. */
export function paid(at = T0 + 20 * MINUTE, price = PRICE): ConsultationState {
  const state = step(
    accepted(T0 + 10 * MINUTE, price),
    { type: 'paymentSettled', paymentId: 'pay-1', status: 'succeeded', settledAt: at },
    at,
  ).state;
  return step(state, { type: 'holdPlaced', paymentKey: 'consultation-c1/payment-1', holdId: 'hold-1' }, at).state;
}

/** Thursday 3 December 2026, 15:00 in Tashkent. */
export const ENDED_AT = T0 + 5 * HOUR;

/** The specialist ended the paid session at `at`. */
export function ended(at = ENDED_AT, price = PRICE): ConsultationState {
  return step(paid(T0 + 20 * MINUTE, price), { type: 'endConsultation', by: specialist }, at).state;
}
