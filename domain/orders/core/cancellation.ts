import type { Actor } from '../contract.ts';
import type { OrderState } from '../model.ts';
import { PLATFORM_REFUSAL_REFUND_BPS, refundShare } from '../refund-policy.ts';
import { refuse, requireAdmin, requireClient, requireOpen } from './guards.ts';
import { finish, type Step } from './step.ts';

// Ending an order without delivery, E-LEGAL §7.8–7.10 (shares in refund-policy.ts; the money
// moves in settlement.ts):
//   EL-REF-1 the client cancels an undelivered service: 90/70/50/30/10/0 % back by the time since
//            payment (3/6/12/18/24 h); the client confirms the share they were quoted;
//   EL-REF-2 a delivered service (or a call under way) is not refunded;
//   EL-REF-3 the platform refuses the service (§10.4 reasons): the fee minus 15 % goes back.
// EL-ORD-2: before payment nothing is owed either way.

export function cancelRefusal(state: OrderState, by: Actor, acceptedRefundBps: number, now: number): void {
  requireClient(state, by);
  requireOpen(state);
  if (state.deliverables.length > 0 || state.status === 'call_in_progress') {
    refuse('ORDER_ALREADY_DELIVERED', 'The service was delivered; it cannot be cancelled for a refund (EL-REF-2).');
  }
  if (state.paidAt === null) return;
  const share = refundShare(state.paidAt, now);
  if (share !== acceptedRefundBps) {
    refuse('REFUND_QUOTE_EXPIRED', `The refund is now ${share / 100} % (EL-REF-1); ask for a new quote and confirm again.`);
  }
}

export function cancel(step: Step): void {
  const paidAt = step.state.paidAt;
  if (paidAt === null) finish(step, 'cancelled', 0, 'cancelled by the client before payment');
  else finish(step, 'cancelled', refundShare(paidAt, step.now), 'cancelled by the client');
}

export function refuseOrderRefusal(state: OrderState, by: Actor, reason: string): void {
  requireAdmin(by);
  requireOpen(state);
  // A subscription's earlier periods were delivered; its remaining term can still be refused.
  if (state.deliverables.length > 0 && state.kind !== 'subscription') refuse('ORDER_ALREADY_DELIVERED', 'The service was delivered.');
  if (reason.trim().length < 3) refuse('VALIDATION_FAILED', 'Give the reason for the refusal (§10.4).');
}

/** EL-REF-3: 85 % back of what was paid; an unpaid order owes nothing. */
export function refuseOrder(step: Step, reason: string): void {
  finish(step, 'refused', step.state.registeredAt !== null ? PLATFORM_REFUSAL_REFUND_BPS : 0, reason);
}
