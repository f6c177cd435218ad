import { DomainError } from '../../domain/errors.ts';
import type { ServiceKind } from '../../domain/orders/model.ts';
import type { SubscriptionPeriodUnit } from '../../domain/orders/deadlines.ts';
import type { Db } from '../../infra/db.ts';
import { createOnce, nameBasedUuid } from '../platform/ids.ts';

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

/**
 * Adds a service. With an Idempotency-Key its id derives from the key, so a retry that took
 * over the key from a request that died after saving (api/idempotency.ts leases) finds that
 * service instead of adding a second one.
 */
export async function addService(db: Db, { price, ...rest }: ServiceFields, idempotency?: { by: string; key: string }) {
  const id = idempotency && nameBasedUuid(`catalogue/${idempotency.by}/${idempotency.key}`);
  const saved = id && (await db.catalogueService.findUnique({ where: { id } }));
  if (saved) return saved;
  return createOnce(
    () => db.catalogueService.create({ data: { ...(id && { id }), ...rest, price: BigInt(price) } }),
    () => (id ? db.catalogueService.findUnique({ where: { id } }) : Promise.resolve(null)),
  );
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
