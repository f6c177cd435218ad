import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { isContractTemplateId, validateContractFields } from '../../domain/contract-templates.ts';
import { DomainError, ERROR_STATUS, type ErrorCode } from '../../domain/errors.ts';
import { DOC_MAX_DAYS, DOC_MIN_DAYS, oralSlotProblem, parseOrderDateTime, type SubscriptionPeriodUnit } from '../../domain/order-deadlines.ts';
import { DOCUMENT_KINDS, PER_PAGE_KINDS } from '../../domain/order-model.ts';
import { REFUND_POLICY_VERSION } from '../../domain/refund-policy.ts';
import type { Db } from '../../infra/db.ts';
import { OrderClientIdAttribute, OrderIdAttribute, OrderKindAttribute, OrderStatusAttribute, ORDER_WORKFLOW_TYPE, type OrderWorkflow } from '../../domain/orders/contract.ts';
import { checkout, orderWorkflowId, type Checkout, type OrderInput } from '../../domain/orders/contract.ts';
import { eligibilityOf } from '../accounts/eligibility.ts';
import { toDomainError } from './commands.ts';
import { nameBasedUuid, pdfPageCount, readAll } from './documents.ts';
import type { TemporalTarget } from '../platform/outbox.ts';
import type { FileStorage } from '../platform/storage.ts';

// EL-ORD-1/2: placing an order = checking who may order what, fixing the price (PAY-4), and
// starting the order's workflow, which opens the payment at once. Idempotent: the order id is
// derived from the client's Idempotency-Key and the workflow is started with USE_EXISTING, so a
// retried request finds the same order instead of making a second one.

export interface PlaceOrderRequest {
  serviceId: string;
  form: Record<string, unknown>;
  documentFileIds: string[];
  slot?: string | undefined;
  declaredPages?: number | undefined;
  contract?: { templateId: string; fields: Record<string, unknown> } | undefined;
  previousOrderId?: string | undefined;
}

export interface PlacementDeps {
  db: Db;
  temporal: TemporalTarget;
  storage: FileStorage;
  paymentWindowMinutes: number;
}

const WORD_TYPES = ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/x-cfb'];

export async function placeOrder(deps: PlacementDeps, clientId: string, body: PlaceOrderRequest, idempotencyKey: string) {
  const { db } = deps;
  const now = Date.now();
  await requireEligible(db, clientId);
  const service = await db.catalogueService.findUnique({ where: { id: body.serviceId } });
  if (!service?.active) throw new DomainError('SERVICE_NOT_AVAILABLE', 'This service is not offered.');
  const files = await db.storedFile.findMany({ where: { id: { in: body.documentFileIds }, ownerId: clientId } });
  if (files.length !== new Set(body.documentFileIds).size) {
    throw new DomainError('VALIDATION_FAILED', 'Upload the documents first, then refer to them.', [{ path: 'documentFileIds', message: 'no such file of yours' }]);
  }
  const orderId = nameBasedUuid(`order/${clientId}/${idempotencyKey}`);
  const input: OrderInput = {
    orderId, clientId, kind: service.kind, title: service.title, price: Number(service.price), currency: service.currency,
    commissionBps: service.commissionBps, placedAt: now, paymentWindowMs: deps.paymentWindowMinutes * 60_000,
  };
  const pagesByFile = new Map<string, number>();
  await addTermsOfKind(deps, { clientId, now, service, body, files, input, pagesByFile });
  const createdNow = await saveOrder(db, { input, serviceId: service.id, form: body.form, files, pagesByFile });
  // PAY-4: a retry after an attempt that saved the order but died before starting its workflow
  // must start it at the price the order was placed at, whatever the catalogue says now.
  if (!createdNow) await keepPlacedTerms(db, input);
  try {
    return { orderId, ...(await startOrderWorkflow(deps.temporal, input)) };
  } catch (error) {
    if (error instanceof DomainError) throw error;
    // Without its workflow the order could never be paid: undo it so the client can retry.
    if (createdNow) await db.order.delete({ where: { id: orderId } });
    throw new DomainError('DEPENDENCY_UNAVAILABLE', 'The workflow service is unavailable; try again shortly.', undefined, error);
  }
}

type ServiceRow = NonNullable<Awaited<ReturnType<Db['catalogueService']['findUnique']>>>;
type FileRow = { id: string; mediaType: string; storageKey: string };

/** The kind's own terms: slot, days, pages and price, template, court instance, subscription term. */
async function addTermsOfKind(
  deps: PlacementDeps,
  c: { clientId: string; now: number; service: ServiceRow; body: PlaceOrderRequest; files: FileRow[]; input: OrderInput; pagesByFile: Map<string, number> },
): Promise<void> {
  const { db } = deps;
  const { clientId, now, service, body, files, input, pagesByFile } = c;
  if (service.kind === 'oral_advice') {
    const slotAt = body.slot === undefined ? null : parseOrderDateTime(body.slot);
    if (slotAt === null) throw new DomainError('VALIDATION_FAILED', 'Choose the consultation time.', [{ path: 'slot', message: 'a date-time like 2026-12-01T10:00 (Baku time) is required' }]);
    const problem = oralSlotProblem(now, slotAt); // EL-ORAL-1, checked on the server
    if (problem) throw new DomainError('ORDER_SLOT_TOO_EARLY', problem, [{ path: 'slot', message: problem }]);
    input.slotAt = slotAt;
  }
  if (DOCUMENT_KINDS.includes(service.kind)) {
    input.docDays = Math.min(DOC_MAX_DAYS, Math.max(DOC_MIN_DAYS, service.docDays ?? DOC_MAX_DAYS));
  }
  if (PER_PAGE_KINDS.includes(service.kind) && service.perPage) {
    const pages = await countPages(deps, files, body.declaredPages, pagesByFile);
    input.pages = { pricePerPage: Number(service.price), billedPages: pages.total, declared: pages.declared };
    input.price = Number(service.price) * pages.total; // EL-DOC-2
  }
  if (service.kind === 'contract_template') input.contract = contractOf(service.contractTemplateId, body.contract);
  if (service.kind === 'court_application' && body.previousOrderId) {
    // EL-CRT-1: a higher instance is a new order, linked to the one before it.
    const previous = await db.order.findUnique({ where: { id: body.previousOrderId } });
    if (previous?.clientId !== clientId || previous.kind !== 'court_application') {
      throw new DomainError('VALIDATION_FAILED', 'The previous instance must be one of your court orders.', [{ path: 'previousOrderId', message: 'not your court order' }]);
    }
    input.previousOrderId = previous.id;
  }
  if (service.kind === 'subscription') {
    input.subscription = { unit: (service.subscriptionUnit ?? 'month') as SubscriptionPeriodUnit, periods: service.subscriptionPeriods ?? 1 };
  }

}

async function keepPlacedTerms(db: Db, input: OrderInput): Promise<void> {
  const placed = await db.order.findUniqueOrThrow({ where: { id: input.orderId } });
  input.price = Number(placed.price);
  input.commissionBps = placed.commissionBps;
  input.title = placed.title;
  input.placedAt = placed.createdAt.getTime();
  if (input.pages) input.pages.pricePerPage = input.price / input.pages.billedPages;
}

/** Writes the order and its attachments; false when a retried request finds them already there. */
async function saveOrder(
  db: Db,
  c: { input: OrderInput; serviceId: string; form: Record<string, unknown>; files: FileRow[]; pagesByFile: Map<string, number> },
): Promise<boolean> {
  const { input, files, pagesByFile } = c;
  const orderId = input.orderId;
  return db.$transaction(async (tx) => {
    const created = await tx.order.createMany({
      data: [{
        id: orderId, clientId: input.clientId, serviceId: c.serviceId, kind: input.kind, title: input.title, status: 'awaiting_payment',
        price: BigInt(input.price), currency: input.currency, commissionBps: input.commissionBps,
        refundPolicyVersion: REFUND_POLICY_VERSION, slotAt: input.slotAt ? new Date(input.slotAt) : null,
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- false positive: Prisma's JSON input type needs it (tsc fails without)
        form: c.form as object,
        previousOrderId: input.previousOrderId ?? null,
      }],
      skipDuplicates: true,
    });
    if (created.count === 0) return false; // a retry of the same request: the order exists already
    await tx.orderDocument.createMany({
      data: files.map((f) => ({ orderId, fileId: f.id, role: 'attachment' as const, pages: pagesByFile.get(f.id) ?? null })),
    });
    return true;
  });
}

async function requireEligible(db: Db, clientId: string): Promise<void> {
  const eligibility = await eligibilityOf(db, clientId);
  if (eligibility.canOrder) return;
  // ACC-4/5/6: the first reason is the problem's code; all of them are listed.
  const first = eligibility.reasons[0]!;
  const code: ErrorCode = first.code in ERROR_STATUS ? first.code : 'ORDER_NOT_ELIGIBLE';
  throw new DomainError(code, first.message, eligibility.reasons.map((r) => ({ path: r.code, message: r.message })));
}

async function countPages(deps: PlacementDeps, files: FileRow[], declared: number | undefined, pagesByFile: Map<string, number>) {
  if (files.length === 0) throw new DomainError('VALIDATION_FAILED', 'Attach the document to work on.', [{ path: 'documentFileIds', message: 'at least one document' }]);
  let total = 0;
  const words = files.filter((f) => WORD_TYPES.includes(f.mediaType));
  for (const file of files.filter((f) => f.mediaType === 'application/pdf')) {
    const pages = await pdfPageCount(await readAll(deps.storage, file.storageKey)); // EL-DOC-2: counted
    pagesByFile.set(file.id, pages);
    total += pages;
  }
  if (words.length > 0) {
    if (!declared) throw new DomainError('VALIDATION_FAILED', 'Declare the page count of your Word documents (EL-DOC-2).', [{ path: 'declaredPages', message: 'required for Word files' }]);
    total += declared;
  }
  if (total === 0) throw new DomainError('VALIDATION_FAILED', 'Attach a PDF or Word document (EL-DOC-2).', [{ path: 'documentFileIds', message: 'no PDF or Word document' }]);
  return { total, declared: words.length > 0 };
}

function contractOf(templateId: string | null, contract: PlaceOrderRequest['contract']) {
  if (!templateId || !isContractTemplateId(templateId)) throw new DomainError('SERVICE_NOT_AVAILABLE', 'This contract template is not available.');
  const checked = validateContractFields(templateId, contract?.fields ?? {});
  if (!checked.ok) throw new DomainError('CONTRACT_FIELDS_INVALID', 'Some fields of the contract are missing or invalid (EL-CON-1).', checked.problems);
  return { templateId, fields: checked.fields };
}

/** Starts the workflow (or finds the running one) and waits for its checkout to open. */
export async function startOrderWorkflow(temporal: TemporalTarget, input: OrderInput): Promise<Checkout> {
  const startWorkflowOperation = new WithStartWorkflowOperation<OrderWorkflow>(ORDER_WORKFLOW_TYPE, {
    workflowId: orderWorkflowId(input.orderId),
    taskQueue: temporal.taskQueue,
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
    // Once closed, an order's workflow never runs again: a late retry must not open a second payment (orders-api).
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    typedSearchAttributes: [
      { key: OrderIdAttribute, value: input.orderId },
      { key: OrderClientIdAttribute, value: input.clientId },
      { key: OrderKindAttribute, value: input.kind },
      { key: OrderStatusAttribute, value: 'awaiting_payment' },
    ],
  });
  try {
    return await temporal.client.workflow.executeUpdateWithStart(checkout, { startWorkflowOperation });
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) {
      throw new DomainError('ORDER_CLOSED', `This order was placed before and is closed; see /v1/orders/${input.orderId}.`, undefined, error);
    }
    throw toDomainError(error);
  }
}
