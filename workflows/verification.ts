import {
  condition,
  defineQuery,
  defineSignal,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import { addWorkingDays, type BusinessCalendar } from '../domain/calendar.ts';
import { VerificationStatusAttribute } from '../infra/search-attributes.ts';

// ACC-4: a 16–17-year-old's court act of full capacity, or a legal representative's proof of
// authority, waits here for an admin's decision. The account cannot order until approved.
// The admins are reminded after 1 working day without a decision; after 30 days the request
// expires and the user must submit again.

export const VERIFICATION_EXPIRES_AFTER_MS = 30 * 24 * 60 * 60 * 1000;
export const REMINDER_AFTER_WORKING_DAYS = 1;

export type VerificationState = 'pending' | 'approved' | 'rejected' | 'expired';

export interface VerificationInput {
  requestId: string;
  userId: string;
  calendar: BusinessCalendar;
}

export interface VerificationDecision {
  decision: 'approve' | 'reject';
  adminId: string;
  reason?: string;
}

export interface VerificationSnapshot {
  requestId: string;
  status: VerificationState;
  submittedAt: number;
  reminderDueAt: number;
  expiresAt: number;
  remindedAt: number | null;
  decidedAt: number | null;
  decidedBy: string | null;
  reason: string | null;
}

export const decideVerification = defineSignal<[VerificationDecision]>('decide');
export const verificationStatus = defineQuery<VerificationSnapshot>('status');

export const verificationWorkflowId = (requestId: string): string => `verification-${requestId}`;

const { recordVerificationOutcome, remindAdminsOfVerification, notifyUserOfVerification } = proxyActivities<
  ReturnType<typeof createActivities>
>({ startToCloseTimeout: '1 minute', retry: { maximumInterval: '5 minutes' } });

export async function verificationWorkflow(input: VerificationInput): Promise<VerificationSnapshot> {
  const submittedAt = workflowInfo().startTime.getTime();
  const state: VerificationSnapshot = {
    requestId: input.requestId,
    status: 'pending',
    submittedAt,
    reminderDueAt: addWorkingDays(input.calendar, submittedAt, REMINDER_AFTER_WORKING_DAYS),
    expiresAt: submittedAt + VERIFICATION_EXPIRES_AFTER_MS,
    remindedAt: null,
    decidedAt: null,
    decidedBy: null,
    reason: null,
  };
  let decision: VerificationDecision | undefined;
  // The first decision wins; the API refuses a second one, and a late duplicate signal is ignored.
  setHandler(decideVerification, (d) => void (decision ??= d));
  setHandler(verificationStatus, () => state);

  const decidedBeforeReminder = await condition(() => decision !== undefined, state.reminderDueAt - Date.now());
  if (!decidedBeforeReminder) {
    state.remindedAt = Date.now();
    await remindAdminsOfVerification({ requestId: input.requestId, remindedAt: state.remindedAt });
  }
  const decided = decidedBeforeReminder || (await condition(() => decision !== undefined, state.expiresAt - Date.now()));

  if (decided && decision) {
    state.status = decision.decision === 'approve' ? 'approved' : 'rejected';
    state.decidedBy = decision.adminId;
    state.reason = decision.reason ?? null;
    state.decidedAt = Date.now();
  } else {
    // The request expired at its deadline, whenever the worker got round to noticing.
    state.status = 'expired';
    state.decidedAt = state.expiresAt;
  }
  upsertSearchAttributes([{ key: VerificationStatusAttribute, value: state.status }]);
  await recordVerificationOutcome({
    requestId: input.requestId,
    status: state.status,
    decidedAt: state.decidedAt,
    decidedById: state.decidedBy,
    reason: state.reason,
  });
  await notifyUserOfVerification({ requestId: input.requestId, status: state.status });
  return state;
}
