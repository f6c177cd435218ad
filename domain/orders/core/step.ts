import { orderWorkflowId, type OrderAudience } from '../contract.ts';
import { FINAL_STATUSES, type OrderCharge, type OrderState, type OrderStatus } from '../model.ts';
import type { OrderEffect, OrderEvent } from './types.ts';

// One transition in progress: a private copy of the state plus what it produced. The rule
// modules change `step.state` through these helpers, so `decide` stays a pure function of its
// arguments (the caller's state object is never touched).

export interface Step {
  readonly now: number;
  state: OrderState;
  events: OrderEvent[];
  effects: OrderEffect[];
}

export const isFinal = (status: OrderStatus): boolean => FINAL_STATUSES.includes(status);

/** The state is plain JSON (it is mirrored and carried across continue-as-new). */
export const copyState = (state: OrderState): OrderState => JSON.parse(JSON.stringify(state)) as OrderState;

export function event(step: Step, kind: string, detail?: string): void {
  step.events.push(detail === undefined ? { kind, at: step.now } : { kind, at: step.now, detail });
}

export function setStatus(step: Step, status: OrderStatus): void {
  if (step.state.status !== status) event(step, 'status', `${step.state.status} → ${status}`);
  step.state.status = status;
}

/** Ends the order; `settle` later fills in the amounts. */
export function finish(step: Step, status: OrderStatus, refundBps: number, reason: string | null): void {
  step.state.outcome = { status, at: step.now, refundBps, refunded: 0, kept: 0, toSpecialist: 0, reason };
  setStatus(step, status);
}

/** `key` makes the mail's dedupe key: the same notice reaches each recipient once, however often it is retried. */
export function notify(step: Step, key: string, audience: OrderAudience[], subject: string, body: string): void {
  const dedupeKey = `${orderWorkflowId(step.state.orderId)}/${key}`;
  step.effects.push({ kind: 'notify', audience, subject, body, dedupeKey });
}

/** Where an order goes back to after a pause for the client (clarification, page payment). */
export const workingStatus = (state: OrderState): OrderStatus =>
  state.kind === 'subscription' ? 'active' : state.lawyerId === null ? 'awaiting_lawyer' : 'in_progress';

/**
 * PAY-2/PAY-3: a new payment for this order, opened at once. Keys derive from the workflow id
 * (`order-<id>` for the price, `order-<id>/<purpose>-<n>` for later ones), so a retried
 * activity is a no-op in the ledger.
 */
export function openCharge(step: Step, purpose: OrderCharge['purpose'], amount: number, description: string): OrderCharge {
  const { state } = step;
  const stem = orderWorkflowId(state.orderId);
  const sameKind = state.charges.filter((c) => c.purpose === purpose).length;
  const key = purpose === 'order' ? stem : `${stem}/${purpose}-${sameKind + 1}`;
  const charge: OrderCharge = {
    key,
    purpose,
    amount,
    paymentId: null,
    checkoutUrl: null,
    status: 'awaiting_payment',
    paidAt: null,
    holdId: null,
    unused: false,
  };
  state.charges.push(charge);
  step.effects.push({ kind: 'openPayment', chargeKey: key, amount, description });
  return charge;
}

export const chargeByKey = (state: OrderState, key: string): OrderCharge | undefined => state.charges.find((c) => c.key === key);

export const deliveredThisPeriod = (state: OrderState): boolean =>
  state.deliverables.some((d) => d.period === state.subscription?.currentPeriod);
