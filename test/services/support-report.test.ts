import { describe, expect, it } from 'vitest';
import { TASHKENT_SUPPORT_CALENDAR } from '../../domain/calendar.ts';
import { summariseSla, type ReportedTicket } from '../../services/support/report.ts';

// Figures written out by hand. Tashkent wall-clock (UTC+05:00); Fri 2026-11-20, Mon 2026-11-23.
const t = (local: string): Date => new Date(`${local}+05:00`);

const ticket = (overrides: Partial<ReportedTicket>): ReportedTicket => ({
  priority: 'high',
  registeredAt: t('2026-11-23T09:00:00'),
  firstRespondedAt: null,
  firstResponseBreachedAt: null,
  resolvedAt: null,
  resolutionBreachedAt: null,
  ...overrides,
});

describe('SLA report', () => {
  it("SUP-3/SUP-4: counts achieved, breached and open per priority; medians on each target's clock", () => {
    const report = summariseSla(
      [
        // Friday 19:55, answered Monday 08:05: 10 working minutes, though 60 h 10 min passed.
        ticket({
          registeredAt: t('2026-11-20T19:55:00'),
          firstRespondedAt: t('2026-11-23T08:05:00'),
          resolvedAt: t('2026-11-23T12:00:00'),
        }),
        ticket({
          firstRespondedAt: t('2026-11-23T09:30:00'),
          firstResponseBreachedAt: t('2026-11-23T09:10:00'),
          resolvedAt: t('2026-11-23T11:00:00'),
        }),
        ticket({ firstRespondedAt: t('2026-11-23T09:04:00') }),
        // Critical resolution runs round the clock: Friday 22:00 → Saturday 01:00 = 180 minutes.
        ticket({
          priority: 'critical',
          registeredAt: t('2026-11-20T22:00:00'),
          resolvedAt: t('2026-11-21T01:00:00'),
          resolutionBreachedAt: null,
        }),
      ],
      TASHKENT_SUPPORT_CALENDAR,
    );
    const high = report.find((r) => r.priority === 'high')!;
    expect(high).toEqual({
      priority: 'high',
      tickets: 3,
      firstResponse: { achieved: 2, breached: 1, open: 0, medianMinutes: 10 },
      // 5 min Friday + 4 h Monday = 245; Monday 09:00 → 11:00 = 120: median of two = 182.5.
      resolution: { achieved: 2, breached: 0, open: 1, medianMinutes: 182.5 },
    });
    expect(report.find((r) => r.priority === 'critical')!.resolution).toEqual({ achieved: 1, breached: 0, open: 0, medianMinutes: 180 });
    expect(report.find((r) => r.priority === 'low')).toEqual({
      priority: 'low',
      tickets: 0,
      firstResponse: { achieved: 0, breached: 0, open: 0, medianMinutes: null },
      resolution: { achieved: 0, breached: 0, open: 0, medianMinutes: null },
    });
  });
});
