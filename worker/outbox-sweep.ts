import type { Db } from '../infra/db.ts';
import { sweepOutbox, type TemporalTarget } from '../services/outbox.ts';

// Runs the outbox sweep beside the worker every `intervalMs` until stopped. A failed sweep
// (database or Temporal briefly away) is logged and tried again at the next tick.
export function startOutboxSweep(
  db: Db,
  temporal: TemporalTarget,
  options: { intervalMs: number; graceMs: number; log: (message: string) => void },
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepOutbox(db, temporal, { now: new Date(), graceMs: options.graceMs, limit: 100 })
      .then((count) => count > 0 && options.log(`outbox sweep re-dispatched ${count} e-mail(s)`))
      .catch((error: Error) => options.log(`outbox sweep failed: ${error.message}`))
      .finally(() => (running = false));
  }, options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
