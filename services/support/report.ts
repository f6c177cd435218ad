import { workingTimeBetween, type BusinessCalendar } from '../../domain/calendar.ts';
import { PRIORITIES, resolutionClock, type Priority, type SlaClock } from '../../domain/sla.ts';
import type { Db } from '../../infra/db.ts';
import { loadSupportCalendar } from '../platform/business-calendars.ts';

// The SLA report: per priority, over tickets registered in [from, to), how many met and how
// many breached each target (SUP-3, SUP-4), and the median time to meet it, measured on the
// target's own clock (working minutes, or wall-clock minutes for critical resolution) from
// registration — waiting for the customer included, as the customer experienced it.

export interface ReportedTicket {
  priority: Priority;
  registeredAt: Date;
  firstRespondedAt: Date | null;
  firstResponseBreachedAt: Date | null;
  resolvedAt: Date | null;
  resolutionBreachedAt: Date | null;
}

export interface ClockFigures {
  achieved: number;
  breached: number;
  open: number;
  medianMinutes: number | null;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function figures(
  tickets: ReportedTicket[],
  metAt: (t: ReportedTicket) => Date | null,
  breachedAt: (t: ReportedTicket) => Date | null,
  elapsed: (from: Date, to: Date) => number,
): ClockFigures {
  const achieved = tickets.filter((t) => metAt(t) !== null && breachedAt(t) === null).length;
  const breached = tickets.filter((t) => breachedAt(t) !== null).length;
  const times = tickets.flatMap((t) => {
    const met = metAt(t);
    return met ? [elapsed(t.registeredAt, met) / 60_000] : [];
  });
  const middle = median(times);
  return {
    achieved,
    breached,
    open: tickets.length - achieved - breached,
    medianMinutes: middle === null ? null : Math.round(middle * 10) / 10,
  };
}

/** Pure: the report's figures for the given tickets under `calendar`. */
export function summariseSla(tickets: ReportedTicket[], calendar: BusinessCalendar) {
  const on = (clock: SlaClock) => (from: Date, to: Date) =>
    clock === 'calendar' ? to.getTime() - from.getTime() : workingTimeBetween(calendar, from.getTime(), to.getTime());
  return PRIORITIES.map((priority) => {
    const mine = tickets.filter((t) => t.priority === priority);
    return {
      priority,
      tickets: mine.length,
      firstResponse: figures(
        mine,
        (t) => t.firstRespondedAt,
        (t) => t.firstResponseBreachedAt,
        on('working'),
      ),
      resolution: figures(
        mine,
        (t) => t.resolvedAt,
        (t) => t.resolutionBreachedAt,
        on(resolutionClock(priority)),
      ),
    };
  });
}

export async function slaReport(db: Db, from: Date, to: Date) {
  const tickets = await db.supportTicket.findMany({
    where: { registeredAt: { gte: from, lt: to } },
    select: {
      priority: true,
      registeredAt: true,
      firstRespondedAt: true,
      firstResponseBreachedAt: true,
      resolvedAt: true,
      resolutionBreachedAt: true,
    },
  });
  return summariseSla(tickets, await loadSupportCalendar(db));
}
