import type { Actor } from '../contract.ts';
import { canSeeOrder, type OrderState, type OrderStatus, type ServiceKind } from '../model.ts';
import { isFinal } from './step.ts';
import type { Refusal } from './types.ts';

// Checks shared by the rules' refusals. A check throws `Refused`; `refusal()` in index.ts
// catches it and returns the refusal as data, so the update validators (which must be
// synchronous) and the API get the same stable code and message.

export class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

export function refuse(code: Refusal['code'], message: string): never {
  throw new Refused({ code, message });
}

const spaced = (status: string): string => status.replace(/_/g, ' ');

export function requireOpen(state: OrderState): void {
  if (isFinal(state.status)) refuse('ORDER_CLOSED', `The order is already ${spaced(state.status)}.`);
}

export function requireStatus(state: OrderState, ...allowed: OrderStatus[]): void {
  requireOpen(state);
  if (!allowed.includes(state.status)) refuse('ORDER_STATE_CONFLICT', `Not possible while the order is ${spaced(state.status)}.`);
}

/** Someone who may not know the order exists is told "no such order" (404), not "not yours". */
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
  if (state.lawyerId === null || by.userId !== state.lawyerId) refuse('FORBIDDEN', 'Only the lawyer assigned to this order may do this.');
}

export function requireKind(state: OrderState, rule: string, ...kinds: ServiceKind[]): void {
  if (!kinds.includes(state.kind)) refuse('ORDER_STATE_CONFLICT', `Not available for ${spaced(state.kind)} (${rule}).`);
}
