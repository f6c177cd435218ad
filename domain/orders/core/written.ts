import type { Actor } from '../contract.ts';
import type { OrderState } from '../model.ts';
import { refuse, requireKind, requireLawyer, requireStatus } from './guards.ts';
import { notify, type Step } from './step.ts';

// Written advice, E-LEGAL §6.10:
//   EL-WR-1 delivered within 72 hours of registration (the deadline: deadlines.ts, schedule.ts);
//   EL-WR-2 in special cases (more law to study, many or unclear materials) the lawyer may
//           extend it, once, by 4 calendar days, giving the reason.

export function extendDeadlineRefusal(state: OrderState, by: Actor, reason: string): void {
  requireLawyer(state, by);
  requireKind(state, 'EL-WR-2', 'written_advice');
  requireStatus(state, 'in_progress', 'awaiting_clarification');
  if (state.extensionReason !== null) refuse('ORDER_EXTENSION_USED', 'The 4-day extension was already used (EL-WR-2).');
  if (reason.trim().length < 3) refuse('VALIDATION_FAILED', 'Give the reason for the extension (EL-WR-2).');
}

/** EL-WR-2: the deadline moves 4 calendar days; a new warning is due before the new deadline. */
export function extendDeadline(step: Step, reason: string): void {
  step.state.extensionReason = reason;
  step.state.warnedForDueAt = null;
  notify(step, 'extended', ['client'], 'The deadline of your order was extended by 4 days', reason);
}
