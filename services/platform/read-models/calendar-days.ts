import type { Db } from '../../../infra/db.ts';

// SUP-2, PAY-5: the admin-kept days of one year, in date order.
export function calendarDaysOf(db: Db, year: number) {
  return db.supportCalendarDay.findMany({
    where: { date: { gte: new Date(`${year}-01-01`), lt: new Date(`${year + 1}-01-01`) } },
    orderBy: { date: 'asc' },
  });
}
