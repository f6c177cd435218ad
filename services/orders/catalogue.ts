import { DomainError } from '../../domain/errors.ts';
import type { ServiceKind } from '../../domain/orders/model.ts';
import type { SubscriptionPeriodUnit } from '../../domain/orders/deadlines.ts';
import type { Db } from '../../infra/db.ts';

// The administrators' price list. PAY-4: an order keeps the price it was placed at, so an edit
// here never touches placed orders.

export interface ServiceFields {
  kind: ServiceKind;
  title: string;
  description: string;
  price: number;
  currency: string;
  perPage: boolean;
  docDays: number | null;
  commissionBps: number;
  contractTemplateId: string | null;
  subscriptionUnit: SubscriptionPeriodUnit | null;
  subscriptionPeriods: number | null;
  active: boolean;
}

export function addService(db: Db, { price, ...rest }: ServiceFields) {
  return db.catalogueService.create({ data: { ...rest, price: BigInt(price) } });
}

/** Changes the fields given; a field left undefined keeps its value. */
export async function changeService(
  db: Db,
  id: string,
  { price, ...rest }: Partial<Pick<ServiceFields, 'title' | 'description' | 'price' | 'docDays' | 'commissionBps' | 'active'>>,
) {
  if (!(await db.catalogueService.findUnique({ where: { id } }))) throw new DomainError('NOT_FOUND', 'No such service.');
  const data = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
  return db.catalogueService.update({ where: { id }, data: { ...data, ...(price !== undefined && { price: BigInt(price) }) } });
}
