import { TASHKENT_SUPPORT_CALENDAR, type BusinessCalendar } from '../domain/calendar.ts';
import type { Db } from '../infra/db.ts';

/**
 * SUP-2: desk hours plus the admin-kept public holidays and days moved by decree. A ticket
 * workflow gets it as start input, so it is recorded in the workflow's history and replays
 * identically; an admin's later edit applies to tickets registered after it.
 */
export async function loadSupportCalendar(db: Db): Promise<BusinessCalendar> {
  const days = await db.supportCalendarDay.findMany({ orderBy: { date: 'asc' } });
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return {
    ...TASHKENT_SUPPORT_CALENDAR,
    holidays: days.filter((d) => d.kind === 'holiday').map((d) => iso(d.date)),
    extraWorkingDays: days.filter((d) => d.kind === 'working_day').map((d) => iso(d.date)),
  };
}
