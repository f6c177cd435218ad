import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import { DomainError, ERROR_STATUS, type ErrorCode } from '../domain/errors.ts';
import { canSeeOrder, FINAL_STATUSES, type OrderState, type OrderStatus } from '../domain/order-model.ts';
import type { Db } from '../infra/db.ts';
import { orderState, orderWorkflowId, type Actor } from '../workflows/order-messages.ts';
import type { TemporalTarget } from './outbox.ts';

// Commands from the API to an order's workflow. The workflow's update validators decide; their
// refusals carry a stable error code as the failure type, which becomes the problem's `code`.
// Who may see an order is decided on the workflow's state too (canSeeOrder): the database
// mirror is written just after a command and would answer differently for a moment.

const noSuchOrder = () => new DomainError('NOT_FOUND', 'No such order.');

type OrderRow = NonNullable<Awaited<ReturnType<Db['order']['findUnique']>>>;

/** An order as the API shows it, and how fresh that is. */
export interface OrderReading {
  order: OrderRow;
  /** The workflow's state; null only if the workflow never answered and never wrote its mirror. */
  state: OrderState | null;
  /** `workflow`: live; `mirror`: the database copy, because the workflow did not answer in time. */
  source: 'workflow' | 'mirror';
  /** When the workflow last wrote the database copy (null: never yet). */
  mirroredAt: Date | null;
}

/**
 * The workflow's state within `timeoutMs`. Without a bound the call waits as long as no worker
 * polls (Temporal holds a query until one does): a detail page would hang while the worker is down.
 */
export async function queryOrderState(temporal: TemporalTarget, orderId: string, timeoutMs: number): Promise<OrderState> {
  return temporal.client.withDeadline(Date.now() + timeoutMs, () =>
    temporal.client.workflow.getHandle(orderWorkflowId(orderId)).query(orderState));
}

/** The order for `reader`, live from its workflow or else from the mirror; 404 unless they may see it. */
export async function readOrderFor(db: Db, temporal: TemporalTarget, orderId: string, reader: Actor, queryTimeoutMs: number): Promise<OrderReading> {
  const order = await db.order.findUnique({ where: { id: orderId } });
  if (!order) throw noSuchOrder();
  const mirrored = order.state as unknown as OrderState | null;
  const reading: OrderReading = await queryOrderState(temporal, orderId, queryTimeoutMs).then(
    (state) => ({ order, state, source: 'workflow' as const, mirroredAt: mirrored === null ? null : order.updatedAt }),
    () => ({ order, state: mirrored, source: 'mirror' as const, mirroredAt: mirrored === null ? null : order.updatedAt }),
  );
  if (!canSeeOrder(reading.state ?? order, reader)) throw noSuchOrder();
  return reading;
}

/** A command's answer as a reading: the state after the command, over the row as mirrored so far. */
export async function readingAfter(db: Db, orderId: string, state: OrderState): Promise<OrderReading> {
  const order = await db.order.findUniqueOrThrow({ where: { id: orderId } });
  return { order, state, source: 'workflow', mirroredAt: order.state === null ? null : order.updatedAt };
}

/** The order's state for a decision that needs it (checkout, refund quote): live, else the mirror's. */
export async function liveOrderState(db: Db, temporal: TemporalTarget, orderId: string, reader: Actor, queryTimeoutMs: number): Promise<OrderState> {
  const { state } = await readOrderFor(db, temporal, orderId, reader, queryTimeoutMs);
  if (!state) throw new DomainError('DEPENDENCY_UNAVAILABLE', "The order's workflow does not answer yet; try again shortly.");
  return state;
}

/**
 * The order's columns as `state` has them: what the mirror writes (activities/orders.ts), and
 * what the API shows over a row the mirror has not caught up with yet.
 */
export function orderColumns(state: OrderState) {
  const final = FINAL_STATUSES.includes(state.status);
  return {
    status: state.status,
    refundPolicyVersion: state.refundPolicyVersion,
    lawyerId: state.lawyerId,
    slotAt: state.oral ? new Date(state.oral.slotAt) : null,
    paidAt: state.paidAt === null ? null : new Date(state.paidAt),
    dueAt: state.dueAt === null || final ? null : new Date(state.dueAt),
    overdueSince: state.overdueSince === null || final ? null : new Date(state.overdueSince),
    finishedAt: state.outcome ? new Date(state.outcome.at) : null,
    refundedAmount: state.outcome ? BigInt(state.outcome.refunded) : null,
  };
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

/** A finished order's refusal; its mirror is final (the workflow writes it before it ends). */
function closedOrder(order: OrderRow, by: Actor): DomainError {
  if (!canSeeOrder(order, by)) return noSuchOrder();
  return new DomainError(order.status === 'delivered' ? 'ORDER_ALREADY_DELIVERED' : 'ORDER_CLOSED', `The order is already ${order.status.replace(/_/g, ' ')}.`);
}

/**
 * Sends one command (an update) to the order's workflow and returns its answer: the state after
 * the command. Whether the sender may see the order is the validators' call (404 otherwise).
 */
export async function sendOrderCommand<Ret, Arg extends { by: Actor }>(
  db: Db,
  temporal: TemporalTarget,
  orderId: string,
  update: UpdateDefinition<Ret, [Arg]>,
  arg: Arg,
): Promise<Ret> {
  const order = await db.order.findUnique({ where: { id: orderId } });
  if (!order) throw noSuchOrder();
  if (FINAL_STATUSES.includes(order.status as OrderStatus)) throw closedOrder(order, arg.by);
  try {
    return await temporal.client.workflow.getHandle(orderWorkflowId(orderId)).executeUpdate(update, { args: [arg] });
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) {
      // Ended since the read above: its mirror is final now.
      throw closedOrder(await db.order.findUniqueOrThrow({ where: { id: orderId } }), arg.by);
    }
    throw toDomainError(error);
  }
}

/** The lawyer the workflow has on the order now, or null if it does not answer in time. */
export async function liveLawyerOf(temporal: TemporalTarget, orderId: string, queryTimeoutMs: number): Promise<string | null> {
  return queryOrderState(temporal, orderId, queryTimeoutMs).then((state) => state.lawyerId, () => null);
}
