import { ApplicationFailure } from '@temporalio/workflow';
import { canSeeOrder, type OrderState, type OrderStatus } from '../../../domain/orders/model.ts';
import type { Actor } from '../../../domain/orders/contract.ts';
import { isFinal } from './order-schedule.ts';

// Checks shared by the update validators. Each refusal is an application failure whose
// `type` is a stable error code (domain/errors.ts), which the API turns into problem details.

export function refuse(type: string, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

export function requireOpen(state: OrderState): void {
  if (isFinal(state.status)) refuse('ORDER_CLOSED', `The order is already ${state.status.replace(/_/g, ' ')}.`);
}

export function requireStatus(state: OrderState, ...allowed: OrderStatus[]): void {
  requireOpen(state);
  if (!allowed.includes(state.status)) {
    refuse('ORDER_STATE_CONFLICT', `Not possible while the order is ${state.status.replace(/_/g, ' ')}.`);
  }
}

/** 404 for whoever may not know the order exists, decided on this state, not on the mirror. */
export function requireVisible(state: OrderState, by: Actor): void {
  if (!canSeeOrder(state, by)) refuse('NOT_FOUND', 'No such order.');
}

export function requireClient(state: OrderState, by: Actor): void {
  requireVisible(state, by);
  if (by.userId !== state.clientId) refuse('FORBIDDEN', 'Only the client who placed the order may do this.');
}

export function requireAdmin(by: Actor): void {
  if (by.role !== 'admin') refuse('FORBIDDEN', 'Only an administrator may do this.');
}

/** The assigned lawyer; admins may act for them where `orAdmin` is set. */
export function requireLawyer(state: OrderState, by: Actor, orAdmin = false): void {
  if (orAdmin && by.role === 'admin') return;
  requireVisible(state, by);
  if (state.lawyerId === null || by.userId !== state.lawyerId) {
    refuse('FORBIDDEN', 'Only the lawyer assigned to this order may do this.');
  }
}

export function requireKind(state: OrderState, rule: string, ...kinds: OrderState['kind'][]): void {
  if (!kinds.includes(state.kind)) refuse('ORDER_STATE_CONFLICT', `Not available for ${state.kind.replace(/_/g, ' ')} (${rule}).`);
}

/** Where an order goes back to after a pause for the client (clarification, page payment). */
export const workingStatus = (state: OrderState): OrderStatus =>
  state.kind === 'subscription' ? 'active' : state.lawyerId === null ? 'awaiting_lawyer' : 'in_progress';
