import type { BusinessCalendar } from './calendar.ts';

// The platform's own business calendar, for rules that count working days of the platform
// rather than of one desk: PAY-5's "3 working days" before earnings can be withdrawn and the
// "calendar month" of the withdrawal limit.
//
// Tashkent, because the service is Uzbek first (maslahat, yuridik.uz, UZS): its specialists
// and its payouts follow Uzbekistan's working week and public holidays (Labour Code, art. 132).
// Public holidays and days moved by decree are not listed here: they are the admin-kept
// calendar days (services/platform/business-calendars.ts loadPlatformCalendar adds them).
export const PLATFORM_CALENDAR: BusinessCalendar = {
  timeZone: 'Asia/Tashkent',
  workingDays: [1, 2, 3, 4, 5],
  opensAt: '09:00',
  closesAt: '18:00',
  holidays: [],
};
