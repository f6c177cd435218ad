import type { BusinessCalendar } from './calendar.ts';

// The platform's own business calendar, for rules that count working days of the platform
// rather than of one desk: PAY-5's "3 working days" before earnings can be withdrawn and the
// "calendar month" of the withdrawal limit.
//
// Tashkent, because the service is Uzbek first (maslahat, yuridik.uz, UZS): its specialists
// and its payouts follow Uzbekistan's working week and public holidays (Labour Code, art. 132).
// Public holidays are data: the fixed ones repeat every year; Ramazon and Qurbon hayiti move
// with the lunar calendar and are announced by decree each year, so the dates below are the
// expected ones and must be checked against the decree when it appears.
export const UZBEKISTAN_PUBLIC_HOLIDAYS: readonly string[] = [
  // 2026
  '2026-01-01', // New Year
  '2026-03-08', // International Women's Day
  '2026-03-20', // Ramazon hayiti (expected)
  '2026-03-21', // Navro'z
  '2026-05-09', // Day of Remembrance and Honour
  '2026-05-27', // Qurbon hayiti (expected)
  '2026-09-01', // Independence Day
  '2026-10-01', // Teachers' and Mentors' Day
  '2026-12-08', // Constitution Day
  // 2027
  '2027-01-01',
  '2027-03-08',
  '2027-03-10', // Ramazon hayiti (expected)
  '2027-03-21',
  '2027-05-09',
  '2027-05-17', // Qurbon hayiti (expected)
  '2027-09-01',
  '2027-10-01',
  '2027-12-08',
];

export const PLATFORM_CALENDAR: BusinessCalendar = {
  timeZone: 'Asia/Tashkent',
  workingDays: [1, 2, 3, 4, 5],
  opensAt: '09:00',
  closesAt: '18:00',
  holidays: [...UZBEKISTAN_PUBLIC_HOLIDAYS],
};
