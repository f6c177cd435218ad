import type { Db } from '../../../infra/db.ts';

/** The price list on offer, by kind and title (PAY-4: the current prices). */
export function offeredServices(db: Db) {
  return db.catalogueService.findMany({ where: { active: true }, orderBy: [{ kind: 'asc' }, { title: 'asc' }] });
}
