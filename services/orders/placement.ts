import { isContractTemplateId, validateContractFields } from '../../domain/orders/contract-templates.ts';
import { DomainError } from '../../domain/errors.ts';
import {
  DOC_MAX_DAYS,
  DOC_MIN_DAYS,
  oralSlotProblem,
  parseOrderDateTime,
  type SubscriptionPeriodUnit,
} from '../../domain/orders/deadlines.ts';
import { DOCUMENT_KINDS, PER_PAGE_KINDS, type ServiceLanguage } from '../../domain/orders/model.ts';
import { MAX_AMOUNT_MINOR } from '../../domain/money-contract.ts';
import { REFUND_POLICY_VERSION } from '../../domain/orders/refund-policy.ts';
import { jsonValue, type Db } from '../../infra/db.ts';
import {
  OrderClientIdAttribute,
  OrderIdAttribute,
  OrderKindAttribute,
  OrderStatusAttribute,
  ORDER_WORKFLOW_TYPE,
  type OrderWorkflow,
} from '../../domain/orders/contract.ts';
import { checkout, orderWorkflowId, type Checkout, type OrderInput } from '../../domain/orders/contract.ts';
import { requireEligibleToOrder } from '../accounts/eligibility.ts';
import { ORDER_FAILURES } from './commands.ts';
import { pdfPageCount, readAll } from './documents.ts';
import { nameBasedUuid } from '../platform/ids.ts';
import { pendingBefore, START_GRACE_MS, startedOnce, startPending, type StartFaults } from '../platform/temporal/durable-start.ts';
import { startProcess, startWithUpdate, type ProcessStart, type TemporalTarget } from '../platform/temporal/gateway.ts';
import type { FileStorage } from '../platform/storage.ts';

// EL-ORD-1/2: placing an order = checking who may order what, fixing the price (PAY-4), and
// starting the order's workflow, which opens the payment at once. Idempotent: the order id is
// derived from the client's Idempotency-Key and the workflow is started with USE_EXISTING, so a
// retried request finds the same order instead of making a second one. Durable: the order is
// saved start-pending with its workflow's input (platform/temporal/durable-start.ts), so the
// start sweep can start an order whose request died, at the price it was placed at (PAY-4).

export interface PlaceOrderRequest {
  serviceId: string;
  form: Record<string, unknown>;
  documentFileIds: string[];
  slot?: string | undefined;
  declaredPages?: number | undefined;
  contract?: { templateId: string; fields: Record<string, unknown> } | undefined;
  previousOrderId?: string | undefined;
  /** EL-LANG-1: a language other than Azerbaijani, asked of the lawyer. */
  language?: ServiceLanguage | undefined;
}

export interface PlacementDeps {
  db: Db;
  temporal: TemporalTarget;
  storage: FileStorage;
  paymentWindowMinutes: number;
  faults?: StartFaults | undefined;
}

const WORD_TYPES = ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/x-cfb'];

export async function placeOrder(deps: PlacementDeps, clientId: string, body: PlaceOrderRequest, idempotencyKey: string) {
  const { db } = deps;
  const now = Date.now();
  await requireEligibleToOrder(db, clientId);
  const service = await db.catalogueService.findUnique({ where: { id: body.serviceId } });
  if (!service?.active) throw new DomainError('SERVICE_NOT_AVAILABLE', 'This service is not offered.');
  const files = await db.storedFile.findMany({ where: { id: { in: body.documentFileIds }, ownerId: clientId } });
  if (files.length !== new Set(body.documentFileIds).size) {
    throw new DomainError('VALIDATION_FAILED', 'Upload the documents first, then refer to them.', [
      { path: 'documentFileIds', message: 'no such file of yours' },
    ]);
  }
  // Issue 14: no payment of 0 exists, so a service priced 0 (saved before the catalogue refused
  // it) is not offered; an order that could not open its payment would be a ghost row.
  if (service.price < 1n) throw new DomainError('SERVICE_NOT_AVAILABLE', 'This service has no price and cannot be ordered.');
  const orderId = nameBasedUuid(`order/${clientId}/${idempotencyKey}`);
  const input: OrderInput = {
    orderId,
    clientId,
    kind: service.kind,
    title: service.title,
    price: Number(service.price),
    currency: service.currency,
    commissionBps: service.commissionBps,
    placedAt: now,
    paymentWindowMs: deps.paymentWindowMinutes * 60_000,
    ...(body.language !== undefined && { language: body.language }),
  };
  const pagesByFile = new Map<string, number>();
  await addTermsOfKind(deps, { clientId, now, service, body, files, input, pagesByFile });
  requireTotalInRange(input.price);
  const createdNow = await saveOrder(db, { input, serviceId: service.id, form: body.form, files, pagesByFile });
  // PAY-4: a retry after an attempt that saved the order but died before starting its workflow
  // must start it at the price the order was placed at, whatever the catalogue says now.
  const placed = createdNow ? input : await placedInput(db, input);
  const checkout = await startPending({
    faults: deps.faults,
    start: () => startOrderWorkflow(deps.temporal, placed),
    clear: () => clearStartPending(db, orderId),
  });
  return { orderId, ...checkout };
}

/** Issue 14: a total the ledger cannot take is refused before the order row is written. */
function requireTotalInRange(total: number): void {
  if (Number.isSafeInteger(total) && total >= 1 && total <= MAX_AMOUNT_MINOR) return;
  throw new DomainError(
    'ORDER_TOTAL_TOO_LARGE',
    `The order's total would be ${total} minor units; one order may cost at most ${MAX_AMOUNT_MINOR}. Split the work into several orders.`,
  );
}

type ServiceRow = NonNullable<Awaited<ReturnType<Db['catalogueService']['findUnique']>>>;
type FileRow = { id: string; mediaType: string; storageKey: string };

/** The kind's own terms: slot, days, pages and price, template, court instance, subscription term. */
async function addTermsOfKind(
  deps: PlacementDeps,
  c: {
    clientId: string;
    now: number;
    service: ServiceRow;
    body: PlaceOrderRequest;
    files: FileRow[];
    input: OrderInput;
    pagesByFile: Map<string, number>;
  },
): Promise<void> {
  const { db } = deps;
  const { clientId, now, service, body, files, input, pagesByFile } = c;
  if (service.kind === 'oral_advice') {
    const slotAt = body.slot === undefined ? null : parseOrderDateTime(body.slot);
    if (slotAt === null)
      throw new DomainError('VALIDATION_FAILED', 'Choose the consultation time.', [
        { path: 'slot', message: 'a date-time like 2026-12-01T10:00 (Baku time) is required' },
      ]);
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
      throw new DomainError('VALIDATION_FAILED', 'The previous instance must be one of your court orders.', [
        { path: 'previousOrderId', message: 'not your court order' },
      ]);
    }
    input.previousOrderId = previous.id;
  }
  if (service.kind === 'subscription') {
    input.subscription = {
      unit: (service.subscriptionUnit ?? 'month') as SubscriptionPeriodUnit,
      periods: service.subscriptionPeriods ?? 1,
    };
  }
}

/** The input the order was saved with; for an order saved before inputs were kept, its terms. */
async function placedInput(db: Db, input: OrderInput): Promise<OrderInput> {
  const placed = await db.order.findUniqueOrThrow({ where: { id: input.orderId } });
  if (placed.workflowInput) return placed.workflowInput as unknown as OrderInput;
  input.price = Number(placed.price);
  input.commissionBps = placed.commissionBps;
  input.title = placed.title;
  input.placedAt = placed.createdAt.getTime();
  if (input.pages) input.pages.pricePerPage = input.price / input.pages.billedPages;
  return input;
}

const clearStartPending = (db: Db, orderId: string) =>
  db.order.updateMany({ where: { id: orderId, workflowStartPendingSince: { not: null } }, data: { workflowStartPendingSince: null } });

/** Writes the order and its attachments; false when a retried request finds them already there. */
async function saveOrder(
  db: Db,
  c: { input: OrderInput; serviceId: string; form: Record<string, unknown>; files: FileRow[]; pagesByFile: Map<string, number> },
): Promise<boolean> {
  const { input, files, pagesByFile } = c;
  const orderId = input.orderId;
  return db.$transaction(async (tx) => {
    const created = await tx.order.createMany({
      data: [
        {
          id: orderId,
          clientId: input.clientId,
          serviceId: c.serviceId,
          kind: input.kind,
          title: input.title,
          status: 'awaiting_payment',
          price: BigInt(input.price),
          currency: input.currency,
          commissionBps: input.commissionBps,
          refundPolicyVersion: REFUND_POLICY_VERSION,
          form: jsonValue(c.form),
          slotAt: input.slotAt ? new Date(input.slotAt) : null,
          previousOrderId: input.previousOrderId ?? null,
          workflowStartPendingSince: new Date(),
          workflowInput: jsonValue(input),
        },
      ],
      skipDuplicates: true,
    });
    if (created.count === 0) return false; // a retry of the same request: the order exists already
    await tx.orderDocument.createMany({
      data: files.map((f) => ({ orderId, fileId: f.id, role: 'attachment' as const, pages: pagesByFile.get(f.id) ?? null })),
    });
    return true;
  });
}

async function countPages(deps: PlacementDeps, files: FileRow[], declared: number | undefined, pagesByFile: Map<string, number>) {
  if (files.length === 0)
    throw new DomainError('VALIDATION_FAILED', 'Attach the document to work on.', [
      { path: 'documentFileIds', message: 'at least one document' },
    ]);
  let total = 0;
  const words = files.filter((f) => WORD_TYPES.includes(f.mediaType));
  for (const file of files.filter((f) => f.mediaType === 'application/pdf')) {
    const pages = await pdfPageCount(await readAll(deps.storage, file.storageKey)); // EL-DOC-2: counted
    pagesByFile.set(file.id, pages);
    total += pages;
  }
  if (words.length > 0) {
    if (!declared)
      throw new DomainError('VALIDATION_FAILED', 'Declare the page count of your Word documents (EL-DOC-2).', [
        { path: 'declaredPages', message: 'required for Word files' },
      ]);
    total += declared;
  }
  if (total === 0)
    throw new DomainError('VALIDATION_FAILED', 'Attach a PDF or Word document (EL-DOC-2).', [
      { path: 'documentFileIds', message: 'no PDF or Word document' },
    ]);
  return { total, declared: words.length > 0 };
}

function contractOf(templateId: string | null, contract: PlaceOrderRequest['contract']) {
  if (!templateId || !isContractTemplateId(templateId))
    throw new DomainError('SERVICE_NOT_AVAILABLE', 'This contract template is not available.');
  const checked = validateContractFields(templateId, contract?.fields ?? {});
  if (!checked.ok)
    throw new DomainError('CONTRACT_FIELDS_INVALID', 'Some fields of the contract are missing or invalid (EL-CON-1).', checked.problems);
  return { templateId, fields: checked.fields };
}

/**
 * EL-ORD-2: the client has the whole payment window from the moment the checkout can open. A
 * start delayed past the start grace (an outage; the sweep or a late retry starts it) extends
 * the window by the delay; otherwise the order would expire the moment it started.
 */
function withWholePaymentWindow(input: OrderInput, now: number): OrderInput {
  const delay = now - input.placedAt;
  return delay > START_GRACE_MS ? { ...input, paymentWindowMs: input.paymentWindowMs + delay } : input;
}

function orderStart(placed: OrderInput, now = Date.now()) {
  const input = withWholePaymentWindow(placed, now);
  return {
    workflowId: orderWorkflowId(input.orderId),
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
  } satisfies ProcessStart<OrderWorkflow>;
}

/** Starts the workflow (or finds the running one) and waits for its checkout to open. */
export function startOrderWorkflow(temporal: TemporalTarget, input: OrderInput): Promise<Checkout> {
  return startWithUpdate<OrderWorkflow, Checkout, []>(temporal, ORDER_WORKFLOW_TYPE, orderStart(input), checkout, [], {
    ...ORDER_FAILURES,
    alreadyStarted: { code: 'ORDER_CLOSED', message: `This order was placed before and is closed; see /v1/orders/${input.orderId}.` },
  });
}

/** The start sweep's part for orders: starts, from the saved input, orders a crash left pending. */
export async function startPendingOrders(
  deps: { db: Db; temporal: TemporalTarget },
  options: { now: Date; graceMs: number; limit: number },
): Promise<number> {
  const rows = await deps.db.order.findMany({
    where: pendingBefore(options),
    orderBy: { workflowStartPendingSince: 'asc' },
    take: options.limit,
    select: { id: true, workflowInput: true },
  });
  for (const row of rows) {
    const input = row.workflowInput as unknown as OrderInput;
    await startedOnce(() => startProcess<OrderWorkflow>(deps.temporal, ORDER_WORKFLOW_TYPE, orderStart(input, options.now.getTime())));
    await clearStartPending(deps.db, row.id);
  }
  return rows.length;
}
