import { BAKU_OFFICE_CALENDAR } from '../../domain/calendar.ts';
import { ageOn, verificationNeededFor, type VerificationKindName } from '../../domain/eligibility.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Db } from '../../infra/db.ts';
import {
  isSpecialistCredential,
  UserIdAttribute,
  VerificationStatusAttribute,
  VERIFICATION_WORKFLOW_TYPE,
  type VerificationWorkflow,
} from '../../domain/verification/contract.ts';
import { decideVerification, verificationWorkflowId, type VerificationDecision } from '../../domain/verification/contract.ts';
import { createOnce, nameBasedUuid } from '../platform/ids.ts';
import { pendingBefore, startedOnce, startPending, type StartFaults } from '../platform/temporal/durable-start.ts';
import { signalProcess, startProcess, type TemporalTarget } from '../platform/temporal/gateway.ts';
import { serviceToday } from './eligibility.ts';

// ACC-4: a user submits a document; one durable workflow per request waits for an admin. The
// request is started the durable way (platform/temporal/durable-start.ts). A specialist's
// credentials (CHAT-1 vetting) go the same way.

export interface VerificationDeps {
  db: Db;
  temporal: TemporalTarget;
  faults?: StartFaults | undefined;
}

export async function submitVerification(
  deps: VerificationDeps,
  userId: string,
  input: { kind: VerificationKindName; documentFileId: string; note?: string | undefined },
  idempotencyKey?: string,
) {
  const { db } = deps;
  // A retry of a request whose row was saved (the first attempt died or Temporal was away)
  // finds that row and finishes its start instead of being refused as already pending.
  const id = idempotencyKey === undefined ? undefined : nameBasedUuid(`verification/${userId}/${idempotencyKey}`);
  const saved = id && (await db.verificationRequest.findUnique({ where: { id } }));
  if (saved && saved.userId === userId) return finishStart(deps, saved);
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  requireNeeded(user, input.kind);
  const file = await db.storedFile.findUnique({ where: { id: input.documentFileId } });
  if (!file || file.ownerId !== userId) {
    throw new DomainError('VALIDATION_FAILED', 'Upload the document first, then refer to it.', [
      { path: 'documentFileId', message: 'no such file of yours' },
    ]);
  }
  if (await db.verificationRequest.findFirst({ where: { userId, status: 'pending' } })) {
    throw new DomainError('VERIFICATION_ALREADY_PENDING', 'A verification request of yours is already waiting for an admin.');
  }
  const request = await createOnce(
    () =>
      db.verificationRequest.create({
        data: {
          ...(id && { id }),
          userId,
          kind: input.kind,
          documentFileId: file.id,
          note: input.note ?? null,
          workflowStartPendingSince: new Date(),
        },
      }),
    () => (id ? db.verificationRequest.findUnique({ where: { id } }) : Promise.resolve(null)),
  );
  return finishStart(deps, request);
}

// ACC-4 documents by age; CHAT-1 credentials from specialists only (services/specialists/vetting.ts).
function requireNeeded(user: { role: string; birthDate: Date | null }, kind: VerificationKindName): void {
  if (isSpecialistCredential(kind)) {
    if (user.role !== 'specialist') {
      throw new DomainError('VERIFICATION_NOT_NEEDED', "Only specialists submit a diploma, licence or advocate's certificate (CHAT-1).");
    }
    return;
  }
  if (!user.birthDate) {
    throw new DomainError('VALIDATION_FAILED', 'Enter your birth date before submitting a document.', [
      { path: 'birthDate', message: 'required on the profile' },
    ]);
  }
  const needed = verificationNeededFor(ageOn(user.birthDate.toISOString().slice(0, 10), serviceToday()));
  if (!needed?.includes(kind)) {
    throw new DomainError(
      'VERIFICATION_NOT_NEEDED',
      needed
        ? `For this account's age the document must be one of: ${needed.join(', ')}.`
        : 'Adults need no verification to order (ACC-4).',
    );
  }
}

type RequestRow = Awaited<ReturnType<Db['verificationRequest']['findUniqueOrThrow']>>;

async function finishStart(deps: VerificationDeps, request: RequestRow): Promise<RequestRow> {
  if (request.workflowStartPendingSince === null) return request;
  await startPending({
    faults: deps.faults,
    start: () => startVerificationWorkflow(deps.temporal, request),
    clear: () => deps.db.verificationRequest.update({ where: { id: request.id }, data: { workflowStartPendingSince: null } }),
  });
  return { ...request, workflowStartPendingSince: null };
}

function startVerificationWorkflow(temporal: TemporalTarget, request: RequestRow): Promise<void> {
  return startedOnce(() =>
    startProcess<VerificationWorkflow>(temporal, VERIFICATION_WORKFLOW_TYPE, {
      workflowId: verificationWorkflowId(request.id),
      args: [{ requestId: request.id, userId: request.userId, calendar: BAKU_OFFICE_CALENDAR }],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [
        { key: UserIdAttribute, value: request.userId },
        { key: VerificationStatusAttribute, value: 'pending' },
      ],
    }),
  );
}

/** The start sweep's part for verifications: starts the workflows of rows a crash left pending. */
export async function startPendingVerifications(
  deps: VerificationDeps,
  options: { now: Date; graceMs: number; limit: number },
): Promise<number> {
  const rows = await deps.db.verificationRequest.findMany({
    where: pendingBefore(options),
    orderBy: { workflowStartPendingSince: 'asc' },
    take: options.limit,
  });
  for (const row of rows) await finishStart({ db: deps.db, temporal: deps.temporal }, row);
  return rows.length;
}

export async function decide(db: Db, temporal: TemporalTarget, requestId: string, decision: VerificationDecision) {
  const request = await db.verificationRequest.findUnique({ where: { id: requestId } });
  if (!request) throw new DomainError('NOT_FOUND', 'No such verification request.');
  if (request.status !== 'pending') {
    throw new DomainError('VERIFICATION_NOT_PENDING', `The request is already ${request.status}.`);
  }
  await signalProcess(temporal, verificationWorkflowId(requestId), decideVerification, [decision], {
    notFound: { code: 'VERIFICATION_NOT_PENDING', message: 'The request is no longer waiting for a decision.' },
  });
  return request;
}
