import { isContractTemplateId } from '../domain/contract-templates.ts';
import { DomainError, type FieldError } from '../domain/errors.ts';
import { DOC_MAX_DAYS, DOC_MIN_DAYS } from '../domain/order-deadlines.ts';
import { DOCUMENT_KINDS, PER_PAGE_KINDS, type ServiceKind } from '../domain/order-model.ts';
import type { Db } from '../infra/db.ts';

// The service catalogue (E-LEGAL §6): what can be ordered and at what price. Admins edit
// prices here; an order copies the price when it is placed (PAY-4), so an edit never
// reaches an order that already exists.

export interface ServiceInput {
  kind: ServiceKind;
  title: string;
  description: string;
  price: number;
  currency: string;
  docDays: number | null;
  commissionBps: number;
  contractTemplateId: string | null;
  subscriptionUnit: 'week' | 'month' | 'quarter' | null;
  subscriptionPeriods: number | null;
  active: boolean;
}

/** What each kind needs besides a price (EL-DOC-1 days, EL-CON-1 template, EL-SUB-1 term). */
export function serviceProblems(service: ServiceInput): FieldError[] {
  const problems: FieldError[] = [];
  const isDocument = DOCUMENT_KINDS.includes(service.kind);
  if (isDocument && (service.docDays === null || service.docDays < DOC_MIN_DAYS || service.docDays > DOC_MAX_DAYS)) {
    problems.push({ path: 'docDays', message: `must be ${DOC_MIN_DAYS}–${DOC_MAX_DAYS} calendar days for this kind (EL-DOC-1)` });
  }
  if (!isDocument && service.docDays !== null) problems.push({ path: 'docDays', message: 'only for document kinds' });
  if (service.kind === 'contract_template' && !(service.contractTemplateId && isContractTemplateId(service.contractTemplateId))) {
    problems.push({ path: 'contractTemplateId', message: 'must name a known contract template (EL-CON-1)' });
  }
  if (service.kind !== 'contract_template' && service.contractTemplateId !== null) {
    problems.push({ path: 'contractTemplateId', message: 'only for contract_template services' });
  }
  const isSubscription = service.kind === 'subscription';
  if (isSubscription !== (service.subscriptionUnit !== null && service.subscriptionPeriods !== null)) {
    problems.push({ path: 'subscriptionUnit', message: 'subscriptionUnit and subscriptionPeriods are set exactly for subscription packages' });
  }
  return problems;
}

function toRow(service: ServiceInput) {
  return {
    ...service,
    price: BigInt(service.price),
    // EL-DOC-2: these kinds are priced per page; the price is one page's.
    perPage: PER_PAGE_KINDS.includes(service.kind),
  };
}

export async function createService(db: Db, service: ServiceInput) {
  const problems = serviceProblems(service);
  if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', 'The service is not valid; see `errors`.', problems);
  return db.catalogueService.create({ data: toRow(service) });
}

export async function updateService(db: Db, id: string, changes: Partial<ServiceInput>) {
  const existing = await db.catalogueService.findUnique({ where: { id } });
  if (!existing) throw new DomainError('NOT_FOUND', 'No such service.');
  const merged: ServiceInput = {
    kind: changes.kind ?? existing.kind,
    title: changes.title ?? existing.title,
    description: changes.description ?? existing.description,
    price: changes.price ?? Number(existing.price),
    currency: changes.currency ?? existing.currency,
    docDays: changes.docDays !== undefined ? changes.docDays : existing.docDays,
    commissionBps: changes.commissionBps ?? existing.commissionBps,
    contractTemplateId: changes.contractTemplateId !== undefined ? changes.contractTemplateId : existing.contractTemplateId,
    subscriptionUnit: changes.subscriptionUnit !== undefined ? changes.subscriptionUnit : (existing.subscriptionUnit as ServiceInput['subscriptionUnit']),
    subscriptionPeriods: changes.subscriptionPeriods !== undefined ? changes.subscriptionPeriods : existing.subscriptionPeriods,
    active: changes.active ?? existing.active,
  };
  const problems = serviceProblems(merged);
  if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', 'The service is not valid; see `errors`.', problems);
  return db.catalogueService.update({ where: { id }, data: toRow(merged) });
}
