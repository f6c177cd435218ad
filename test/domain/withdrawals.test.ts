import { describe, expect, it } from 'vitest';
import { PLATFORM_CALENDAR } from '../../domain/platform-calendar.ts';
import { earningWithdrawableAt, localTime, nextWithdrawalMonthStart, withdrawableFrom, withdrawalMonth } from '../../domain/withdrawals.ts';

// PAY-5 on the platform calendar (Asia/Tashkent, UTC+5, Mon–Fri 09:00–18:00, Uzbek public
// holidays). Instants are written out in UTC; the comments give Tashkent's wall clock.
const utc = (iso: string) => Date.parse(iso);
// Holidays are admin-kept data (services/platform/business-calendars.ts); these tests name the one they need.
const CALENDAR = { ...PLATFORM_CALENDAR, holidays: ['2026-12-08'] }; // Constitution Day

describe('PAY-5 withdrawal timing', () => {
  it('PAY-5: 3 working days from a Thursday skip the weekend', () => {
    // Thu 26 Nov 10:00 → Fri 27 (1), Mon 30 (2), Tue 1 Dec (3), 10:00
    expect(earningWithdrawableAt(CALENDAR, utc('2026-11-26T05:00:00Z'))).toBe(utc('2026-12-01T05:00:00Z'));
  });

  it('PAY-5: 3 working days from a Friday skip the weekend and Constitution Day (Tue 8 Dec)', () => {
    // Fri 4 Dec 12:00 → Mon 7 (1), Tue 8 holiday, Wed 9 (2), Thu 10 (3), 12:00
    expect(earningWithdrawableAt(CALENDAR, utc('2026-12-04T07:00:00Z'))).toBe(utc('2026-12-10T07:00:00Z'));
  });

  it("PAY-5: an answer published on Saturday counts from Monday's opening", () => {
    // Sat 28 Nov 15:00 → Mon 30 09:00 is day 0 → Thu 3 Dec 09:00
    expect(earningWithdrawableAt(CALENDAR, utc('2026-11-28T10:00:00Z'))).toBe(utc('2026-12-03T04:00:00Z'));
  });

  it("PAY-5: the calendar month is Tashkent's, and the limit resets at its midnight", () => {
    expect(withdrawalMonth(PLATFORM_CALENDAR, utc('2026-11-30T18:59:59Z'))).toBe('2026-11');
    expect(withdrawalMonth(PLATFORM_CALENDAR, utc('2026-11-30T19:00:00Z'))).toBe('2026-12');
    expect(nextWithdrawalMonthStart(PLATFORM_CALENDAR, utc('2026-11-15T12:00:00Z'))).toBe(utc('2026-11-30T19:00:00Z'));
    expect(nextWithdrawalMonthStart(PLATFORM_CALENDAR, utc('2026-12-31T18:00:00Z'))).toBe(utc('2026-12-31T19:00:00Z'));
  });

  it('PAY-5: an amount becomes withdrawable when enough earnings have matured beyond what was withdrawn', () => {
    const earnings = [
      { amount: 50n, withdrawableAt: 2_000 },
      { amount: 100n, withdrawableAt: 1_000 },
    ];
    expect(withdrawableFrom(earnings, 30n, 70n)).toBe(1_000);
    expect(withdrawableFrom(earnings, 30n, 71n)).toBe(2_000);
    expect(withdrawableFrom(earnings, 30n, 121n)).toBeNull();
    expect(withdrawableFrom([], 0n, 1n)).toBeNull();
  });

  it('tells instants in Tashkent time', () => {
    expect(localTime(PLATFORM_CALENDAR, utc('2026-12-10T07:00:00Z'))).toBe('2026-12-10 12:00 (Asia/Tashkent)');
  });
});
