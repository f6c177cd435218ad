import { TASHKENT_SUPPORT_CALENDAR, type BusinessCalendar, type CalendarDayKind } from '../../domain/calendar.ts';
import { DomainError } from '../../domain/errors.ts';
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
export const loadSupportCalendar = (db: CalendarDaysReader): Promise<BusinessCalendar> => withAdminKeptDays(db, TASHKENT_SUPPORT_CALENDAR);

/** PAY-5: the platform's working days; read when an earning is credited and when it is withdrawn. */
export const loadPlatformCalendar = (db: CalendarDaysReader): Promise<BusinessCalendar> => withAdminKeptDays(db, PLATFORM_CALENDAR);

/** An admin marks a date a holiday or a working day moved by decree (SUP-2, PAY-5). */
export function setCalendarDay(db: Db, date: Date, day: { kind: CalendarDayKind; name: string }) {
  return db.supportCalendarDay.upsert({ where: { date }, create: { date, ...day }, update: day });
}

export async function removeCalendarDay(db: Db, date: Date): Promise<void> {
  const { count } = await db.supportCalendarDay.deleteMany({ where: { date } });
  if (count === 0) throw new DomainError('NOT_FOUND', 'No such calendar day.');
}
