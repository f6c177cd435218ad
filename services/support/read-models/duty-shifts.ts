import type { Db } from '../../../infra/db.ts';

/** Duty shifts overlapping [from, to), earliest first. */
export function dutyShiftsOverlapping(db: Db, from: Date, to: Date) {
  return db.supportDutyShift.findMany({ where: { startsAt: { lt: to }, endsAt: { gt: from } }, orderBy: { startsAt: 'asc' }, take: 500 });
}
