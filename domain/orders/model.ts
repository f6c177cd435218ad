import type { SubscriptionPeriodUnit } from './deadlines.ts';

// The shape of an E-LEGAL order (§6–§7) as the order workflow keeps it and the API shows it.
// Types, constants and pure rules only: workflow code imports this module.

export const SERVICE_KINDS = [
  'oral_advice',
  'written_advice',
  'document_review',
  'document_preparation',
  'translation',
  'court_application',
  'contract_template',
  'subscription',
] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/** EL-DOC-1: kinds due within the service's 2–7 calendar days. */
export const DOCUMENT_KINDS: readonly ServiceKind[] = ['document_review', 'document_preparation', 'translation'];
/** EL-DOC-2: kinds priced per page. */
export const PER_PAGE_KINDS: readonly ServiceKind[] = ['document_review', 'translation'];

const FINAL = ['delivered', 'completed', 'cancelled', 'refused', 'lawyer_no_show', 'expired', 'payment_failed', 'rejected'] as const;

export const ORDER_STATUSES = [
  'awaiting_payment',
  'awaiting_lawyer',
  'in_progress',
  'awaiting_clarification',
  'awaiting_page_payment',
  'call_in_progress',
  'active',
  ...FINAL,
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** An order in one of these has its outcome; its holds are resolved and it takes no command. */
export const FINAL_STATUSES: readonly OrderStatus[] = FINAL;

/** One payment the client made for this order, held on the platform until the order ends (PAY-2). */
export interface OrderCharge {
  /** Idempotency-key stem (`order-<id>` or `order-<id>/<purpose>-<n>`); `/payment`, `/hold`, `/refund` are appended. */
  key: string;
  purpose: 'order' | 'call_extension' | 'page_difference';
  amount: number;
  paymentId: string | null;
  checkoutUrl: string | null;
  status: 'awaiting_payment' | 'held' | 'failed' | 'settled';
  paidAt: number | null;
  holdId: string | null;
  /** A payment that arrived after it could serve its purpose is returned in full. */
  unused: boolean;
}

export interface OrderDeliverable {
  fileId: string;
  deliveredAt: number;
  note: string | null;
  /** EL-SUB-1: the subscription period it fulfils (0-based), else null. */
  period: number | null;
}

/** EL-CRT-1: costs outside the price, agreed with the client and paid by them separately. */
export interface AgreedExtraItem {
  kind: 'travel' | 'state_duty' | 'power_of_attorney' | 'other';
  description: string;
  amount: number;
  currency: string;
  agreedAt: number;
}

export interface OralAppointment {
  /** The slot the client booked; EL-ORAL-2's 3 days are counted from it, however often it moves. */
  bookedSlotAt: number;
  slotAt: number;
  proposedSlotAt: number | null;
  callStartedAt: number | null;
  callEndsAt: number | null;
  callEndedAt: number | null;
  paidExtensions: number;
  noShow: 'client' | 'lawyer' | null;
}

export interface PageCount {
  pricePerPage: number;
  /** EL-DOC-2: pages counted from the PDF, or declared by the client for Word files. */
  billedPages: number;
  declared: boolean;
  correctedPages: number | null;
  differenceDueAt: number | null;
}

export interface SubscriptionTerm {
  unit: SubscriptionPeriodUnit;
  periods: number;
  startedAt: number;
  /** Index of the period the workflow is in now (0-based). */
  currentPeriod: number;
}

export interface OrderOutcome {
  status: OrderStatus;
  at: number;
  refundBps: number;
  refunded: number;
  kept: number;
  toSpecialist: number;
  reason: string | null;
}

/** EL-LANG-1: the languages a service may be given in; Azerbaijani, the state language, unless agreed otherwise. */
export const SERVICE_LANGUAGES = ['az', 'ru', 'en', 'tr', 'uz', 'uk'] as const;
export type ServiceLanguage = (typeof SERVICE_LANGUAGES)[number];
export const DEFAULT_SERVICE_LANGUAGE: ServiceLanguage = 'az';

export interface OrderLanguage {
  /** The language the service is given in. */
  agreed: ServiceLanguage;
  /** A language the client asked for that the lawyer has not answered yet. */
  requested: ServiceLanguage | null;
  decidedAt: number | null;
}

export interface OrderState {
  orderId: string;
  clientId: string;
  lawyerId: string | null;
  kind: ServiceKind;
  title: string;
  currency: string;
  /** PAY-4: the price fixed when the order was placed. */
  price: number;
  commissionBps: number;
  refundPolicyVersion: string;
  status: OrderStatus;
  placedAt: number;
  paymentExpiresAt: number;
  paidAt: number | null;
  registeredAt: number | null;
  /** EL-ORD-4: the service clock; restarts when the client supplies clarifications. */
  clockStartedAt: number | null;
  dueAt: number | null;
  extensionReason: string | null;
  docDays: number | null;
  agreedExtraDays: number;
  proposedExtraDays: number | null;
  warnedForDueAt: number | null;
  overdueSince: number | null;
  clarificationRequest: string | null;
  charges: OrderCharge[];
  deliverables: OrderDeliverable[];
  extras: AgreedExtraItem[];
  oral: OralAppointment | null;
  pages: PageCount | null;
  subscription: SubscriptionTerm | null;
  previousOrderId: string | null;
  outcome: OrderOutcome | null;
  /** EL-LANG-1; absent in the state of an order started before it was built (read with languageOf). */
  language?: OrderLanguage;
}

/**
 * Who may know the order exists: its client, its lawyer, admins, and lawyers while it waits
 * unassigned in their queue (EL-ORD-3). Everyone else is told "no such order" (404), never
 * "not yours" (403). The workflow's validators and the API read it from the workflow's state,
 * so the answer does not change when the database mirror catches up.
 */
export function canSeeOrder(
  order: { clientId: string; lawyerId: string | null; status: string },
  reader: { userId: string; role: string },
): boolean {
  if (reader.role === 'admin' || reader.userId === order.clientId || reader.userId === order.lawyerId) return true;
  return reader.role === 'specialist' && order.lawyerId === null && order.status === 'awaiting_lawyer';
}
