import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  addWorkingHours,
  addWorkingTime,
  calendarProblems,
  isWithinWorkingHours,
  isWorkingDay,
  nextOpening,
  nextWorkingDayAt,
  TASHKENT_SUPPORT_CALENDAR,
  workingTimeBetween,
  type BusinessCalendar,
} from '../../domain/calendar.ts';

// Expected instants are written out by hand in Tashkent time (UTC+05:00, no DST) so that a
// mistake in the calendar cannot hide behind the same mistake in the test.
// Week used: Fri 2026-11-20, Sat 21, Sun 22, Mon 23, Tue 24, Wed 25, Thu 26, Fri 27.
const t = (local: string): number => Date.parse(`${local}+05:00`);
const iso = (instant: number): string => new Date(instant).toISOString();
const MINUTE = 60_000;

const desk = TASHKENT_SUPPORT_CALENDAR;
const withMondayHoliday: BusinessCalendar = { ...desk, holidays: ['2026-11-23'] };

describe('working hours of the support desk: Monday–Friday 08:00–20:00 Tashkent', () => {
  it.each([
    ['2026-11-23T08:00:00', true],
    ['2026-11-23T07:59:59', false],
    ['2026-11-23T19:59:59', true],
    ['2026-11-23T20:00:00', false],
    ['2026-11-21T12:00:00', false], // Saturday
    ['2026-11-22T12:00:00', false], // Sunday
  ])('%s is within hours: %s', (local, expected) => {
    expect(isWithinWorkingHours(desk, t(local))).toBe(expected);
  });

  it('a public holiday is not a working day, a day moved by decree is', () => {
    expect(isWorkingDay(withMondayHoliday, t('2026-11-23T12:00:00'))).toBe(false);
    const saturdayWorked: BusinessCalendar = { ...desk, extraWorkingDays: ['2026-11-21'] };
    expect(isWithinWorkingHours(saturdayWorked, t('2026-11-21T09:00:00'))).toBe(true);
  });

  it('reads the local date in the calendar zone, not UTC', () => {
    // Monday 02:00 in Tashkent is still Sunday 21:00 in UTC.
    expect(isWorkingDay(desk, t('2026-11-23T02:00:00'))).toBe(true);
    expect(isWorkingDay(desk, t('2026-11-22T23:30:00'))).toBe(false);
  });

  it('next opening is the instant itself inside hours, else the next morning', () => {
    expect(nextOpening(desk, t('2026-11-24T11:11:00'))).toBe(t('2026-11-24T11:11:00'));
    expect(iso(nextOpening(desk, t('2026-11-20T20:00:00')))).toBe(iso(t('2026-11-23T08:00:00')));
    expect(iso(nextOpening(withMondayHoliday, t('2026-11-21T10:00:00')))).toBe(iso(t('2026-11-24T08:00:00')));
  });
});

describe('first-response deadlines as the spec reads them', () => {
  it('10 working minutes carry over the night and the weekend', () => {
    expect(iso(addWorkingTime(desk, t('2026-11-24T11:00:00'), 10 * MINUTE))).toBe(iso(t('2026-11-24T11:10:00')));
    expect(iso(addWorkingTime(desk, t('2026-11-20T19:55:00'), 10 * MINUTE))).toBe(iso(t('2026-11-23T08:05:00')));
    expect(iso(addWorkingTime(withMondayHoliday, t('2026-11-20T19:55:00'), 10 * MINUTE))).toBe(iso(t('2026-11-24T08:05:00')));
  });

  it('"before 10:00 of the next working day" means the first working day whose hours start after arrival', () => {
    expect(iso(nextWorkingDayAt(desk, t('2026-11-24T03:00:00'), '10:00'))).toBe(iso(t('2026-11-24T10:00:00')));
    expect(iso(nextWorkingDayAt(desk, t('2026-11-20T20:30:00'), '10:00'))).toBe(iso(t('2026-11-23T10:00:00')));
    expect(iso(nextWorkingDayAt(withMondayHoliday, t('2026-11-21T15:00:00'), '10:00'))).toBe(iso(t('2026-11-24T10:00:00')));
  });
});

describe('resolution targets counted in working time', () => {
  it('8 working hours from Monday 15:00 end Tuesday 11:00', () => {
    expect(iso(addWorkingHours(desk, t('2026-11-23T15:00:00'), 8))).toBe(iso(t('2026-11-24T11:00:00')));
  });

  it('24 working hours from Wednesday 14:00 end Friday 14:00; from a full Monday, at Tuesday closing', () => {
    expect(iso(addWorkingHours(desk, t('2026-11-25T14:00:00'), 24))).toBe(iso(t('2026-11-27T14:00:00')));
    expect(iso(addWorkingHours(desk, t('2026-11-23T08:00:00'), 24))).toBe(iso(t('2026-11-24T20:00:00')));
  });

  it('2 working days end at the same clock time, skipping the weekend and holidays', () => {
    expect(iso(addWorkingDays(desk, t('2026-11-26T15:30:00'), 2))).toBe(iso(t('2026-11-30T15:30:00')));
    const withFridayHoliday: BusinessCalendar = { ...desk, holidays: ['2026-11-27'] };
    expect(iso(addWorkingDays(withFridayHoliday, t('2026-11-26T15:30:00'), 2))).toBe(iso(t('2026-12-01T15:30:00')));
  });

  it('a start outside hours counts from the next opening', () => {
    expect(iso(addWorkingDays(desk, t('2026-11-21T10:00:00'), 2))).toBe(iso(t('2026-11-25T08:00:00')));
    expect(iso(addWorkingDays(desk, t('2026-11-24T21:00:00'), 1))).toBe(iso(t('2026-11-26T08:00:00')));
    expect(iso(addWorkingHours(desk, t('2026-11-22T10:00:00'), 8))).toBe(iso(t('2026-11-23T16:00:00')));
  });

  it('Baku office: a request submitted Friday 17:00 is overdue Monday 17:00', () => {
    const baku: BusinessCalendar = {
      timeZone: 'Asia/Baku',
      workingDays: [1, 2, 3, 4, 5],
      opensAt: '09:00',
      closesAt: '18:00',
      holidays: [],
    };
    const fridayFive = Date.parse('2026-11-20T17:00:00+04:00');
    expect(iso(addWorkingDays(baku, fridayFive, 1))).toBe(iso(Date.parse('2026-11-23T17:00:00+04:00')));
  });
});

describe('working time is consistent with itself', () => {
  const someInstant = fc.integer({ min: t('2026-01-01T00:00:00'), max: t('2027-12-31T00:00:00') });
  const someDuration = fc.integer({ min: 0, max: 200 * 3_600_000 });

  it('the working time between a start and start + d is d', () => {
    fc.assert(
      fc.property(someInstant, someDuration, (start, duration) => {
        const end = addWorkingTime(withMondayHoliday, start, duration);
        expect(workingTimeBetween(withMondayHoliday, start, end)).toBe(duration);
      }),
    );
  });

  it('a deadline never lands outside working hours, except exactly at closing', () => {
    fc.assert(
      fc.property(someInstant, fc.integer({ min: 1, max: 200 * 3_600_000 }), (start, duration) => {
        const end = addWorkingTime(desk, start, duration);
        expect(isWithinWorkingHours(desk, end) || isWithinWorkingHours(desk, end - 1)).toBe(true);
      }),
    );
  });
});

describe('bad calendars are reported, not looped on', () => {
  it('lists every problem', () => {
    const broken: BusinessCalendar = {
      timeZone: 'Mars/Olympus',
      workingDays: [],
      opensAt: '20:00',
      closesAt: '8:00',
      holidays: ['2026-13-01'],
    };
    expect(calendarProblems(broken)).toEqual([
      'unknown time zone "Mars/Olympus"',
      'closesAt "8:00" is not HH:mm',
      'the calendar has no working days',
      '"2026-13-01" is not a yyyy-MM-dd date',
    ]);
    expect(calendarProblems({ ...desk, opensAt: '20:00', closesAt: '08:00' })).toEqual(['closesAt must be later than opensAt']);
    expect(calendarProblems(desk)).toEqual([]);
  });

  it('throws instead of searching forever when no day is a working day', () => {
    expect(() => addWorkingDays({ ...desk, workingDays: [] }, t('2026-11-23T09:00:00'), 1)).toThrow(/no working day/);
  });

  it('refuses negative durations', () => {
    expect(() => addWorkingTime(desk, t('2026-11-23T09:00:00'), -1)).toThrow(RangeError);
    expect(() => addWorkingDays(desk, t('2026-11-23T09:00:00'), 1.5)).toThrow(RangeError);
  });
});
