import { WorkflowNotFoundError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { DomainError } from '../../domain/errors.ts';
import { canSeeOrder, FINAL_STATUSES, type OrderState, type OrderStatus } from '../../domain/orders/model.ts';
import type { Db } from '../../infra/db.ts';
import { orderState, orderWorkflowId, type Actor } from '../../domain/orders/contract.ts';
import type { FailureCodes } from '../platform/temporal/failures.ts';
import { queryProcess, updateProcess, type TemporalTarget } from '../platform/temporal/gateway.ts';

// Commands from the API to an order's workflow. The workflow's update validators decide; their
// refusals carry a stable error code as the failure type, which becomes the problem's `code`.
// Who may see an order is decided on the workflow's state too (canSeeOrder): the database
// mirror is written just after a command and would answer differently for a moment.

/** How the order's workflow failures read as problems (the gateway's mapping, per process). */
export const ORDER_FAILURES: FailureCodes = {
  notFound: { code: 'ORDER_CLOSED', message: 'The order is closed.' },
  unknownRefusal: 'ORDER_STATE_CONFLICT',
};

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
 * The workflow's state within `waitMs` (WORKFLOW_QUERY_TIMEOUT_MS): a query is answered by a
 * worker, and with none polling Temporal holds it; a detail page must not hang meanwhile.
 */
export function queryOrderState(temporal: TemporalTarget, orderId: string, waitMs: number): Promise<OrderState> {
  return queryProcess(temporal, orderWorkflowId(orderId), orderState, [], { codes: ORDER_FAILURES, waitMs });
}

/** The order for `reader`, live from its workflow or else from the mirror; 404 unless they may see it. */
export async function readOrderFor(
  db: Db,
  temporal: TemporalTarget,
  orderId: string,
  reader: Actor,
  queryTimeoutMs: number,
): Promise<OrderReading> {
  const order = await db.order.findUnique({ where: { id: orderId } });
  if (!order) throw noSuchOrder();
  const mirrored = order.state as unknown as OrderState | null;
  const mirroredAt = mirrored === null ? null : order.updatedAt;
  const reading: OrderReading = await queryOrderState(temporal, orderId, queryTimeoutMs).then(
    (state) => ({ order, state, source: 'workflow' as const, mirroredAt }),
    () => ({ order, state: mirrored, source: 'mirror' as const, mirroredAt }),
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
export async function liveOrderState(
  db: Db,
  temporal: TemporalTarget,
  orderId: string,
  reader: Actor,
  queryTimeoutMs: number,
): Promise<OrderState> {
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

/** A finished order's refusal; its mirror is final (the workflow writes it before it ends). */
function closedOrder(order: OrderRow, by: Actor): DomainError {
  if (!canSeeOrder(order, by)) return noSuchOrder();
  return new DomainError(
    order.status === 'delivered' ? 'ORDER_ALREADY_DELIVERED' : 'ORDER_CLOSED',
    `The order is already ${order.status.replace(/_/g, ' ')}.`,
  );
}

/** The order was saved but its workflow is not started yet (the start sweep will): not closed, try again. */
function startNotFinished(order: OrderRow, by: Actor): DomainError {
  if (!canSeeOrder(order, by)) return noSuchOrder();
  const error = new DomainError('DEPENDENCY_UNAVAILABLE', 'The order is still being registered; try again in a minute.');
  error.retryAfterSeconds = 30;
  return error;
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
  if (order.workflowStartPendingSince !== null) throw startNotFinished(order, arg.by);
  try {
    // Without `notFound` the gateway lets a closed workflow through, to be answered below.
    return await updateProcess(temporal, orderWorkflowId(orderId), update, arg, { unknownRefusal: ORDER_FAILURES.unknownRefusal });
  } catch (error) {
    // Ended since the read above: its mirror is final now, and says whether the sender may know.
    if (error instanceof WorkflowNotFoundError) {
      const now = await db.order.findUniqueOrThrow({ where: { id: orderId } });
      throw now.workflowStartPendingSince === null ? closedOrder(now, arg.by) : startNotFinished(now, arg.by);
    }
    throw error;
  }
}

/** The lawyer the workflow has on the order now, or null if it does not answer in time. */
export async function liveLawyerOf(temporal: TemporalTarget, orderId: string, queryTimeoutMs: number): Promise<string | null> {
  return queryOrderState(temporal, orderId, queryTimeoutMs).then(
    (state) => state.lawyerId,
    () => null,
  );
}
