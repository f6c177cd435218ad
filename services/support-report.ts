import { PRIORITIES, type Priority } from '../domain/sla.ts';
import type { Db } from '../infra/db.ts';

// The SLA report: per priority, over tickets registered in [from, to), how many met and how
// many breached each target (SUP-3, SUP-4), and the median wall-clock time to meet it.

interface Row {
  priority: Priority;
  tickets: number;
  fr_achieved: number;
  fr_breached: number;
  fr_median_s: number | null;
  res_achieved: number;
  res_breached: number;
  res_median_s: number | null;
}

const minutes = (seconds: number | null): number | null => (seconds === null ? null : Math.round((Number(seconds) / 60) * 10) / 10);

export async function slaReport(db: Db, from: Date, to: Date) {
  const rows = await db.$queryRaw<Row[]>`
    SELECT priority::text AS priority,
           count(*)::int AS tickets,
           count(*) FILTER (WHERE first_responded_at IS NOT NULL AND first_response_breached_at IS NULL)::int AS fr_achieved,
           count(*) FILTER (WHERE first_response_breached_at IS NOT NULL)::int AS fr_breached,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_responded_at - registered_at))
             FILTER (WHERE first_responded_at IS NOT NULL) AS fr_median_s,
           count(*) FILTER (WHERE resolved_at IS NOT NULL AND resolution_breached_at IS NULL)::int AS res_achieved,
           count(*) FILTER (WHERE resolution_breached_at IS NOT NULL)::int AS res_breached,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - registered_at))
             FILTER (WHERE resolved_at IS NOT NULL) AS res_median_s
      FROM support_tickets
     WHERE registered_at >= ${from} AND registered_at < ${to}
     GROUP BY priority`;
  const byPriority = new Map(rows.map((row) => [row.priority, row]));
  return PRIORITIES.map((priority) => {
    const row = byPriority.get(priority);
    const tickets = row?.tickets ?? 0;
    const frAchieved = row?.fr_achieved ?? 0;
    const frBreached = row?.fr_breached ?? 0;
    const resAchieved = row?.res_achieved ?? 0;
    const resBreached = row?.res_breached ?? 0;
    return {
      priority,
      tickets,
      firstResponse: { achieved: frAchieved, breached: frBreached, open: tickets - frAchieved - frBreached, medianMinutes: minutes(row?.fr_median_s ?? null) },
      resolution: { achieved: resAchieved, breached: resBreached, open: tickets - resAchieved - resBreached, medianMinutes: minutes(row?.res_median_s ?? null) },
    };
  });
}
