import { z } from 'zod';
import { SUBSCRIPTION_UNITS } from '../../../domain/orders/deadlines.ts';
import {
  ORDER_STATUSES,
  SERVICE_KINDS,
  SERVICE_LANGUAGES,
  type OrderOutcome,
  type OrderState,
  type OrderStatus,
  type ServiceKind,
} from '../../../domain/orders/model.ts';
import { CHARGE_PURPOSES, CHARGE_STATUSES, EXTRA_ITEM_KINDS, NO_SHOW_PARTIES } from '../../../domain/orders/enums.ts';
import { orderColumns, type OrderReading } from '../../../services/orders/commands.ts';
import { languageOf } from '../../../domain/orders/core/language.ts';

// How orders look over the API. Amounts are integer minor units (PAY-1).
export const OrderView = z
  .object({
    id: z.string(),
    kind: z.enum(SERVICE_KINDS),
    title: z.string(),
    status: z.enum(ORDER_STATUSES),
    clientId: z.string(),
    lawyerId: z.string().nullable(),
    price: z.number().int().describe('PAY-4: fixed when the order was placed'),
    currency: z.string(),
    refundPolicyVersion: z.string(),
    slotAt: z.string().nullable(),
    paidAt: z.string().nullable(),
    dueAt: z.string().nullable(),
    overdueSince: z.string().nullable(),
    finishedAt: z.string().nullable(),
    refundedAmount: z.number().int().nullable(),
    previousOrderId: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Order' });

// The order workflow's state (domain/orders/model.ts OrderState) as the API shows it. Instants are
// epoch milliseconds, amounts integer minor units, as the workflow keeps them.
const epochMs = z.number().describe('epoch milliseconds');
const amount = z.number().int();

const OrderChargeView = z
  .object({
    key: z.string(),
    purpose: z.enum(CHARGE_PURPOSES),
    amount,
    paymentId: z.string().nullable(),
    checkoutUrl: z.string().nullable(),
    status: z.enum(CHARGE_STATUSES),
    paidAt: epochMs.nullable(),
    holdId: z.string().nullable(),
    unused: z.boolean().describe('paid after it could serve its purpose: returned in full'),
  })
  .meta({ id: 'OrderCharge', description: 'PAY-2: one payment for the order, held until the order ends' });

const OrderDeliverableView = z
  .object({
    fileId: z.string(),
    deliveredAt: epochMs,
    note: z.string().nullable(),
    period: z.number().int().nullable().describe('EL-SUB-1: the subscription period it fulfils'),
  })
  .meta({ id: 'OrderDeliverable' });

const AgreedExtraItemView = z
  .object({ kind: z.enum(EXTRA_ITEM_KINDS), description: z.string(), amount, currency: z.string(), agreedAt: epochMs })
  .meta({ id: 'AgreedExtraItem', description: 'EL-CRT-1: a cost agreed apart from the price' });

const OralAppointmentView = z
  .object({
    bookedSlotAt: epochMs,
    slotAt: epochMs,
    proposedSlotAt: epochMs.nullable(),
    callStartedAt: epochMs.nullable(),
    callEndsAt: epochMs.nullable(),
    callEndedAt: epochMs.nullable(),
    paidExtensions: z.number().int(),
    noShow: z.enum(NO_SHOW_PARTIES).nullable(),
  })
  .meta({ id: 'OralAppointment', description: 'EL-ORAL-1…3' });

const PageCountView = z
  .object({
    pricePerPage: amount,
    billedPages: z.number().int(),
    declared: z.boolean(),
    correctedPages: z.number().int().nullable(),
    differenceDueAt: epochMs.nullable(),
  })
  .meta({ id: 'PageCount', description: 'EL-DOC-2/3' });

const SubscriptionTermView = z
  .object({ unit: z.enum(SUBSCRIPTION_UNITS), periods: z.number().int(), startedAt: epochMs, currentPeriod: z.number().int() })
  .meta({ id: 'SubscriptionTerm', description: 'EL-SUB-1' });

const OrderOutcomeView = z
  .object({
    status: z.enum(ORDER_STATUSES),
    at: epochMs,
    refundBps: z.number().int(),
    refunded: amount,
    kept: amount,
    toSpecialist: amount,
    reason: z.string().nullable(),
  })
  .meta({ id: 'OrderOutcome' });

export const OrderStateView = z
  .object({
    orderId: z.string(),
    clientId: z.string(),
    lawyerId: z.string().nullable(),
    kind: z.enum(SERVICE_KINDS),
    title: z.string(),
    currency: z.string(),
    price: amount.describe('PAY-4: fixed when the order was placed'),
    commissionBps: z.number().int(),
    refundPolicyVersion: z.string(),
    status: z.enum(ORDER_STATUSES),
    placedAt: epochMs,
    paymentExpiresAt: epochMs,
    paidAt: epochMs.nullable(),
    registeredAt: epochMs.nullable(),
    clockStartedAt: epochMs.nullable().describe('EL-ORD-4: the service clock; restarts when the client supplies clarifications'),
    dueAt: epochMs.nullable(),
    extensionReason: z.string().nullable(),
    docDays: z.number().int().nullable(),
    agreedExtraDays: z.number().int(),
    proposedExtraDays: z.number().int().nullable(),
    warnedForDueAt: epochMs.nullable(),
    overdueSince: epochMs.nullable(),
    clarificationRequest: z.string().nullable(),
    charges: z.array(OrderChargeView),
    deliverables: z.array(OrderDeliverableView),
    extras: z.array(AgreedExtraItemView),
    oral: OralAppointmentView.nullable(),
    pages: PageCountView.nullable(),
    subscription: SubscriptionTermView.nullable(),
    previousOrderId: z.string().nullable(),
    outcome: OrderOutcomeView.nullable(),
    language: z
      .object({
        agreed: z.enum(SERVICE_LANGUAGES).describe('the language the service is given in: Azerbaijani unless agreed otherwise'),
        requested: z.enum(SERVICE_LANGUAGES).nullable().describe('a language the client asked for, not yet answered by the lawyer'),
        decidedAt: epochMs.nullable(),
      })
      .optional()
      .describe('EL-LANG-1 (always present in answers)'),
  })
  .meta({ id: 'OrderState', description: "The order workflow's full state (live when it runs)" });

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
/** Compiles only while the schema and the domain's OrderState agree, field for field. */
export type OrderStateViewMatchesModel = Assert<Same<z.infer<typeof OrderStateView>, OrderState>>;

export const OrderDetail = OrderView.extend({
  state: OrderStateView.nullable().describe("the order workflow's full state (live when it runs)"),
  source: z
    .enum(['workflow', 'mirror'])
    .describe(
      "`workflow`: live from the order's workflow (a command's answer is the state after it); `mirror`: the database " +
        'copy written at `mirroredAt`, because the workflow did not answer in time (no worker running, Temporal unreachable)',
    ),
  mirroredAt: z.string().nullable().describe('when the workflow last wrote the database copy; null if it has not yet'),
}).meta({ id: 'OrderDetail' });

type OrderRow = {
  id: string;
  kind: ServiceKind;
  title: string;
  status: string;
  clientId: string;
  lawyerId: string | null;
  price: bigint;
  currency: string;
  refundPolicyVersion: string;
  slotAt: Date | null;
  paidAt: Date | null;
  dueAt: Date | null;
  overdueSince: Date | null;
  finishedAt: Date | null;
  refundedAmount: bigint | null;
  previousOrderId: string | null;
  createdAt: Date;
};

const iso = (date: Date | null) => (date ? date.toISOString() : null);
// The mirror's status column is text, written only from the workflow's OrderStatus.

export function orderView(row: OrderRow): z.infer<typeof OrderView> {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    status: row.status as OrderStatus,
    clientId: row.clientId,
    lawyerId: row.lawyerId,
    price: Number(row.price),
    currency: row.currency,
    refundPolicyVersion: row.refundPolicyVersion,
    slotAt: iso(row.slotAt),
    paidAt: iso(row.paidAt),
    dueAt: iso(row.dueAt),
    overdueSince: iso(row.overdueSince),
    finishedAt: iso(row.finishedAt),
    refundedAmount: row.refundedAmount === null ? null : Number(row.refundedAmount),
    previousOrderId: row.previousOrderId,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A reading as the API shows it: the row's fields as the state has them, so they agree with `state`. */
export function orderDetail(reading: OrderReading): z.infer<typeof OrderDetail> {
  const { order, state } = reading;
  return {
    ...orderView(state ? { ...order, ...orderColumns(state) } : order),
    state: state && { ...state, language: languageOf(state) },
    source: reading.source,
    mirroredAt: iso(reading.mirroredAt),
  };
}

export const CheckoutView = z.object({ orderId: z.string(), paymentId: z.string(), checkoutUrl: z.string() });

export const RefundQuoteView = z
  .object({
    refundBps: z.number().int().describe('EL-REF-1 share in basis points; send it back to confirm'),
    refunded: z.number().int(),
    kept: z.number().int(),
    policyVersion: z.string(),
    quotedAt: z.string(),
    validUntil: z.string().nullable().describe('the next tier boundary: confirm before it'),
  })
  .meta({ id: 'RefundQuote' });

export const OutcomeView = z.object({
  status: z.enum(ORDER_STATUSES),
  at: z.string(),
  refundBps: z.number().int(),
  refunded: z.number().int(),
  kept: z.number().int(),
  toSpecialist: z.number().int(),
  reason: z.string().nullable(),
});

export function outcomeView(outcome: OrderOutcome) {
  return { ...outcome, at: new Date(outcome.at).toISOString() };
}
