import { TASHKENT_SUPPORT_CALENDAR, type BusinessCalendar } from '../../domain/calendar.ts';
import { PLATFORM_CALENDAR } from '../../domain/platform-calendar.ts';
import type { Db } from '../../infra/db.ts';

// Uzbekistan's public holidays and the working days moved by decree are one admin-kept table
// (support_calendar_days, edited through /v1/admin/support/calendar-days and preloaded by a
// migration). Every calendar the service counts working time on takes its days from there,
// so the support desk's SLAs (SUP-2) and the withdrawal delay (PAY-5) can never disagree.

type CalendarDaysReader = Pick<Db, 'supportCalendarDay'>;

async function withAdminKeptDays(db: CalendarDaysReader, hours: BusinessCalendar): Promise<BusinessCalendar> {
  const days = await db.supportCalendarDay.findMany({ orderBy: { date: 'asc' } });
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return {
    ...hours,
    holidays: days.filter((d) => d.kind === 'holiday').map((d) => iso(d.date)),
    extraWorkingDays: days.filter((d) => d.kind === 'working_day').map((d) => iso(d.date)),
  };
}

/**
 * SUP-2: desk hours plus the admin-kept days. A ticket workflow gets it as start input, so it
 * is recorded in the workflow's history and replays identically; an admin's later edit
 * applies to tickets registered after it.
 */
export const loadSupportCalendar = (db: CalendarDaysReader): Promise<BusinessCalendar> =>
  withAdminKeptDays(db, TASHKENT_SUPPORT_CALENDAR);

/** PAY-5: the platform's working days; read when an earning is credited and when it is withdrawn. */
export const loadPlatformCalendar = (db: CalendarDaysReader): Promise<BusinessCalendar> =>
  withAdminKeptDays(db, PLATFORM_CALENDAR);
