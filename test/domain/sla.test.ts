import { describe, expect, it } from 'vitest';
import { TASHKENT_SUPPORT_CALENDAR, type BusinessCalendar } from '../../domain/calendar.ts';
import { baseResolutionDeadline, firstResponseDeadline, isValidStir, resolutionDeadline, warningInstant } from '../../domain/sla.ts';

// Expected instants are written out by hand in Tashkent time (UTC+05:00, no DST).
// Weeks used: Mon 2026-08-31, Tue 09-01 (Independence Day, a public holiday), Wed 09-02;
// Thu 2026-11-19, Fri 11-20, Sat 11-21, Sun 11-22, Mon 11-23, Tue 11-24, Wed 11-25.
const t = (local: string): number => Date.parse(`${local}+05:00`);
const local = (instant: number): string => new Date(instant + 5 * 3_600_000).toISOString().slice(0, 19);
const HOUR = 3_600_000;

const desk: BusinessCalendar = { ...TASHKENT_SUPPORT_CALENDAR, holidays: ['2026-09-01'] };

describe('SUP-3 first-response deadline', () => {
  it.each([
    ['SUP-2/SUP-3: arrival Monday 11:00 in hours → 10 working minutes, 11:10', '2026-11-23T11:00:00', '2026-11-23T11:10:00'],
    ['SUP-2/SUP-3: arrival Friday 19:55 → 5 minutes Friday + 5 minutes Monday, Monday 08:05', '2026-11-20T19:55:00', '2026-11-23T08:05:00'],
    ['SUP-2/SUP-3: arrival Friday 20:00 exactly is outside hours → Monday 10:00', '2026-11-20T20:00:00', '2026-11-23T10:00:00'],
    ['SUP-2/SUP-3: arrival Saturday 12:00 → Monday 10:00', '2026-11-21T12:00:00', '2026-11-23T10:00:00'],
    ['SUP-2/SUP-3: arrival Tuesday 03:00 → the same Tuesday 10:00', '2026-11-24T03:00:00', '2026-11-24T10:00:00'],
    ['SUP-2/SUP-3: arrival 07:59:59 → 10:00 that day', '2026-11-24T07:59:59', '2026-11-24T10:00:00'],
    [
      'SUP-2/SUP-3: the day before a holiday, Monday 19:55 → skips Tuesday 1 September, Wednesday 08:05',
      '2026-08-31T19:55:00',
      '2026-09-02T08:05:00',
    ],
    ['SUP-2/SUP-3: the day before a holiday, Monday 21:00 → Wednesday 10:00', '2026-08-31T21:00:00', '2026-09-02T10:00:00'],
    ['SUP-2/SUP-3: on the holiday itself, Tuesday 12:00 → Wednesday 10:00', '2026-09-01T12:00:00', '2026-09-02T10:00:00'],
    ['SUP-2/SUP-3: the day after the holiday, Wednesday 07:00 → Wednesday 10:00', '2026-09-02T07:00:00', '2026-09-02T10:00:00'],
    ['SUP-2/SUP-3: the day after the holiday, Wednesday 09:00 → Wednesday 09:10', '2026-09-02T09:00:00', '2026-09-02T09:10:00'],
  ])('%s', (_title, arrival, due) => {
    expect(local(firstResponseDeadline(desk, t(arrival)))).toBe(due);
  });
});

describe('SUP-4 resolution deadline by priority', () => {
  it.each([
    ['SUP-4: critical at 02:00 Sunday → 4 round-the-clock hours, 06:00 Sunday', 'critical', '2026-11-22T02:00:00', '2026-11-22T06:00:00'],
    ['SUP-4: critical Friday 19:55 → Friday 23:55, working hours do not matter', 'critical', '2026-11-20T19:55:00', '2026-11-20T23:55:00'],
    ['SUP-2/SUP-4: high Friday 19:55 → 5 minutes Friday, 7 h 55 min Monday, 15:55', 'high', '2026-11-20T19:55:00', '2026-11-23T15:55:00'],
    ['SUP-2/SUP-4: high Friday 20:00 exactly → counts from Monday 08:00, 16:00', 'high', '2026-11-20T20:00:00', '2026-11-23T16:00:00'],
    ['SUP-2/SUP-4: high Saturday → Monday 16:00', 'high', '2026-11-21T10:00:00', '2026-11-23T16:00:00'],
    [
      'SUP-2/SUP-4: high the day before a holiday, Monday 15:00 → 5 h Monday, 3 h Wednesday, 11:00',
      'high',
      '2026-08-31T15:00:00',
      '2026-09-02T11:00:00',
    ],
    [
      'SUP-2/SUP-4: medium 24 working hours spanning a weekend, Thursday 14:00 → Monday 14:00',
      'medium',
      '2026-11-19T14:00:00',
      '2026-11-23T14:00:00',
    ],
    ['SUP-2/SUP-4: medium Friday 19:55 → Tuesday 19:55', 'medium', '2026-11-20T19:55:00', '2026-11-24T19:55:00'],
    ['SUP-2/SUP-4: low, 2 working days from Thursday evening 19:00 → Monday 19:00', 'low', '2026-11-19T19:00:00', '2026-11-23T19:00:00'],
    [
      'SUP-2/SUP-4: low, 2 working days from Thursday 21:00 (after hours) → counts from Friday 08:00, Tuesday 08:00',
      'low',
      '2026-11-19T21:00:00',
      '2026-11-24T08:00:00',
    ],
    [
      'SUP-2/SUP-4: low, 2 working days from Monday 10:00 before a holiday → Thursday 10:00',
      'low',
      '2026-08-31T10:00:00',
      '2026-09-03T10:00:00',
    ],
  ] as const)('%s', (_title, priority, registered, due) => {
    expect(local(resolutionDeadline(desk, t(registered), priority))).toBe(due);
  });
});

describe('SUP-6 waiting for the customer pauses the resolution clock', () => {
  it('SUP-4/SUP-6: a 2-hour wait inside working hours moves a high ticket from Tuesday 11:00 to 13:00', () => {
    const pauses = [{ from: t('2026-11-23T16:00:00'), to: t('2026-11-23T18:00:00') }];
    expect(local(baseResolutionDeadline(desk, t('2026-11-23T15:00:00'), 'high'))).toBe('2026-11-24T11:00:00');
    expect(local(resolutionDeadline(desk, t('2026-11-23T15:00:00'), 'high', pauses))).toBe('2026-11-24T13:00:00');
  });

  it('SUP-4/SUP-6: a wait over the night counts only its working part (19:00 → 09:00 next day = 2 h)', () => {
    const pauses = [{ from: t('2026-11-23T19:00:00'), to: t('2026-11-24T09:00:00') }];
    expect(local(resolutionDeadline(desk, t('2026-11-23T15:00:00'), 'high', pauses))).toBe('2026-11-24T13:00:00');
  });

  it('SUP-4/SUP-6: a critical ticket is pushed by the full wall-clock wait', () => {
    const pauses = [{ from: t('2026-11-22T03:00:00'), to: t('2026-11-22T04:30:00') }];
    expect(local(resolutionDeadline(desk, t('2026-11-22T02:00:00'), 'critical', pauses))).toBe('2026-11-22T07:30:00');
  });

  it('SUP-4/SUP-6: extra working time that runs past closing continues next working day', () => {
    // Medium from Monday 16:00 → 4 h Mon + 12 h Tue + 8 h Wed → Wednesday 16:00; a wait of 3 working hours Monday + 2 Tuesday
    // = 5 h → 4 h Wednesday to closing, 1 h Thursday → Thursday 09:00.
    const pauses = [{ from: t('2026-11-23T17:00:00'), to: t('2026-11-24T10:00:00') }];
    expect(local(resolutionDeadline(desk, t('2026-11-23T16:00:00'), 'medium', pauses))).toBe('2026-11-26T09:00:00');
  });
});

describe('warning threshold', () => {
  it('SUP-4: 75 % of 8 working hours from Monday 15:00 is 6 working hours → Tuesday 09:00', () => {
    const start = t('2026-11-23T15:00:00');
    expect(local(warningInstant(desk, 'working', start, t('2026-11-24T11:00:00'), 0.75))).toBe('2026-11-24T09:00:00');
  });

  it("SUP-4: 75 % of a critical ticket's 4 hours from Sunday 02:00 is 05:00", () => {
    expect(local(warningInstant(desk, 'calendar', t('2026-11-22T02:00:00'), t('2026-11-22T06:00:00'), 0.75))).toBe('2026-11-22T05:00:00');
  });

  it('SUP-3: 75 % of the out-of-hours first response (08:00–10:00 working) is 09:30', () => {
    expect(local(warningInstant(desk, 'working', t('2026-11-21T12:00:00'), t('2026-11-23T10:00:00'), 0.75))).toBe('2026-11-23T09:30:00');
  });
});

describe('time-zone data with daylight-saving changes', () => {
  // Uzbekistan keeps no DST today, but the rules read wall-clock hours through the zone data,
  // so a future change is followed. Berlin: +01:00 → +02:00 on Sun 2026-03-29, back on Sun 2026-10-25.
  const berlin: BusinessCalendar = { ...TASHKENT_SUPPORT_CALENDAR, timeZone: 'Europe/Berlin' };

  it('SUP-2/SUP-4: 8 working hours from Friday 19:00 (+01:00) across the spring-forward weekend end Monday 15:00 (+02:00)', () => {
    expect(new Date(resolutionDeadline(berlin, Date.parse('2026-03-27T19:00:00+01:00'), 'high')).toISOString()).toBe(
      '2026-03-30T13:00:00.000Z',
    ); // 1 h Friday + 7 h Monday from 08:00 CEST (06:00Z) → 15:00 CEST
    expect(new Date(firstResponseDeadline(berlin, Date.parse('2026-03-28T12:00:00+01:00'))).toISOString()).toBe('2026-03-30T08:00:00.000Z');
  });

  it('SUP-2/SUP-3: 10 working minutes from Friday 19:55 (+02:00) across the fall-back weekend end Monday 08:05 (+01:00)', () => {
    expect(new Date(firstResponseDeadline(berlin, Date.parse('2026-10-23T19:55:00+02:00'))).toISOString()).toBe('2026-10-26T07:05:00.000Z');
  });
});

describe('SUP-5 STIR format', () => {
  it.each([
    ['123456789', true],
    ['12345678', false],
    ['1234567890', false],
    ['12345678a', false],
    [' 123456789', false],
  ])('SUP-5: "%s" is a valid STIR: %s', (value, expected) => {
    expect(isValidStir(value)).toBe(expected);
  });
});

// Guard against silent constant drift in the table the workflow relies on.
it('SUP-4: a high ticket in hours is due exactly 8 hours later when no night intervenes', () => {
  expect(resolutionDeadline(desk, t('2026-11-24T09:00:00'), 'high') - t('2026-11-24T09:00:00')).toBe(8 * HOUR);
});
