import { z } from 'zod';
import { ORDER_STATUSES, SERVICE_KINDS, type OrderState } from '../../domain/order-model.ts';
import type { OrderRow } from '../../services/order-access.ts';

// Response shapes of the catalogue and order routes. Amounts are integer minor units (PAY-1).

export const ServiceKind = z.enum(SERVICE_KINDS);
export const OrderStatus = z.enum(ORDER_STATUSES);
const iso = (date: Date | null) => (date === null ? null : date.toISOString());
const isoMs = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

export const CatalogueServiceView = z.object({
  id: z.string(),
  kind: ServiceKind,
  title: z.string(),
  description: z.string(),
  price: z.number().int().describe('minor units; for per-page services the price of one page (EL-DOC-2)'),
  currency: z.string(),
  perPage: z.boolean(),
  docDays: z.number().int().nullable(),
  commissionBps: z.number().int(),
  contractTemplateId: z.string().nullable(),
  subscriptionUnit: z.string().nullable(),
  subscriptionPeriods: z.number().int().nullable(),
  active: z.boolean(),
  updatedAt: z.string(),
});

type ServiceRow = {
  id: string; kind: z.infer<typeof ServiceKind>; title: string; description: string; price: bigint; currency: string; perPage: boolean;
  docDays: number | null; commissionBps: number; contractTemplateId: string | null; subscriptionUnit: string | null;
  subscriptionPeriods: number | null; active: boolean; updatedAt: Date;
};
export const catalogueServiceView = (row: ServiceRow): z.infer<typeof CatalogueServiceView> => ({
  ...row,
  price: Number(row.price),
  updatedAt: row.updatedAt.toISOString(),
});

export const OrderView = z.object({
  id: z.string(),
  serviceId: z.string(),
  kind: ServiceKind,
  title: z.string(),
  status: z.string(),
  price: z.number().int().describe('PAY-4: the price the order was placed at'),
  currency: z.string(),
  clientId: z.string(),
  lawyerId: z.string().nullable(),
  slotAt: z.string().nullable(),
  paidAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  overdueSince: z.string().nullable(),
  finishedAt: z.string().nullable(),
  refundedAmount: z.number().int().nullable(),
  createdAt: z.string(),
});

export const orderView = (row: OrderRow): z.infer<typeof OrderView> => ({
  id: row.id, serviceId: row.serviceId, kind: row.kind, title: row.title, status: row.status, price: Number(row.price),
  currency: row.currency, clientId: row.clientId, lawyerId: row.lawyerId, slotAt: iso(row.slotAt), paidAt: iso(row.paidAt),
  dueAt: iso(row.dueAt), overdueSince: iso(row.overdueSince), finishedAt: iso(row.finishedAt),
  refundedAmount: row.refundedAmount === null ? null : Number(row.refundedAmount), createdAt: row.createdAt.toISOString(),
});

export const OrderOutcomeView = z.object({
  status: z.string(),
  at: z.string(),
  refundBps: z.number().int(),
  refunded: z.number().int(),
  kept: z.number().int(),
  toSpecialist: z.number().int(),
  reason: z.string().nullable(),
});
export const outcomeView = (outcome: NonNullable<OrderState['outcome']>): z.infer<typeof OrderOutcomeView> => ({
  ...outcome,
  at: new Date(outcome.at).toISOString(),
});

export const OrderDetail = OrderView.extend({
  live: z.boolean().describe('true when read from the running workflow, false when from the last mirrored state'),
  form: z.unknown(),
  clarificationRequest: z.string().nullable(),
  extensionReason: z.string().nullable(),
  proposedExtraDays: z.number().int().nullable(),
  proposedSlotAt: z.string().nullable(),
  pages: z.object({ pricePerPage: z.number().int(), billedPages: z.number().int(), declared: z.boolean(), correctedPages: z.number().int().nullable() }).nullable(),
  payments: z.array(z.object({ purpose: z.string(), amount: z.number().int(), status: z.string(), checkoutUrl: z.string().nullable() })),
  deliverables: z.array(z.object({ fileId: z.string(), deliveredAt: z.string(), note: z.string().nullable() })),
  extras: z.array(z.object({ kind: z.string(), description: z.string(), amount: z.number().int(), currency: z.string(), agreedAt: z.string() }))
    .describe('EL-CRT-1: costs agreed apart from the price'),
  outcome: OrderOutcomeView.nullable(),
});

export function orderDetail(row: OrderRow, live: OrderState | null): z.infer<typeof OrderDetail> {
  const state = live ?? (row.state as OrderState | null);
  return {
    ...orderView(row),
    // The live state is newer than the mirror for the fields both have.
    ...(live && { status: live.status, lawyerId: live.lawyerId, dueAt: isoMs(live.dueAt), paidAt: isoMs(live.paidAt) }),
    live: live !== null,
    form: row.form,
    clarificationRequest: state?.clarificationRequest ?? null,
    extensionReason: state?.extensionReason ?? null,
    proposedExtraDays: state?.proposedExtraDays ?? null,
    proposedSlotAt: isoMs(state?.oral?.proposedSlotAt),
    pages: state?.pages
      ? { pricePerPage: state.pages.pricePerPage, billedPages: state.pages.billedPages, declared: state.pages.declared, correctedPages: state.pages.correctedPages }
      : null,
    payments: (state?.charges ?? []).map((c) => ({
      purpose: c.purpose, amount: c.amount, status: c.status, checkoutUrl: c.status === 'awaiting_payment' ? c.checkoutUrl : null,
    })),
    deliverables: (state?.deliverables ?? []).map((d) => ({ fileId: d.fileId, deliveredAt: new Date(d.deliveredAt).toISOString(), note: d.note })),
    extras: (state?.extras ?? []).map((e) => ({ ...e, agreedAt: new Date(e.agreedAt).toISOString() })),
    outcome: state?.outcome ? outcomeView(state.outcome) : null,
  };
}

export const CheckoutView = z.object({ paymentId: z.string(), checkoutUrl: z.string() });
export const PlacedOrder = z.object({ order: OrderView, checkout: CheckoutView });

export const OrderDocumentView = z.object({
  fileId: z.string(),
  role: z.enum(['attachment', 'clarification', 'deliverable']),
  originalName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  pages: z.number().int().nullable(),
  createdAt: z.string(),
});
