import { WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import type { UpdateDefinition } from '@temporalio/common';
import { DomainError, ERROR_STATUS, type ErrorCode } from '../domain/errors.ts';
import { FINAL_STATUSES, type OrderState, type OrderStatus } from '../domain/order-model.ts';
import { orderState, orderWorkflowId, type Actor } from '../workflows/order-messages.ts';
import type { TemporalTarget } from './outbox.ts';

// The API's only door into a running order workflow: updates and the `state` query. Every
// Temporal failure is turned into a DomainError here, in one place, so routes never see
// Temporal types: an update validator's ApplicationFailure carries the error code as its
// `type`; a workflow that is gone means the order has closed (or never existed).

const isErrorCode = (type: string | undefined | null): type is ErrorCode => typeof type === 'string' && type in ERROR_STATUS;

export function toDomainError(error: unknown, mirrorStatus: OrderStatus | string): DomainError | unknown {
  if (error instanceof DomainError) return error;
  if (error instanceof WorkflowNotFoundError) {
    // The mirror row exists (the caller found it), so a missing workflow means it has finished.
    return FINAL_STATUSES.includes(mirrorStatus as OrderStatus)
      ? new DomainError('ORDER_CLOSED', `The order is already ${mirrorStatus.replace(/_/g, ' ')}.`, undefined, error)
      : new DomainError('NOT_FOUND', 'No such order.', undefined, error);
  }
  if (error instanceof WorkflowUpdateFailedError) {
    const cause = error.cause;
    if (cause instanceof ApplicationFailure && isErrorCode(cause.type)) {
      return new DomainError(cause.type, cause.message, undefined, error);
    }
  }
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return new DomainError('DEPENDENCY_UNAVAILABLE', 'The order did not answer in time; try again.', undefined, error);
  }
  return error;
}

export interface OrderRef {
  id: string;
  status: string;
}

/** Sends one update (a command) to the order's workflow and returns its result. */
export async function orderUpdate<Ret, Args extends unknown[]>(
  temporal: TemporalTarget,
  order: OrderRef,
  update: UpdateDefinition<Ret, Args>,
  ...args: Args
): Promise<Ret> {
  try {
    const handle = temporal.client.workflow.getHandle(orderWorkflowId(order.id));
    // executeUpdate's overloads split "no arguments" from "some"; our caller is already typed by the definition.
    return args.length === 0
      ? await handle.executeUpdate(update as unknown as UpdateDefinition<Ret, []>)
      : await handle.executeUpdate(update as unknown as UpdateDefinition<Ret, [unknown]>, { args: args as unknown as [unknown] });
  } catch (error) {
    throw toDomainError(error, order.status);
  }
}

/** The live state from the workflow; null when the workflow is gone (the mirror then has the last word). */
export async function liveOrderState(temporal: TemporalTarget, orderId: string): Promise<OrderState | null> {
  try {
    return await temporal.client.workflow.getHandle(orderWorkflowId(orderId)).query(orderState);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return null;
    throw new DomainError('DEPENDENCY_UNAVAILABLE', 'The workflow service is unavailable; try again shortly.', undefined, error);
  }
}

export const actorOf = (auth: { userId: string; role: Actor['role'] }): Actor => ({ userId: auth.userId, role: auth.role });
