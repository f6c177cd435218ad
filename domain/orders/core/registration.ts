import type { Actor } from '../contract.ts';
import type { OrderState } from '../model.ts';
import { requireAdmin, requireClient, requireKind, requireLawyer, requireOpen, requireStatus, requireVisible, refuse } from './guards.ts';
import { event, notify, setStatus, workingStatus, type Step } from './step.ts';

// EL-ORD-3 (§2 "Müraciət", §6.4): once paid the order is registered, the client is mailed and
// the order is routed to a lawyer (assigned by an admin or taken from the queue); the lawyer
// may contact the client. EL-ORD-4 (§6.1–6.2): the service time counts from payment and
// restarts when the client supplies clarifications or documents.

/** EL-ORD-3: the price's payment arrived. */
export function register(step: Step): void {
  const { state } = step;
  state.registeredAt = state.paidAt;
  state.clockStartedAt = state.paidAt; // EL-ORD-4: the service time counts from payment
  if (state.subscription) state.subscription.startedAt = state.paidAt!;
  // EL-CON-1: a contract is generated at once, no lawyer needed.
  setStatus(step, state.kind === 'contract_template' ? 'in_progress' : workingStatus(state));
  event(step, 'registered');
  notify(
    step,
    'registered',
    ['client', 'admins'],
    `Order registered: ${state.title}`,
    `We received your payment and registered order ${state.orderId}. A lawyer will be assigned and may contact you.`,
  );
  if (state.kind === 'contract_template') step.effects.push({ kind: 'generateContract' });
}

export function assignLawyerRefusal(state: OrderState, by: Actor): void {
  requireAdmin(by);
  requireOpen(state);
  if (state.registeredAt === null) refuse('ORDER_STATE_CONFLICT', 'The order is not paid yet (EL-ORD-2).');
}

export function acceptOrderRefusal(state: OrderState, by: Actor): void {
  if (by.role !== 'specialist') refuse('FORBIDDEN', 'Only lawyers take orders from the queue.');
  // Taken by another lawyer, the order has left this one's queue: 404, as once the mirror shows it.
  requireVisible(state, by);
  requireStatus(state, 'awaiting_lawyer');
}

/** EL-ORD-3: the order is routed to a lawyer (an admin's assignment or a lawyer taking it). */
export function takeOrder(step: Step, lawyerId: string): void {
  const { state } = step;
  state.lawyerId = lawyerId;
  if (state.status === 'awaiting_lawyer') setStatus(step, state.kind === 'subscription' ? 'active' : 'in_progress');
  notify(step, `assigned-${lawyerId}`, ['lawyer'], 'An order was assigned to you', state.title);
}

export function requestClarificationRefusal(state: OrderState, by: Actor): void {
  requireLawyer(state, by);
  requireStatus(state, 'in_progress');
}

/** EL-ORD-3: the lawyer contacts the client; the deadline stops until they answer. */
export function requestClarification(step: Step, question: string): void {
  step.state.clarificationRequest = question;
  setStatus(step, 'awaiting_clarification');
  notify(step, `clarify-${step.now}`, ['client'], 'Your lawyer asks for clarification', question);
}

export function supplyClarificationRefusal(state: OrderState, by: Actor): void {
  requireClient(state, by);
  requireStatus(state, 'awaiting_clarification', 'in_progress', 'awaiting_lawyer');
  requireKind(state, 'EL-ORD-4', 'written_advice', 'document_review', 'document_preparation', 'translation', 'court_application');
}

/** EL-ORD-4: the service time starts again from the clarified request. */
export function supplyClarification(step: Step, note: string): void {
  const { state } = step;
  state.clockStartedAt = step.now;
  state.clarificationRequest = null;
  state.warnedForDueAt = null;
  setStatus(step, workingStatus(state));
  notify(step, `clarified-${step.now}`, ['lawyer'], 'The client sent clarifications', note);
}
