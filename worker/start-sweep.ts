import type { Db } from '../infra/db.ts';
import { startPendingVerifications } from '../services/accounts/verification.ts';
import { startPendingConsultations } from '../services/consultations/opening.ts';
import { startPendingOrders } from '../services/orders/placement.ts';
import { startPendingQuestions } from '../services/questions/asking.ts';
import { START_GRACE_MS } from '../services/platform/temporal/durable-start.ts';
import type { TemporalTarget } from '../services/platform/temporal/gateway.ts';
import { startPendingCards } from '../services/support/card-moderation.ts';

// The start sweep behind durable starts (services/platform/temporal/durable-start.ts): every
// process the API starts from a row — orders, catalogue cards, verification requests, consultations, questions — has
// the workflow of any row left start-pending by a crashed request started from the row. Rows
// younger than the grace period are left to their own request. Tickets keep their own intake
// sweep (services/support/ticket-workflows.ts), which also redelivers customers' replies.
export async function sweepPendingStarts(
  deps: { db: Db; temporal: TemporalTarget },
  { now = new Date(), graceMs = START_GRACE_MS, limit = 100 }: { now?: Date; graceMs?: number; limit?: number } = {},
): Promise<number> {
  const options = { now, graceMs, limit };
  let started = 0;
  const failures: unknown[] = [];
  // One kind failing (a row Temporal refuses, say) must not keep the others from starting.
  for (const sweep of [
    startPendingOrders,
    startPendingCards,
    startPendingVerifications,
    startPendingConsultations,
    startPendingQuestions,
  ]) {
    started += await sweep(deps, options).catch((error: unknown) => (failures.push(error), 0));
  }
  if (failures.length > 0) throw new AggregateError(failures, `start sweep: ${failures.length} kind(s) failed, ${started} started`);
  return started;
}
