import { WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import type { UpdateDefinition } from '@temporalio/common';
import { DomainError, ERROR_STATUS, type ErrorCode } from '../domain/errors.ts';
import { FINAL_STATUSES, type OrderState, type OrderStatus } from '../domain/order-model.ts';
import { checkout, orderState, orderWorkflowId, type Actor, type Checkout } from '../workflows/order-messages.ts';
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

/**
 * Where to pay for the order. The workflow's `checkout` update answers once the payment is
 * open — but (orders branch at 8ad2932) its handler looks the charge up only when the update
 * arrives, so an update sent before the charge exists waits for the order's outcome instead.
 * Until that is fixed in workflows/order-client-commands.ts, wait here (bounded) for the
 * state to show the opened payment, then ask; the update then answers at once.
 */
export async function orderCheckout(temporal: TemporalTarget, order: OrderRef, waitMs = 15_000): Promise<Checkout> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const state = await liveOrderState(temporal, order.id);
    const opened = state?.charges.some((charge) => charge.purpose === 'order' && charge.checkoutUrl !== null);
    if (!state || opened || state.outcome !== null) break;
    if (Date.now() > deadline) throw new DomainError('DEPENDENCY_UNAVAILABLE', 'The payment is not open yet; try again shortly.');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return orderUpdate(temporal, order, checkout);
}
