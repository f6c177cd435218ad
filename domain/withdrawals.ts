import { DateTime } from 'luxon';
import { addWorkingDays, type BusinessCalendar } from './calendar.ts';

// PAY-5: a specialist may withdraw earnings no earlier than 3 working days after the answer
// was published, and at most twice per calendar month. Pure, so workflows may use it too.

export const WITHDRAWAL_WAIT_WORKING_DAYS = 3;
export const WITHDRAWALS_PER_MONTH = 2;

/**
 * When an earning for an answer published at `publishedAt` may first be withdrawn: the same
 * local clock time 3 working days later (a publication outside working hours counts from the
 * next opening), skipping weekends and public holidays.
 */
export function earningWithdrawableAt(calendar: BusinessCalendar, publishedAt: number): number {
  return addWorkingDays(calendar, publishedAt, WITHDRAWAL_WAIT_WORKING_DAYS);
}

/** The calendar month ("yyyy-MM", in the calendar's zone) a withdrawal at `instant` counts in. */
export function withdrawalMonth(calendar: BusinessCalendar, instant: number): string {
  return DateTime.fromMillis(instant, { zone: calendar.timeZone }).toFormat('yyyy-MM');
}

/** The start of the next calendar month after `instant`, when the monthly limit resets. */
export function nextWithdrawalMonthStart(calendar: BusinessCalendar, instant: number): number {
  return DateTime.fromMillis(instant, { zone: calendar.timeZone }).startOf('month').plus({ months: 1 }).toMillis();
}

export interface MaturingEarning {
  amount: bigint;
  withdrawableAt: number;
}

/**
 * The first instant from which `amount` can be withdrawn, given the specialist's earnings and
 * what they already withdrew (or are withdrawing); `null` when their earnings never reach it.
 */
export function withdrawableFrom(earnings: MaturingEarning[], alreadyWithdrawn: bigint, amount: bigint): number | null {
  let matured = -alreadyWithdrawn;
  for (const earning of [...earnings].sort((a, b) => a.withdrawableAt - b.withdrawableAt)) {
    matured += earning.amount;
    if (matured >= amount) return earning.withdrawableAt;
  }
  return null;
}

/** "2026-12-10 12:00 (Asia/Tashkent)": how an instant is told to the specialist. */
export function localTime(calendar: BusinessCalendar, instant: number): string {
  return `${DateTime.fromMillis(instant, { zone: calendar.timeZone }).toFormat('yyyy-MM-dd HH:mm')} (${calendar.timeZone})`;
}
