import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { SubscriptionPeriodUnit } from './deadlines.ts';
import type { Role } from '../accounts/roles.ts';
import type { AgreedExtraItem, OrderOutcome, OrderState, ServiceKind, ServiceLanguage } from './model.ts';
import { PAYMENT_SETTLED_SIGNAL, type MoneyActivities, type PaymentSettled } from '../money-contract.ts';

// The order process's contract (E-LEGAL §5–§7): its workflow id and type, input, messages,
// activity interface, search attributes and refusal codes. Pure: the workflow, its activities,
// the services and the API all import it, and nothing else of one another.
//
// The API sends commands as updates (their validators refuse a bad command synchronously,
// before it enters history), the payment webhook sends a signal, and `state` returns
// everything the workflow knows.

export const orderWorkflowId = (orderId: string): string => `order-${orderId}`;

/** The workflow type new orders start as (the worker registers the function of this name). */
export const ORDER_WORKFLOW_TYPE = 'orderWorkflowV2';
export type OrderWorkflow = (input: OrderInput) => Promise<OrderState>;

// Operators find an order by id, parties, kind, status and next deadline (ids and statuses
// only: search attributes are not encrypted, so no personal data goes here).
export const OrderIdAttribute = defineSearchAttributeKey('OrderId', SearchAttributeType.KEYWORD);
export const OrderClientIdAttribute = defineSearchAttributeKey('OrderClientId', SearchAttributeType.KEYWORD);
export const OrderLawyerIdAttribute = defineSearchAttributeKey('OrderLawyerId', SearchAttributeType.KEYWORD);
export const OrderKindAttribute = defineSearchAttributeKey('OrderKind', SearchAttributeType.KEYWORD);
export const OrderStatusAttribute = defineSearchAttributeKey('OrderStatus', SearchAttributeType.KEYWORD);
export const OrderNextDeadlineAttribute = defineSearchAttributeKey('OrderNextDeadline', SearchAttributeType.DATETIME);
export const ORDER_SEARCH_ATTRIBUTES = [
  OrderIdAttribute,
  OrderClientIdAttribute,
  OrderLawyerIdAttribute,
  OrderKindAttribute,
  OrderStatusAttribute,
  OrderNextDeadlineAttribute,
] as const;

/** Stable codes the order's update validators refuse with (HTTP status in domain/errors.ts). */
export const ORDER_REFUSAL_CODES = [
  'NOT_FOUND',
  'FORBIDDEN',
  'VALIDATION_FAILED',
  'ORDER_SLOT_TOO_EARLY',
  'ORDER_RESCHEDULE_NOT_ALLOWED',
  'ORDER_CALL_TOO_EARLY',
  'ORDER_STATE_CONFLICT',
  'ORDER_CLOSED',
  'ORDER_ALREADY_DELIVERED',
  'ORDER_EXTENSION_USED',
  'REFUND_QUOTE_EXPIRED',
  'ORDER_TOTAL_TOO_LARGE',
] as const;
export type OrderRefusalCode = (typeof ORDER_REFUSAL_CODES)[number];

export type OrderAudience = 'client' | 'lawyer' | 'admins';

export interface OrderNotice {
  orderId: string;
  clientId: string;
  lawyerId: string | null;
  /** The same notice is mailed once per recipient, however often the activity is retried. */
  dedupeKey: string;
  audience: OrderAudience[];
  subject: string;
  body: string;
}

export interface GenerateContractInput {
  orderId: string;
  clientId: string;
  templateId: string;
  fields: Record<string, string>;
}

/** The activities the order workflow calls; each is idempotent (it will be retried). */
export interface OrderActivities extends MoneyActivities {
  /** The API's lists read this mirror; the workflow's `state` query stays the live source. */
  mirrorOrder(state: OrderState): Promise<void>;
  /** Mails the audience; returns how many recipients it queued. */
  notifyOrder(notice: OrderNotice): Promise<number>;
  /** EL-CON-1: generates the contract from the filled template; non-retryable CONTRACT_FIELDS_INVALID. */
  generateContract(input: GenerateContractInput): Promise<{ fileId: string }>;
}

/** Who sends a command; validators check it against the order's parties. */
export interface Actor {
  userId: string;
  role: Role;
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
  /** EL-LANG-1: a language other than Azerbaijani the client asks for when ordering. */
  language?: ServiceLanguage;
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
export const supplyClarification = defineUpdate<OrderState, [{ by: Actor; note: string; fileIds: string[] }]>('supplyClarification');

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
/** EL-LANG-1: the client asks for another service language; the lawyer accepts or declines. */
export const requestLanguage = defineUpdate<OrderState, [{ by: Actor; language: ServiceLanguage }]>('requestLanguage');
export const answerLanguage = defineUpdate<OrderState, [{ by: Actor; accept: boolean }]>('answerLanguage');
export const recordExtraItem = defineUpdate<OrderState, [{ by: Actor; item: Omit<AgreedExtraItem, 'agreedAt'> }]>('recordExtraItem');
