import { describe, expect, it } from 'vitest';
import {
  calendarDaysBetween,
  documentWorkDue,
  oralRescheduleProblem,
  oralSlotProblem,
  parseOrderDateTime,
  subscriptionPeriodDue,
  writtenAdviceDue,
} from '../../../domain/orders/deadlines.ts';

// Instants written by hand in Baku time (UTC+04:00, no DST).
const baku = (local: string): number => Date.parse(`${local}+04:00`);

describe('EL-ORAL-1: the slot is at least 48 hours after the order', () => {
  const orderedAt = baku('2026-11-24T10:00:00');

  it('EL-ORAL-1: 47 h 59 min after ordering is refused, 48 h is accepted', () => {
    expect(oralSlotProblem(orderedAt, baku('2026-11-26T09:59:00'))).toContain('2026-11-26 10:00 Baku time');
    expect(oralSlotProblem(orderedAt, baku('2026-11-26T10:00:00'))).toBeNull();
  });

  it('EL-ORAL-1: a slot typed without an offset is Baku wall-clock time; with one it is that instant', () => {
    expect(parseOrderDateTime('2026-11-26T10:00')).toBe(Date.parse('2026-11-26T06:00:00Z'));
    // 09:00 in Tashkent (+05:00) is 08:00 in Baku: 46 h after the order, refused.
    const tashkentNine = parseOrderDateTime('2026-11-26T09:00+05:00')!;
    expect(tashkentNine).toBe(Date.parse('2026-11-26T04:00:00Z'));
    expect(oralSlotProblem(orderedAt, tashkentNine)).not.toBeNull();
    expect(parseOrderDateTime('next tuesday')).toBeNull();
  });
});

describe('EL-ORAL-2: a move by at most 3 calendar days', () => {
  const booked = baku('2026-11-27T10:00:00');
  const now = baku('2026-11-25T12:00:00');

  it('EL-ORAL-2: up to the third calendar day (any hour) is allowed, the fourth is not', () => {
    expect(oralRescheduleProblem(booked, baku('2026-11-30T18:00:00'), now)).toBeNull();
    expect(oralRescheduleProblem(booked, baku('2026-12-01T09:00:00'), now)).toContain('3 calendar days');
  });

  it('EL-ORAL-2: moving earlier or into the past is refused', () => {
    expect(oralRescheduleProblem(booked, baku('2026-11-27T09:00:00'), now)).toContain('later');
    expect(oralRescheduleProblem(booked, baku('2026-11-25T11:00:00'), now)).toContain('future');
  });

  it('counts calendar days on the Baku date, not 24-hour blocks', () => {
    expect(calendarDaysBetween(baku('2026-11-27T23:30:00'), baku('2026-11-28T00:30:00'))).toBe(1);
    expect(calendarDaysBetween(baku('2026-11-27T00:30:00'), baku('2026-11-27T23:30:00'))).toBe(0);
  });
});

describe('EL-WR-1 / EL-WR-2: written advice deadlines', () => {
  it('EL-WR-1: due 72 hours after registration', () => {
    expect(writtenAdviceDue(baku('2026-11-24T10:15:00'), false)).toBe(baku('2026-11-27T10:15:00'));
  });
  it('EL-WR-2: the extension adds 4 calendar days', () => {
    expect(writtenAdviceDue(baku('2026-11-24T10:15:00'), true)).toBe(baku('2026-12-01T10:15:00'));
  });
});

describe('EL-DOC-1: document work takes the service’s 2–7 calendar days plus agreed days', () => {
  it('EL-DOC-1: 5 days from Monday 16:00 is Saturday 16:00; 2 agreed extra days make it Monday', () => {
    expect(documentWorkDue(baku('2026-11-23T16:00:00'), 5, 0)).toBe(baku('2026-11-28T16:00:00'));
    expect(documentWorkDue(baku('2026-11-23T16:00:00'), 5, 2)).toBe(baku('2026-11-30T16:00:00'));
  });
});

describe('EL-SUB-1: the regular deliverable is due on the last day of each period', () => {
  const start = baku('2026-11-24T15:00:00'); // a Tuesday

  it('EL-SUB-1: weekly — by the end of Monday 30 Nov, then of Monday 7 Dec', () => {
    expect(subscriptionPeriodDue(start, 'week', 0)).toBe(baku('2026-12-01T00:00:00'));
    expect(subscriptionPeriodDue(start, 'week', 1)).toBe(baku('2026-12-08T00:00:00'));
  });
  it('EL-SUB-1: monthly and quarterly periods end the day before the same date', () => {
    expect(subscriptionPeriodDue(start, 'month', 0)).toBe(baku('2026-12-24T00:00:00'));
    expect(subscriptionPeriodDue(start, 'month', 2)).toBe(baku('2027-02-24T00:00:00'));
    expect(subscriptionPeriodDue(start, 'quarter', 0)).toBe(baku('2027-02-24T00:00:00'));
  });
});
