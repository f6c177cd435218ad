import { z } from 'zod';
import { orderColumns, type OrderReading } from '../../../services/orders/commands.ts';

// How orders look over the API. Amounts are integer minor units (PAY-1).
export const OrderView = z
  .object({
    id: z.string(),
    kind: z.string(),
    title: z.string(),
    status: z.string(),
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

export const OrderDetail = OrderView.extend({
  state: z.record(z.string(), z.unknown()).nullable().describe("the order workflow's full state (live when it runs)"),
  source: z.enum(['workflow', 'mirror']).describe(
    "`workflow`: live from the order's workflow (a command's answer is the state after it); `mirror`: the database " +
    'copy written at `mirroredAt`, because the workflow did not answer in time (no worker running, Temporal unreachable)',
  ),
  mirroredAt: z.string().nullable().describe('when the workflow last wrote the database copy; null if it has not yet'),
}).meta({ id: 'OrderDetail' });

type OrderRow = {
  id: string; kind: string; title: string; status: string; clientId: string; lawyerId: string | null; price: bigint;
  currency: string; refundPolicyVersion: string; slotAt: Date | null; paidAt: Date | null; dueAt: Date | null;
  overdueSince: Date | null; finishedAt: Date | null; refundedAmount: bigint | null; previousOrderId: string | null; createdAt: Date;
};

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function orderView(row: OrderRow): z.infer<typeof OrderView> {
  return {
    id: row.id, kind: row.kind, title: row.title, status: row.status, clientId: row.clientId, lawyerId: row.lawyerId,
    price: Number(row.price), currency: row.currency, refundPolicyVersion: row.refundPolicyVersion,
    slotAt: iso(row.slotAt), paidAt: iso(row.paidAt), dueAt: iso(row.dueAt), overdueSince: iso(row.overdueSince),
    finishedAt: iso(row.finishedAt), refundedAmount: row.refundedAmount === null ? null : Number(row.refundedAmount),
    previousOrderId: row.previousOrderId, createdAt: row.createdAt.toISOString(),
  };
}

/** A reading as the API shows it: the row's fields as the state has them, so they agree with `state`. */
export function orderDetail(reading: OrderReading): z.infer<typeof OrderDetail> {
  const { order, state } = reading;
  return {
    ...orderView(state ? { ...order, ...orderColumns(state) } : order),
    state: state as unknown as Record<string, unknown> | null,
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
  status: z.string(),
  at: z.string(),
  refundBps: z.number().int(),
  refunded: z.number().int(),
  kept: z.number().int(),
  toSpecialist: z.number().int(),
  reason: z.string().nullable(),
});

export function outcomeView(outcome: { status: string; at: number; refundBps: number; refunded: number; kept: number; toSpecialist: number; reason: string | null }) {
  return { ...outcome, at: new Date(outcome.at).toISOString() };
}
