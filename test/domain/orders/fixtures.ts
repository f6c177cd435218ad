import { expect } from 'vitest';
import type { Actor, OrderInput } from '../../../domain/orders/contract.ts';
import { decide, start, type OrderEffect, type OrderStimulus, type Refusal, type Transition } from '../../../domain/orders/core/index.ts';
import type { OrderState, ServiceKind } from '../../../domain/orders/model.ts';

// Small factories for the order core's unit tests: every instant is written out from T0.

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** Monday 2 November 2026, 12:00 in Baku (UTC+4, no daylight saving). */
export const T0 = Date.UTC(2026, 10, 2, 8, 0);
export const PRICE = 100_000;

export const client: Actor = { userId: 'client-1', role: 'client' };
export const lawyer: Actor = { userId: 'lawyer-1', role: 'specialist' };
export const admin: Actor = { userId: 'admin-1', role: 'admin' };
export const stranger: Actor = { userId: 'someone-else', role: 'client' };

export function orderInput(kind: ServiceKind, extra: Partial<OrderInput> = {}): OrderInput {
  return {
    orderId: 'o1',
    clientId: client.userId,
    kind,
    title: `Test ${kind}`,
    price: PRICE,
    currency: 'AZN',
    commissionBps: 2000,
    placedAt: T0,
    paymentWindowMs: HOUR,
    ...extra,
  };
}

/** Applies a stimulus that must be accepted. */
export function step(state: OrderState, stimulus: OrderStimulus, now: number): Transition {
  const result = decide(state, stimulus, now);
  if ('refusal' in result) throw new Error(`refused: ${result.refusal.code} ${result.refusal.message}`);
  return result;
}

/** The refusal of a stimulus that must be refused. */
export function refused(state: OrderState, stimulus: OrderStimulus, now: number): Refusal {
  const result = decide(state, stimulus, now);
  if (!('refusal' in result)) throw new Error(`accepted: ${stimulus.type}`);
  return result.refusal;
}

/** A placed order whose checkout is open (payment `pay-order`). */
export function placed(kind: ServiceKind, extra: Partial<OrderInput> = {}): OrderState {
  const first = start(orderInput(kind, extra), T0);
  return step(first.state, { type: 'paymentOpened', chargeKey: 'order-o1', paymentId: 'pay-order', checkoutUrl: 'https://pay/order' }, T0)
    .state;
}

/** Paid at `paidAt`, its hold placed, and (unless `noLawyer`) a lawyer assigned. */
export function paid(kind: ServiceKind, paidAt = T0 + 10 * MINUTE, extra: Partial<OrderInput> = {}, noLawyer = false): OrderState {
  let state = step(
    placed(kind, extra),
    { type: 'paymentSettled', paymentId: 'pay-order', status: 'succeeded', settledAt: paidAt },
    paidAt,
  ).state;
  state = step(state, { type: 'holdPlaced', chargeKey: 'order-o1', holdId: 'hold-order' }, paidAt).state;
  if (noLawyer) return state;
  return step(state, { type: 'assignLawyer', by: admin, lawyerId: lawyer.userId }, paidAt).state;
}

export const effectsOf = <K extends OrderEffect['kind']>(t: Transition, kind: K) =>
  t.effects.filter((e): e is Extract<OrderEffect, { kind: K }> => e.kind === kind);

/** Ends the order's money: the settlement's effects. */
export function settlement(state: OrderState, now: number): Transition {
  const t = step(state, { type: 'settle' }, now);
  expect(t.state.charges.every((c) => c.status !== 'held')).toBe(true);
  return t;
}
