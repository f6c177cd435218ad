import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import { DomainError, ERROR_STATUS, type ErrorCode } from '../../domain/errors.ts';
import { FINAL_STATUSES, type OrderState, type OrderStatus } from '../../domain/order-model.ts';
import type { Db } from '../../infra/db.ts';
import { orderState, orderWorkflowId, type Actor } from '../../domain/orders/contract.ts';
import type { TemporalTarget } from '../platform/outbox.ts';

// Commands from the API to an order's workflow. The workflow's update validators decide; their
// refusals carry a stable error code as the failure type, which becomes the problem's `code`.

export async function findOrderFor(db: Db, orderId: string, reader: Actor) {
  const order = await db.order.findUnique({ where: { id: orderId } });
  const party = order && (order.clientId === reader.userId || order.lawyerId === reader.userId || reader.role === 'admin');
  // A lawyer may look at unassigned paid orders: that is the queue they take work from.
  const queueView = order && reader.role === 'specialist' && order.lawyerId === null && order.status === 'awaiting_lawyer';
  if (!order || !(party || queueView)) throw new DomainError('NOT_FOUND', 'No such order.');
  return order;
}

export function toDomainError(error: unknown): unknown {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const type = error.cause.type ?? '';
    const code: ErrorCode = type in ERROR_STATUS ? (type as ErrorCode) : 'ORDER_STATE_CONFLICT';
    return new DomainError(code, error.cause.message);
  }
  if (error instanceof WorkflowNotFoundError) return new DomainError('ORDER_CLOSED', 'The order is closed.');
  return error;
}

/** Sends one command (an update) to the order's workflow and returns its answer. */
export async function sendOrderCommand<Ret, Arg extends { by: Actor }>(
  db: Db,
  temporal: TemporalTarget,
  orderId: string,
  update: UpdateDefinition<Ret, [Arg]>,
  arg: Arg,
): Promise<Ret> {
  const order = await findOrderFor(db, orderId, arg.by);
  if (FINAL_STATUSES.includes(order.status as OrderStatus)) {
    throw new DomainError(order.status === 'delivered' ? 'ORDER_ALREADY_DELIVERED' : 'ORDER_CLOSED', `The order is already ${order.status.replace(/_/g, ' ')}.`);
  }
  try {
    return await temporal.client.workflow.getHandle(orderWorkflowId(orderId)).executeUpdate(update, { args: [arg] });
  } catch (error) {
    throw toDomainError(error);
  }
}

/** The live state from the workflow, or the last mirrored one once the workflow is gone. */
export async function liveOrderState(db: Db, temporal: TemporalTarget, orderId: string, reader: Actor): Promise<OrderState> {
  const order = await findOrderFor(db, orderId, reader);
  try {
    return await temporal.client.workflow.getHandle(orderWorkflowId(orderId)).query(orderState);
  } catch (error) {
    if (order.state) return order.state as unknown as OrderState;
    throw toDomainError(error);
  }
}
