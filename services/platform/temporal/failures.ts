import {
  isGrpcServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DomainError, ERROR_STATUS, type ErrorCode } from '../../../domain/errors.ts';

// The one mapping of Temporal failures to problem codes. Update validators and handlers refuse
// with an ApplicationFailure whose `type` is a code of domain/errors.ts; a workflow that is gone
// means something different per process (an order is closed, a card's review has ended), so the
// caller names that code; an unreachable Temporal is 503 DEPENDENCY_UNAVAILABLE (Retry-After).

export interface Refusal {
  code: ErrorCode;
  message: string;
}

export interface FailureCodes {
  /** The workflow is closed or was never started. Without it the error passes through. */
  notFound?: Refusal;
  /** A refusal whose failure type is no known code. Without it the error passes through. */
  unknownRefusal?: ErrorCode;
  /** The workflow id is taken by a closed run its reuse policy rejects (starts only). */
  alreadyStarted?: Refusal;
}

// gRPC status codes of a call that never reached a working server (UNAVAILABLE, 14) or did not
// come back in time (DEADLINE_EXCEEDED, 4); @grpc/grpc-js is the SDK's dependency, not ours.
const UNREACHABLE = new Set<number>([14, 4]);

export function isTemporalUnreachable(error: unknown): boolean {
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (isGrpcServiceError(cause) && UNREACHABLE.has(cause.code)) return true;
  }
  return false;
}

export function unavailable(cause: unknown): DomainError {
  return new DomainError('DEPENDENCY_UNAVAILABLE', 'The workflow service is unavailable; try again shortly.', undefined, cause);
}

/** The DomainError a Temporal failure stands for, or the failure itself when none applies. */
export function toDomainError(error: unknown, codes: FailureCodes = {}): unknown {
  if (error instanceof DomainError) return error;
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const type = error.cause.type ?? '';
    if (type in ERROR_STATUS) return new DomainError(type as ErrorCode, error.cause.message);
    if (codes.unknownRefusal) return new DomainError(codes.unknownRefusal, error.cause.message);
    return error;
  }
  if (error instanceof WorkflowNotFoundError && codes.notFound) {
    return new DomainError(codes.notFound.code, codes.notFound.message, undefined, error);
  }
  if (error instanceof WorkflowExecutionAlreadyStartedError && codes.alreadyStarted) {
    return new DomainError(codes.alreadyStarted.code, codes.alreadyStarted.message, undefined, error);
  }
  if (isTemporalUnreachable(error)) return unavailable(error);
  return error;
}
