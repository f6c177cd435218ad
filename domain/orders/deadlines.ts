import { DateTime } from 'luxon';

// E-LEGAL §6: when each kind of order is due. Pure (instants in, instants out), so the order
// workflow, its update validators and the API's server-side checks all share one reading.
// "Calendar days" are counted on the Baku wall clock (the portal's home zone).

export const ORDER_TIME_ZONE = 'Asia/Baku';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** EL-ORAL-1: the chosen slot is at least 48 hours after the order. */
export const ORAL_MIN_NOTICE_MS = 48 * HOUR_MS;
/** EL-ORAL-2: a slot may move by at most 3 calendar days. */
export const ORAL_MAX_MOVE_DAYS = 3;
/** EL-ORAL-3: a call lasts 30 minutes; each paid extension adds the same again. */
export const ORAL_CALL_MS = 30 * MINUTE_MS;
/**
 * Our reading (the source is silent on no-shows): the client may be marked absent 15 minutes
 * after the slot; a call the lawyer has not started within the call's own 30 minutes is the
 * lawyer's no-show.
 */
export const ORAL_CLIENT_GRACE_MS = 15 * MINUTE_MS;
export const ORAL_LAWYER_NO_SHOW_MS = ORAL_CALL_MS;

/** EL-WR-1: written advice within 72 hours of registration. */
export const WRITTEN_ADVICE_MS = 72 * HOUR_MS;
/** EL-WR-2: one extension of 4 calendar days. */
export const WRITTEN_EXTENSION_DAYS = 4;
/** EL-DOC-1: review / preparation / translation take 2–7 calendar days, set per service. */
export const DOC_MIN_DAYS = 2;
export const DOC_MAX_DAYS = 7;
/** EL-DOC-3: 3 calendar days to pay for pages the client under-declared. */
export const PAGE_DIFFERENCE_PAYMENT_DAYS = 3;
/** Lawyer and admins are warned this long before a delivery deadline passes. */
export const DEADLINE_WARNING_MS = 12 * HOUR_MS;

export function plusCalendarDays(instant: number, days: number): number {
  return DateTime.fromMillis(instant, { zone: ORDER_TIME_ZONE }).plus({ days }).toMillis();
}

/**
 * A client's date-time: with an offset ("2026-11-27T10:00+04:00", "…Z") it is that instant;
 * without one ("2026-11-27T10:00") it is read on the Baku wall clock. Null when unreadable.
 */
export function parseOrderDateTime(text: string): number | null {
  const parsed = DateTime.fromISO(text, { zone: ORDER_TIME_ZONE });
  return parsed.isValid ? parsed.toMillis() : null;
}

/** EL-ORAL-1: why `slotStart` cannot be booked by an order placed at `orderedAt`, or null. */
export function oralSlotProblem(orderedAt: number, slotStart: number): string | null {
  if (slotStart - orderedAt >= ORAL_MIN_NOTICE_MS) return null;
  const earliest = DateTime.fromMillis(orderedAt + ORAL_MIN_NOTICE_MS, { zone: ORDER_TIME_ZONE });
  return `An oral consultation can be booked at the earliest 48 hours after ordering: ${earliest.toFormat('yyyy-MM-dd HH:mm')} Baku time (EL-ORAL-1).`;
}

/** Whole calendar days between the Baku dates of two instants. */
export function calendarDaysBetween(from: number, to: number): number {
  const a = DateTime.fromMillis(from, { zone: ORDER_TIME_ZONE }).startOf('day');
  const b = DateTime.fromMillis(to, { zone: ORDER_TIME_ZONE }).startOf('day');
  return Math.round(b.diff(a, 'days').days);
}

/** EL-ORAL-2: why the booked slot cannot move to `newSlot`, or null. Moves only later. */
export function oralRescheduleProblem(bookedSlot: number, newSlot: number, now: number): string | null {
  if (newSlot <= now) return 'The new time must be in the future.';
  if (newSlot <= bookedSlot) return 'A consultation can only be moved later (EL-ORAL-2).';
  if (calendarDaysBetween(bookedSlot, newSlot) > ORAL_MAX_MOVE_DAYS) {
    return 'A consultation can be moved by at most 3 calendar days (EL-ORAL-2).';
  }
  return null;
}

/** EL-WR-1/EL-WR-2: written advice is due 72 h after its clock started, plus 4 days if extended. */
export function writtenAdviceDue(clockStartedAt: number, extended: boolean): number {
  const due = clockStartedAt + WRITTEN_ADVICE_MS;
  return extended ? plusCalendarDays(due, WRITTEN_EXTENSION_DAYS) : due;
}

/** EL-DOC-1: due `days` calendar days after the clock started, plus agreed extra days. */
export function documentWorkDue(clockStartedAt: number, days: number, agreedExtraDays: number): number {
  return plusCalendarDays(clockStartedAt, days + agreedExtraDays);
}

export const SUBSCRIPTION_UNITS = ['week', 'month', 'quarter'] as const;
export type SubscriptionPeriodUnit = (typeof SUBSCRIPTION_UNITS)[number];

/**
 * EL-SUB-1 (§6.10.4): the regular deliverable of period `index` (0-based) of a subscription
 * that started at `startedAt` is due by the end (Baku midnight) of that period's last day.
 */
export function subscriptionPeriodDue(startedAt: number, unit: SubscriptionPeriodUnit, index: number): number {
  const start = DateTime.fromMillis(startedAt, { zone: ORDER_TIME_ZONE }).startOf('day');
  const next = {
    week: () => start.plus({ weeks: index + 1 }),
    month: () => start.plus({ months: index + 1 }),
    quarter: () => start.plus({ months: 3 * (index + 1) }),
  }[unit]();
  return next.toMillis();
}
