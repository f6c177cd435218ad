import { condition, proxyActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { addWorkingDays } from '../domain/calendar.ts';
import {
  decideVerification,
  REMINDER_AFTER_WORKING_DAYS,
  VERIFICATION_EXPIRES_AFTER_MS,
  verificationStatus,
  VerificationStatusAttribute,
  type VerificationActivities,
  type VerificationDecision,
  type VerificationInput,
  type VerificationSnapshot,
} from '../domain/verification/contract.ts';
import { BOOKKEEPING_ACTIVITY } from './activity-options.ts';

// ACC-4: a 16–17-year-old's court act of full capacity, or a legal representative's proof of
// authority, waits here for an admin's decision. The account cannot order until approved.
// The admins are reminded after 1 working day without a decision; after 30 days the request
// expires and the user must submit again.

const { recordVerificationOutcome, remindAdminsOfVerification, notifyUserOfVerification } =
  proxyActivities<VerificationActivities>(BOOKKEEPING_ACTIVITY);

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
