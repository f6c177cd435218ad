import type { AgreedExtraItem, OralAppointment, OrderCharge } from './model.ts';

// The value lists inside an order's state (domain/orders/model.ts), for the API's schemas.
// The model still spells them as unions; the checks below fail to compile the moment the two
// disagree, until the model derives its unions from these lists.

/** EL-CRT-1: costs agreed apart from the price. */
export const EXTRA_ITEM_KINDS = ['travel', 'state_duty', 'power_of_attorney', 'other'] as const;
export type ExtraItemKind = (typeof EXTRA_ITEM_KINDS)[number];

/** PAY-2: what one of the order's payments was for (EL-ORAL-3 extension, EL-DOC-3 difference). */
export const CHARGE_PURPOSES = ['order', 'call_extension', 'page_difference'] as const;
export const CHARGE_STATUSES = ['awaiting_payment', 'held', 'failed', 'settled'] as const;

/** EL-ORD-2 / EL-ORD-4 / EL-DONE-1: why a document belongs to an order. */
export const ORDER_DOCUMENT_ROLES = ['attachment', 'clarification', 'deliverable'] as const;
export type OrderDocumentRole = (typeof ORDER_DOCUMENT_ROLES)[number];

/** EL-ORAL-3: who did not come to the call. */
export const NO_SHOW_PARTIES = ['client', 'lawyer'] as const;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
/** Compiles only while the lists above and the model's unions agree. */
export type ListsAgreeWithModel = [
  Assert<Same<ExtraItemKind, AgreedExtraItem['kind']>>,
  Assert<Same<(typeof CHARGE_PURPOSES)[number], OrderCharge['purpose']>>,
  Assert<Same<(typeof CHARGE_STATUSES)[number], OrderCharge['status']>>,
  Assert<Same<(typeof NO_SHOW_PARTIES)[number], NonNullable<OralAppointment['noShow']>>>,
];
