import { DateTime } from 'luxon';

// Working-time arithmetic for deadlines that count only business hours: the support desk's
// SLAs (SUP-2/3/4), the admin reminder for account verification (ACC-4) and, later, the
// "3 working days" of withdrawals and complaints (PAY-5, QA-9).
//
// Pure and deterministic (instants in, instants out, no clock reads), so workflows may call
// it: luxon only formats through Intl, which the workflow sandbox provides.
// Instants are epoch milliseconds because that is what workflow code and JSON carry.

/** The admin-kept calendar's days (SUP-2, PAY-5): a public holiday, or a working day moved by decree. */
export const CALENDAR_DAY_KINDS = ['holiday', 'working_day'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface BusinessCalendar {
  /** IANA zone whose wall clock the hours below are read in, e.g. "Asia/Tashkent". */
  timeZone: string;
  workingDays: IsoWeekday[];
  /** "HH:mm", local time. */
  opensAt: string;
  /** "HH:mm", local time, later than opensAt (no shifts across midnight). */
  closesAt: string;
  /** Local dates ("yyyy-MM-dd") on which nobody works, whatever the weekday. */
  holidays: string[];
  /** Local dates that are working days although their weekday is not (moved by decree). */
  extraWorkingDays?: string[];
}

/** Support desk hours (SUP-2); public holidays are admin-kept data merged in by the caller. */
export const TASHKENT_SUPPORT_CALENDAR: BusinessCalendar = {
  timeZone: 'Asia/Tashkent',
  workingDays: [1, 2, 3, 4, 5],
  opensAt: '08:00',
  closesAt: '20:00',
  holidays: [],
};

/** Office hours of the Baku administrators who review verification documents (ACC-4). */
export const BAKU_OFFICE_CALENDAR: BusinessCalendar = {
  timeZone: 'Asia/Baku',
  workingDays: [1, 2, 3, 4, 5],
  opensAt: '09:00',
  closesAt: '18:00',
  holidays: [],
};

// A calendar with no working day at all would make every search below endless; ten years of
// consecutive days off is far beyond any real calendar, so hitting it means bad data.
const MAX_DAYS_SEARCHED = 3660;

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Why the calendar cannot be used, or an empty list when it is sound. */
export function calendarProblems(calendar: BusinessCalendar): string[] {
  const problems: string[] = [];
  if (!DateTime.local().setZone(calendar.timeZone).isValid) problems.push(`unknown time zone "${calendar.timeZone}"`);
  if (!HH_MM.test(calendar.opensAt)) problems.push(`opensAt "${calendar.opensAt}" is not HH:mm`);
  if (!HH_MM.test(calendar.closesAt)) problems.push(`closesAt "${calendar.closesAt}" is not HH:mm`);
  if (problems.length === 0 && minutesOf(calendar.closesAt) <= minutesOf(calendar.opensAt)) {
    problems.push('closesAt must be later than opensAt');
  }
  if (calendar.workingDays.length === 0 && (calendar.extraWorkingDays ?? []).length === 0) {
    problems.push('the calendar has no working days');
  }
  if (calendar.workingDays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
    problems.push('workingDays must be ISO weekdays 1–7');
  }
  for (const date of [...calendar.holidays, ...(calendar.extraWorkingDays ?? [])]) {
    if (!ISO_DATE.test(date) || !DateTime.fromISO(date).isValid) problems.push(`"${date}" is not a yyyy-MM-dd date`);
  }
  return problems;
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

function localDay(calendar: BusinessCalendar, instant: number): DateTime {
  return DateTime.fromMillis(instant, { zone: calendar.timeZone }).startOf('day');
}

function at(day: DateTime, hhmm: string): DateTime {
  const minutes = minutesOf(hhmm);
  return day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0, millisecond: 0 });
}

function isWorkingDate(calendar: BusinessCalendar, day: DateTime): boolean {
  const date = day.toISODate()!;
  if (calendar.holidays.includes(date)) return false;
  if (calendar.extraWorkingDays?.includes(date)) return true;
  return calendar.workingDays.includes(day.weekday as IsoWeekday);
}

/** Whether the local date containing `instant` is a working day. */
export function isWorkingDay(calendar: BusinessCalendar, instant: number): boolean {
  return isWorkingDate(calendar, localDay(calendar, instant));
}

/** Whether `instant` falls inside working hours (opening inclusive, closing exclusive). */
export function isWithinWorkingHours(calendar: BusinessCalendar, instant: number): boolean {
  const day = localDay(calendar, instant);
  return isWorkingDate(calendar, day) && instant >= at(day, calendar.opensAt).toMillis() && instant < at(day, calendar.closesAt).toMillis();
}

/** The first working day (local midnight) on or after `from`'s day that satisfies `accept`. */
function firstWorkingDay(calendar: BusinessCalendar, from: DateTime, accept: (day: DateTime) => boolean): DateTime {
  let day = from;
  for (let i = 0; i < MAX_DAYS_SEARCHED; i++, day = day.plus({ days: 1 })) {
    if (isWorkingDate(calendar, day) && accept(day)) return day;
  }
  throw new Error(
    `no working day within ${MAX_DAYS_SEARCHED} days of ${from.toISODate()}: ${calendarProblems(calendar).join('; ') || 'check the holidays'}`,
  );
}

/** `instant` itself when inside working hours, otherwise the next opening after it. */
export function nextOpening(calendar: BusinessCalendar, instant: number): number {
  if (isWithinWorkingHours(calendar, instant)) return instant;
  return nextWorkingDayOpeningAfter(calendar, instant);
}

/**
 * The opening of the first working day whose hours start after `instant` (SUP-3's "next
 * working day": Tuesday 03:00 → Tuesday's opening, Friday 20:30 → Monday's).
 */
export function nextWorkingDayOpeningAfter(calendar: BusinessCalendar, instant: number): number {
  const day = firstWorkingDay(calendar, localDay(calendar, instant), (d) => at(d, calendar.opensAt).toMillis() > instant);
  return at(day, calendar.opensAt).toMillis();
}

/** The given local clock time ("HH:mm") on the next working day whose hours start after `instant`. */
export function nextWorkingDayAt(calendar: BusinessCalendar, instant: number, hhmm: string): number {
  const opening = nextWorkingDayOpeningAfter(calendar, instant);
  return at(localDay(calendar, opening), hhmm).toMillis();
}

/** The instant when `durationMs` of working time has elapsed since `start`. */
export function addWorkingTime(calendar: BusinessCalendar, start: number, durationMs: number): number {
  if (!Number.isFinite(durationMs) || durationMs < 0) throw new RangeError(`duration must be a non-negative number, got ${durationMs}`);
  let cursor = nextOpening(calendar, start);
  let remaining = durationMs;
  for (;;) {
    const closing = at(localDay(calendar, cursor), calendar.closesAt).toMillis();
    if (remaining <= closing - cursor) return cursor + remaining;
    remaining -= closing - cursor;
    cursor = nextWorkingDayOpeningAfter(calendar, closing);
  }
}

export function addWorkingHours(calendar: BusinessCalendar, start: number, hours: number): number {
  return addWorkingTime(calendar, start, hours * 3_600_000);
}

/**
 * The same local clock time `days` working days later; a start outside working hours counts
 * from the next opening (the SUP-4 reading: Friday 17:00 + 1 → Monday 17:00; Saturday → Tuesday's opening).
 */
export function addWorkingDays(calendar: BusinessCalendar, start: number, days: number): number {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a non-negative integer, got ${days}`);
  const from: DateTime = DateTime.fromMillis(nextOpening(calendar, start), { zone: calendar.timeZone });
  let day = from.startOf('day');
  for (let i = 0; i < days; i++) day = firstWorkingDay(calendar, day.plus({ days: 1 }), () => true);
  return day.set({ hour: from.hour, minute: from.minute, second: from.second, millisecond: from.millisecond }).toMillis();
}

/** Working time, in milliseconds, inside the interval [from, to). */
export function workingTimeBetween(calendar: BusinessCalendar, from: number, to: number): number {
  let total = 0;
  let cursor = nextOpening(calendar, from);
  while (cursor < to) {
    const closing = at(localDay(calendar, cursor), calendar.closesAt).toMillis();
    total += Math.min(closing, to) - cursor;
    cursor = nextWorkingDayOpeningAfter(calendar, closing);
  }
  return total;
}
