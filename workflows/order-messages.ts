import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { SubscriptionPeriodUnit } from '../domain/order-deadlines.ts';
import type { AgreedExtraItem, OrderOutcome, OrderState, ServiceKind } from '../domain/order-model.ts';
import { PAYMENT_SETTLED_SIGNAL, type PaymentSettled } from '../domain/money-contract.ts';

// The order workflow's messages: the API sends commands as updates (their validators refuse a
// bad command synchronously, before it enters history), the payment webhook sends a signal,
// and `state` returns everything the workflow knows.

export const orderWorkflowId = (orderId: string): string => `order-${orderId}`;

/** Who sends a command; validators check it against the order's parties. */
export interface Actor {
  userId: string;
  role: 'client' | 'specialist' | 'admin' | 'operator';
}

export interface OrderInput {
  orderId: string;
  clientId: string;
  kind: ServiceKind;
  title: string;
  price: number;
  currency: string;
  commissionBps: number;
  /** The instant the API accepted the order; EL-ORAL-1 counts the 48 h from it. */
  placedAt: number;
  /** EL-ORD-2: how long the checkout stays open before the order expires. */
  paymentWindowMs: number;
  slotAt?: number;
  docDays?: number;
  pages?: { pricePerPage: number; billedPages: number; declared: boolean };
  subscription?: { unit: SubscriptionPeriodUnit; periods: number };
  contract?: { templateId: string; fields: Record<string, string> };
  previousOrderId?: string;
  /** Set only by continue-as-new (EL-SUB-1): the state carried into the next run. */
  carried?: OrderState;
}

export interface Checkout {
  paymentId: string;
  checkoutUrl: string;
}

export const paymentSettled = defineSignal<[PaymentSettled]>(PAYMENT_SETTLED_SIGNAL);
export const orderState = defineQuery<OrderState>('state');

/** Waits until the order's payment has been opened and returns where to pay. */
export const checkout = defineUpdate<Checkout, []>('checkout');

export const assignLawyer = defineUpdate<OrderState, [{ by: Actor; lawyerId: string }]>('assignLawyer');
export const acceptOrder = defineUpdate<OrderState, [{ by: Actor }]>('acceptOrder');

/** EL-REF-1: the client confirms the share they were quoted; a stale quote is refused. */
export const cancelOrder = defineUpdate<OrderOutcome, [{ by: Actor; acceptedRefundBps: number }]>('cancelOrder');
/** EL-REF-3: the platform refuses the service (§10.4 reasons). */
export const refuseOrder = defineUpdate<OrderOutcome, [{ by: Actor; reason: string }]>('refuseOrder');

export const deliver = defineUpdate<OrderState, [{ by: Actor; fileId: string; note?: string }]>('deliver');
export const requestClarification = defineUpdate<OrderState, [{ by: Actor; question: string }]>('requestClarification');
export const supplyClarification = defineUpdate<OrderState, [{ by: Actor; note: string; fileIds: string[] }]>(
  'supplyClarification',
);

/** EL-WR-2: one extension by 4 calendar days, with a reason. */
export const extendDeadline = defineUpdate<OrderState, [{ by: Actor; reason: string }]>('extendDeadline');
/** EL-DOC-1: extra days proposed by the lawyer; binding once the client agrees. */
export const proposeExtension = defineUpdate<OrderState, [{ by: Actor; days: number; reason: string }]>('proposeExtension');
/** EL-ORAL-2: a new slot proposed by the lawyer; binding once the client agrees. */
export const proposeReschedule = defineUpdate<OrderState, [{ by: Actor; slotAt: number }]>('proposeReschedule');
export const agreeToProposal = defineUpdate<OrderState, [{ by: Actor }]>('agreeToProposal');

/** EL-ORAL-3: the call, run by the lawyer. */
export const startCall = defineUpdate<OrderState, [{ by: Actor }]>('startCall');
export const endCall = defineUpdate<OrderState, [{ by: Actor }]>('endCall');
export const reportClientNoShow = defineUpdate<OrderState, [{ by: Actor }]>('reportClientNoShow');
export const requestCallExtension = defineUpdate<Checkout, [{ by: Actor }]>('requestCallExtension');

/** EL-DOC-3: staff set the right page count of a Word file; the client pays the difference. */
export const correctPageCount = defineUpdate<Checkout, [{ by: Actor; pages: number }]>('correctPageCount');
/** EL-CRT-1: travel, state duty, power of attorney — agreed apart from the price. */
export const recordExtraItem = defineUpdate<OrderState, [{ by: Actor; item: Omit<AgreedExtraItem, 'agreedAt'> }]>(
  'recordExtraItem',
);
