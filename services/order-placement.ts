import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { isContractTemplateId, validateContractFields } from '../domain/contract-templates.ts';
import { DomainError, type ErrorCode } from '../domain/errors.ts';
import { oralSlotProblem, parseOrderDateTime, type SubscriptionPeriodUnit } from '../domain/order-deadlines.ts';
import { DOCUMENT_KINDS } from '../domain/order-model.ts';
import { REFUND_POLICY_VERSION } from '../domain/refund-policy.ts';
import type { Db } from '../infra/db.ts';
import { OrderClientIdAttribute, OrderIdAttribute, OrderKindAttribute, OrderStatusAttribute } from '../infra/search-attributes.ts';
import { orderWorkflowId, type Checkout, type OrderInput } from '../workflows/order-messages.ts';
import { orderWorkflow } from '../workflows/order.ts';
import { eligibilityOf } from './eligibility.ts';
import { orderCheckout } from './order-commands.ts';
import { nameBasedUuid } from './order-documents.ts';
import { countPages, type CountedDocument } from './order-pages.ts';
import type { TemporalTarget } from './outbox.ts';
import type { FileStorage } from './storage.ts';

// Placing an order = recording it and starting its workflow (EL-ORD-1/2). The order's id is
// derived from the client and their Idempotency-Key, and the workflow is started with
// USE_EXISTING, so a retried request — even one whose first attempt died half-way — finds
// the same order and the same workflow instead of making a second one.

export interface PlaceOrder {
  serviceId: string;
  request: string;
  documentFileIds: string[];
  declaredPages: Record<string, number>;
  slotAt?: string | undefined;
  contractFields?: Record<string, string> | undefined;
}

/** What the order row keeps of the form: the client's words and the exact input its workflow started with. */
interface StoredForm {
  request: string;
  workflowInput: OrderInput;
}

type ServiceRow = NonNullable<Awaited<ReturnType<Db['catalogueService']['findUnique']>>>;
type FileRow = Awaited<ReturnType<Db['storedFile']['findMany']>>[number];

export interface PlacementDeps {
  db: Db;
  temporal: TemporalTarget;
  storage: FileStorage;
  paymentWindowMinutes: number;
}

const INELIGIBLE: Record<string, ErrorCode> = {
  ACCOUNT_SUSPENDED: 'ACCOUNT_SUSPENDED',
  TERMS_NOT_ACCEPTED: 'TERMS_NOT_ACCEPTED',
  BIRTH_DATE_REQUIRED: 'BIRTH_DATE_REQUIRED',
  VERIFICATION_REQUIRED: 'VERIFICATION_REQUIRED',
};

/** ACC-4, ACC-5, ACC-6: refuses with the first reason's own code; the detail lists them all. */
async function requireEligible(db: Db, clientId: string): Promise<void> {
  const eligibility = await eligibilityOf(db, clientId);
  const first = eligibility.reasons[0];
  if (!first) return;
  throw new DomainError(INELIGIBLE[first.code] ?? 'ORDER_NOT_ELIGIBLE', eligibility.reasons.map((r) => r.message).join(' '));
}

async function clientsFiles(db: Db, clientId: string, fileIds: string[]) {
  const files = await db.storedFile.findMany({ where: { id: { in: fileIds }, ownerId: clientId } });
  const missing = fileIds.filter((id) => !files.some((file) => file.id === id));
  if (missing.length > 0) {
    throw new DomainError('VALIDATION_FAILED', 'Upload the documents first (/v1/files), then refer to them.', missing.map((id) => ({
      path: `documentFileIds.${fileIds.indexOf(id)}`, message: 'no such file of yours',
    })));
  }
  return fileIds.map((id) => files.find((file) => file.id === id)!);
}

/** EL-ORAL-1: an oral consultation's slot, at least 48 h after the order, read in Baku time by default. */
function oralSlot(input: PlaceOrder, kind: string, placedAt: number): number | undefined {
  if (kind !== 'oral_advice') {
    if (input.slotAt !== undefined) throw new DomainError('VALIDATION_FAILED', 'Only oral advice has a slot.', [{ path: 'slotAt', message: 'not for this service' }]);
    return undefined;
  }
  const slot = input.slotAt === undefined ? null : parseOrderDateTime(input.slotAt);
  if (slot === null) {
    throw new DomainError('VALIDATION_FAILED', 'Choose the consultation time.', [
      { path: 'slotAt', message: 'a date-time like 2026-11-27T10:00 (Baku time) or with an offset' },
    ]);
  }
  const problem = oralSlotProblem(placedAt, slot);
  if (problem) throw new DomainError('ORDER_SLOT_TOO_EARLY', problem, [{ path: 'slotAt', message: 'too early (EL-ORAL-1)' }]);
  return slot;
}

function contractOf(input: PlaceOrder, templateId: string | null): OrderInput['contract'] {
  if (templateId === null) return undefined;
  if (!isContractTemplateId(templateId)) throw new DomainError('SERVICE_NOT_AVAILABLE', 'This contract template is not available.');
  const checked = validateContractFields(templateId, input.contractFields ?? {});
  if (!checked.ok) throw new DomainError('CONTRACT_FIELDS_INVALID', 'Fill in the contract template; see `errors`.', checked.problems);
  return { templateId, fields: checked.fields };
}

/** EL-DOC-2: the price of the order; per-page kinds multiply the page price by the counted pages. */
async function priceOf(deps: PlacementDeps, service: ServiceRow, files: FileRow[], declaredPages: Record<string, number>) {
  const listPrice = Number(service.price);
  if (!service.perPage) return { price: listPrice, pages: undefined, counted: [] as CountedDocument[] };
  if (files.length === 0) {
    throw new DomainError('VALIDATION_FAILED', 'Attach the documents to be priced per page (EL-DOC-2).', [{ path: 'documentFileIds', message: 'at least one' }]);
  }
  const counted = await countPages(deps.storage, files, declaredPages);
  const billedPages = counted.reduce((sum, doc) => sum + doc.pages, 0);
  return { price: listPrice * billedPages, pages: { pricePerPage: listPrice, billedPages, declared: counted.some((d) => d.declared) }, counted };
}

/** Checks the request, records the order row with its documents, and returns the workflow's input. */
async function recordOrder(deps: PlacementDeps, orderId: string, clientId: string, input: PlaceOrder): Promise<OrderInput> {
  const { db } = deps;
  const placedAt = Date.now();
  await requireEligible(db, clientId);
  const service = await db.catalogueService.findUnique({ where: { id: input.serviceId } });
  if (!service || !service.active) throw new DomainError('SERVICE_NOT_AVAILABLE', 'This service cannot be ordered.', [{ path: 'serviceId', message: 'no such active service' }]);
  const files = await clientsFiles(db, clientId, input.documentFileIds);
  const slotAt = oralSlot(input, service.kind, placedAt);
  const contract = contractOf(input, service.kind === 'contract_template' ? service.contractTemplateId : null);
  // PAY-4: the price is copied now; a later catalogue edit never reaches this order.
  const { price, pages, counted } = await priceOf(deps, service, files, input.declaredPages);
  const workflowInput: OrderInput = {
    orderId, clientId, kind: service.kind, title: service.title, price, currency: service.currency, commissionBps: service.commissionBps,
    placedAt, paymentWindowMs: deps.paymentWindowMinutes * 60_000,
    ...(slotAt !== undefined && { slotAt }),
    ...(DOCUMENT_KINDS.includes(service.kind) && service.docDays !== null && { docDays: service.docDays }),
    ...(pages && { pages }),
    ...(service.kind === 'subscription' && service.subscriptionUnit && service.subscriptionPeriods && {
      subscription: { unit: service.subscriptionUnit as SubscriptionPeriodUnit, periods: service.subscriptionPeriods },
    }),
    ...(contract && { contract }),
  };
  const form: StoredForm = { request: input.request, workflowInput };
  await db.order.create({
    data: {
      id: orderId, clientId, serviceId: service.id, kind: service.kind, title: service.title, status: 'awaiting_payment',
      price: BigInt(price), currency: service.currency, commissionBps: service.commissionBps, refundPolicyVersion: REFUND_POLICY_VERSION,
      form: form as object, slotAt: slotAt === undefined ? null : new Date(slotAt), createdAt: new Date(placedAt),
      documents: { create: files.map((file) => ({ fileId: file.id, role: 'attachment' as const, pages: counted.find((d) => d.fileId === file.id)?.pages ?? null })) },
    },
  });
  return workflowInput;
}

export async function placeOrder(deps: PlacementDeps, clientId: string, idempotencyKey: string, input: PlaceOrder) {
  const orderId = nameBasedUuid(`order/${clientId}/${idempotencyKey}`);
  const existing = await deps.db.order.findUnique({ where: { id: orderId } });
  // A retry after a half-failed attempt starts the workflow from what the first attempt recorded.
  const workflowInput = existing ? (existing.form as unknown as StoredForm).workflowInput : await recordOrder(deps, orderId, clientId, input);
  await startOrderWorkflow(deps.temporal, workflowInput);
  const pay: Checkout = await orderCheckout(deps.temporal, { id: orderId, status: 'awaiting_payment' });
  return { order: await deps.db.order.findUniqueOrThrow({ where: { id: orderId } }), checkout: pay };
}

async function startOrderWorkflow(temporal: TemporalTarget, input: OrderInput): Promise<void> {
  try {
    await temporal.client.workflow.start(orderWorkflow, {
      workflowId: orderWorkflowId(input.orderId),
      taskQueue: temporal.taskQueue,
      args: [input],
      // A retry of the same placement attaches to the workflow the first attempt started.
      workflowIdConflictPolicy: 'USE_EXISTING',
      // …and once it has closed, the order's id is never run again.
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [
        { key: OrderIdAttribute, value: input.orderId },
        { key: OrderClientIdAttribute, value: input.clientId },
        { key: OrderKindAttribute, value: input.kind },
        { key: OrderStatusAttribute, value: 'awaiting_payment' },
      ],
    });
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return;
    // The order row stays: the client's retry with the same Idempotency-Key starts its workflow.
    throw new DomainError('DEPENDENCY_UNAVAILABLE', 'The workflow service is unavailable; retry with the same Idempotency-Key.', undefined, error);
  }
}
