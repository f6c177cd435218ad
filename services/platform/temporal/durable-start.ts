import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { DomainError } from '../../../domain/errors.ts';
import { unavailable } from './failures.ts';

// The one way a process starts from a request, durable against a crash at any point:
//   1. the row is written with `workflowStartPendingSince` set (in the same statement);
//   2. the workflow is started — idempotently: its id derives from the row, the conflict policy
//      is USE_EXISTING and the reuse policy REJECT_DUPLICATE, so a repeat finds the same run;
//   3. the mark is cleared.
// A request that dies between 1 and 3 leaves the mark; the start sweep (worker/start-sweep.ts,
// run by the worker every START_SWEEP_INTERVAL_MS) starts every row pending longer than
// START_GRACE_MS from the row alone. A client's retry with the same Idempotency-Key meets the
// same row (its id derives from the key) and runs steps 2 and 3 itself.

/** How long a row may stay start-pending before the sweep takes it over from its request. */
export const START_GRACE_MS = 60_000;
export const START_SWEEP_INTERVAL_MS = 30_000;

/** Test-only: lets a test make the request die between writing the row and starting its workflow. */
export interface StartFaults {
  afterRowWritten?(): Promise<void>;
}

/**
 * Steps 2 and 3 for a row written start-pending: starts its workflow, then clears the mark.
 * A failure to start leaves the mark for the sweep and answers 503 (retry with the same key).
 */
export async function startPending<T>(step: {
  start(): Promise<T>;
  clear(): Promise<unknown>;
  faults?: StartFaults | undefined;
}): Promise<T> {
  await step.faults?.afterRowWritten?.();
  let started: T;
  try {
    started = await step.start();
  } catch (error) {
    throw error instanceof DomainError ? error : unavailable(error);
  }
  await step.clear();
  return started;
}

/** For a start with REJECT_DUPLICATE: a run that already exists (even closed) is a start done. */
export async function startedOnce(start: () => Promise<void>): Promise<void> {
  try {
    await start();
  } catch (error) {
    const cause = error instanceof DomainError ? error.cause : error;
    if (!(cause instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

/** The rows a sweep should start now: pending since before `now - graceMs`. */
export function pendingBefore(options: { now: Date; graceMs: number }) {
  return { workflowStartPendingSince: { lt: new Date(options.now.getTime() - options.graceMs) } };
}
