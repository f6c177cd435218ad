import { WorkflowNotFoundError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import {
  consultationState,
  consultationWorkflowId,
  FINAL_CONSULTATION_STATUSES,
  type Actor,
  type ConsultationState,
  type ConsultationStatus,
} from '../../domain/consultations/contract.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Db } from '../../infra/db.ts';
import type { FailureCodes } from '../platform/temporal/failures.ts';
import { queryProcess, updateProcess, type TemporalTarget } from '../platform/temporal/gateway.ts';

// Commands from the API to a consultation's workflow (offers, end, complaint, decision). The
// workflow's update validators decide with the pure core's refusals (stable codes); who may
// see a consultation is decided on its state: the two participants and admins, 404 for anyone
// else (never "not yours").

export const CONSULTATION_FAILURES: FailureCodes = {
  notFound: { code: 'CONSULTATION_CLOSED', message: 'The consultation is closed.' },
  unknownRefusal: 'CONSULTATION_STATE_CONFLICT',
};

type ConsultationRow = NonNullable<Awaited<ReturnType<Db['consultation']['findUnique']>>>;

export interface ConsultationReading {
  row: ConsultationRow;
  /** The workflow's state; null only if it never answered and never wrote its mirror. */
  state: ConsultationState | null;
  /** `workflow`: live; `mirror`: the database copy, because the workflow did not answer in time. */
  source: 'workflow' | 'mirror';
}

const noSuchConsultation = () => new DomainError('NOT_FOUND', 'No such consultation.');

export const canSeeConsultation = (row: { clientId: string; specialistId: string }, by: Actor): boolean =>
  by.role === 'admin' || by.userId === row.clientId || by.userId === row.specialistId;

const isFinal = (status: string) => FINAL_CONSULTATION_STATUSES.includes(status as ConsultationStatus);

/** The consultation for `reader`, live from its workflow or else from the mirror; 404 unless they may see it. */
export async function readConsultationFor(
  db: Db,
  temporal: TemporalTarget,
  consultationId: string,
  reader: Actor,
  queryTimeoutMs: number,
): Promise<ConsultationReading> {
  const row = await db.consultation.findUnique({ where: { id: consultationId } });
  if (!row || !canSeeConsultation(row, reader)) throw noSuchConsultation();
  const mirrored = row.state as unknown as ConsultationState | null;
  if (isFinal(row.status)) return { row, state: mirrored, source: 'mirror' };
  return queryProcess(temporal, consultationWorkflowId(consultationId), consultationState, [], {
    codes: CONSULTATION_FAILURES,
    waitMs: queryTimeoutMs,
  }).then(
    (state) => ({ row, state, source: 'workflow' as const }),
    () => ({ row, state: mirrored, source: 'mirror' as const }),
  );
}

/** A finished consultation's refusal; its mirror is final (the workflow writes it before it ends). */
function closed(row: ConsultationRow, by: Actor): DomainError {
  if (!canSeeConsultation(row, by)) return noSuchConsultation();
  return new DomainError('CONSULTATION_CLOSED', `The consultation is already ${row.status.replace(/_/g, ' ')}.`);
}

function startNotFinished(row: ConsultationRow, by: Actor): DomainError {
  if (!canSeeConsultation(row, by)) return noSuchConsultation();
  const error = new DomainError('DEPENDENCY_UNAVAILABLE', 'The consultation is still being opened; try again in a minute.');
  error.retryAfterSeconds = 30;
  return error;
}

/**
 * Sends one command (an update) to the consultation's workflow and returns its answer: the state
 * after the command. Whether the sender may act is the validators' call (404 for strangers).
 */
export async function sendConsultationCommand<Arg extends { by: Actor }>(
  db: Db,
  temporal: TemporalTarget,
  consultationId: string,
  update: UpdateDefinition<ConsultationState, [Arg]>,
  arg: Arg,
): Promise<ConsultationState> {
  const row = await db.consultation.findUnique({ where: { id: consultationId } });
  if (!row || !canSeeConsultation(row, arg.by)) throw noSuchConsultation();
  if (isFinal(row.status)) throw closed(row, arg.by);
  if (row.workflowStartPendingSince !== null) throw startNotFinished(row, arg.by);
  try {
    return await updateProcess(temporal, consultationWorkflowId(consultationId), update, arg, {
      unknownRefusal: CONSULTATION_FAILURES.unknownRefusal,
    });
  } catch (error) {
    if (error instanceof WorkflowNotFoundError)
      throw closed(await db.consultation.findUniqueOrThrow({ where: { id: consultationId } }), arg.by);
    throw error;
  }
}
