import {
  addWorkingDays,
  addWorkingTime,
  isWithinWorkingHours,
  nextWorkingDayAt,
  workingTimeBetween,
  type BusinessCalendar,
} from './calendar.ts';

// Support-desk service levels (SUP-3, SUP-4, SUP-6) as pure functions of instants and a
// business calendar (SUP-2), so the ticket workflow can call them deterministically.

export const PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Which clock a target runs on: round the clock, or only during working hours. */
export type SlaClock = 'calendar' | 'working';

export type ResolutionTarget =
  { clock: 'calendar'; hours: number } | { clock: 'working'; hours: number } | { clock: 'working'; days: number };

/** SUP-4: resolution targets by priority, counted from registration. */
export const RESOLUTION_TARGETS: Record<Priority, ResolutionTarget> = {
  critical: { clock: 'calendar', hours: 4 },
  high: { clock: 'working', hours: 8 },
  medium: { clock: 'working', hours: 24 },
  low: { clock: 'working', days: 2 },
};

export interface SlaPolicy {
  /** SUP-3: working minutes allowed for a first response to a request that arrives in hours. */
  firstResponseWorkingMinutes: number;
  /** SUP-3: a request outside hours is answered before this time of the next working day. */
  outOfHoursFirstResponseBy: string;
  /** SUP-6: while the ticket waits for the customer the resolution clock stands still. */
  pauseResolutionWhileWaitingForCustomer: boolean;
  /** Share of a target's time after which the assignee is warned (0 < f < 1). */
  warningFraction: number;
}

export const DEFAULT_SLA_POLICY: SlaPolicy = {
  firstResponseWorkingMinutes: 10,
  outOfHoursFirstResponseBy: '10:00',
  pauseResolutionWhileWaitingForCustomer: true,
  warningFraction: 0.75,
};

/**
 * SUP-3: 10 working minutes from an arrival in hours (Friday 19:55 → Monday 08:05); for an
 * arrival outside hours, 10:00 of the first working day whose hours start after it.
 */
export function firstResponseDeadline(calendar: BusinessCalendar, registeredAt: number, policy: SlaPolicy = DEFAULT_SLA_POLICY): number {
  if (isWithinWorkingHours(calendar, registeredAt)) {
    return addWorkingTime(calendar, registeredAt, policy.firstResponseWorkingMinutes * MINUTE);
  }
  return nextWorkingDayAt(calendar, registeredAt, policy.outOfHoursFirstResponseBy);
}

/** A closed interval during which the ticket waited for the customer (SUP-6). */
export interface Pause {
  from: number;
  to: number;
}

/** SUP-4: the resolution target of a priority, before any pause. */
export function baseResolutionDeadline(calendar: BusinessCalendar, registeredAt: number, priority: Priority): number {
  const target = RESOLUTION_TARGETS[priority];
  if (target.clock === 'calendar') return registeredAt + target.hours * HOUR;
  if ('days' in target) return addWorkingDays(calendar, registeredAt, target.days);
  return addWorkingTime(calendar, registeredAt, target.hours * HOUR);
}

/**
 * SUP-4 + SUP-6: the resolution deadline pushed back by the time spent waiting for the
 * customer, measured on the target's own clock (a pause over a night adds no working time to
 * an 8-working-hour target, but does add to a critical ticket's 4 round-the-clock hours).
 */
export function resolutionDeadline(
  calendar: BusinessCalendar,
  registeredAt: number,
  priority: Priority,
  pauses: readonly Pause[] = [],
): number {
  const base = baseResolutionDeadline(calendar, registeredAt, priority);
  if (pauses.length === 0) return base;
  if (RESOLUTION_TARGETS[priority].clock === 'calendar') {
    return base + pauses.reduce((sum, p) => sum + Math.max(0, p.to - p.from), 0);
  }
  const paused = pauses.reduce((sum, p) => sum + (p.to > p.from ? workingTimeBetween(calendar, p.from, p.to) : 0), 0);
  return paused === 0 ? base : addWorkingTime(calendar, base, paused);
}

/** The clock a resolution target of this priority runs on. */
export const resolutionClock = (priority: Priority): SlaClock => RESOLUTION_TARGETS[priority].clock;

/**
 * When the assignee is warned: once `fraction` of the time between `start` and `deadline`
 * has passed on the target's clock (75 % of 8 working hours = 6 working hours).
 */
export function warningInstant(calendar: BusinessCalendar, clock: SlaClock, start: number, deadline: number, fraction: number): number {
  if (clock === 'calendar') return start + Math.round((deadline - start) * fraction);
  return addWorkingTime(calendar, start, Math.round(workingTimeBetween(calendar, start, deadline) * fraction));
}

/** SUP-5: the Uzbek taxpayer number (STIR/INN) is exactly 9 digits. */
export const STIR_PATTERN = /^\d{9}$/;

export function isValidStir(value: string): boolean {
  return STIR_PATTERN.test(value);
}
