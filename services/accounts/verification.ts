import { WorkflowNotFoundError } from '@temporalio/client';
import { BAKU_OFFICE_CALENDAR } from '../../domain/calendar.ts';
import { ageOn, verificationNeededFor, type VerificationKindName } from '../../domain/eligibility.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Db } from '../../infra/db.ts';
import { UserIdAttribute, VerificationStatusAttribute, VERIFICATION_WORKFLOW_TYPE, type VerificationWorkflow } from '../../domain/verification/contract.ts';
import { decideVerification, verificationWorkflowId, type VerificationDecision } from '../../domain/verification/contract.ts';
import type { TemporalTarget } from '../platform/outbox.ts';
import { serviceToday } from './eligibility.ts';

// ACC-4: a user submits a document; one durable workflow per request waits for an admin.

export async function submitVerification(
  db: Db,
  temporal: TemporalTarget,
  userId: string,
  input: { kind: VerificationKindName; documentFileId: string; note?: string | undefined },
) {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  if (!user.birthDate) {
    throw new DomainError('VALIDATION_FAILED', 'Enter your birth date before submitting a document.', [
      { path: 'birthDate', message: 'required on the profile' },
    ]);
  }
  const needed = verificationNeededFor(ageOn(user.birthDate.toISOString().slice(0, 10), serviceToday()));
  if (!needed?.includes(input.kind)) {
    throw new DomainError('VERIFICATION_NOT_NEEDED', needed
      ? `For this account's age the document must be one of: ${needed.join(', ')}.`
      : 'Adults need no verification to order (ACC-4).');
  }
  const file = await db.storedFile.findUnique({ where: { id: input.documentFileId } });
  if (!file || file.ownerId !== userId) {
    throw new DomainError('VALIDATION_FAILED', 'Upload the document first, then refer to it.', [
      { path: 'documentFileId', message: 'no such file of yours' },
    ]);
  }
  if (await db.verificationRequest.findFirst({ where: { userId, status: 'pending' } })) {
    throw new DomainError('VERIFICATION_ALREADY_PENDING', 'A verification request of yours is already waiting for an admin.');
  }
  const request = await db.verificationRequest.create({
    data: { userId, kind: input.kind, documentFileId: file.id, note: input.note ?? null },
  });
  try {
    await temporal.client.workflow.start<VerificationWorkflow>(VERIFICATION_WORKFLOW_TYPE, {
      workflowId: verificationWorkflowId(request.id),
      taskQueue: temporal.taskQueue,
      args: [{ requestId: request.id, userId, calendar: BAKU_OFFICE_CALENDAR }],
      typedSearchAttributes: [
        { key: UserIdAttribute, value: userId },
        { key: VerificationStatusAttribute, value: 'pending' },
      ],
    });
  } catch (error) {
    // Without its workflow the request would wait forever: undo it so the user can retry.
    await db.verificationRequest.delete({ where: { id: request.id } });
    throw new DomainError('DEPENDENCY_UNAVAILABLE', 'The workflow service is unavailable; try again shortly.', undefined, error);
  }
  return request;
}

export async function decide(db: Db, temporal: TemporalTarget, requestId: string, decision: VerificationDecision) {
  const request = await db.verificationRequest.findUnique({ where: { id: requestId } });
  if (!request) throw new DomainError('NOT_FOUND', 'No such verification request.');
  if (request.status !== 'pending') {
    throw new DomainError('VERIFICATION_NOT_PENDING', `The request is already ${request.status}.`);
  }
  try {
    await temporal.client.workflow.getHandle(verificationWorkflowId(requestId)).signal(decideVerification, decision);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) {
      throw new DomainError('VERIFICATION_NOT_PENDING', 'The request is no longer waiting for a decision.');
    }
    throw error;
  }
  return request;
}
