import type { Actor } from '../contract.ts';
import type { OrderState } from '../model.ts';
import { refuse, requireKind, requireLawyer, requireStatus } from './guards.ts';
import { finish, notify, type Step } from './step.ts';

// EL-DONE-1 (§6.6–6.7): a service is done when its result is delivered; written results land
// in the client's cabinet. A subscription's deliverable fulfils its current period only and the
// subscription runs on (EL-SUB-1, subscription.ts). Oral advice ends with the call (oral.ts),
// a contract with its generation (contract.ts).

export function deliverRefusal(state: OrderState, by: Actor): void {
  requireLawyer(state, by);
  requireStatus(state, 'in_progress', 'awaiting_clarification', 'active');
  requireKind(
    state,
    'EL-DONE-1',
    'written_advice',
    'document_review',
    'document_preparation',
    'translation',
    'court_application',
    'subscription',
  );
  const period = state.subscription?.currentPeriod;
  if (period !== undefined && state.deliverables.some((d) => d.period === period)) {
    refuse('ORDER_STATE_CONFLICT', 'This period was already delivered (EL-SUB-1).');
  }
}

export function deliver(step: Step, fileId: string, note: string | undefined): void {
  const { state } = step;
  const period = state.subscription ? state.subscription.currentPeriod : null;
  state.deliverables.push({ fileId, deliveredAt: step.now, note: note ?? null, period });
  if (state.kind !== 'subscription') finish(step, 'delivered', 0, null);
  notify(step, `delivered-${fileId}`, ['client'], 'Your result is in your cabinet', state.title);
}
