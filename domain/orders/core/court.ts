import type { Actor } from '../contract.ts';
import type { AgreedExtraItem, OrderState } from '../model.ts';
import { refuse, requireKind, requireLawyer, requireOpen } from './guards.ts';
import { event, type Step } from './step.ts';

// Court applications, E-LEGAL §7.3.1–7.3.2, EL-CRT-1: priced per court instance (a higher
// instance is a new paid order, linked by `previousOrderId`); travel outside Baku, Sumgayit and
// Absheron is agreed extra, state duty and power-of-attorney costs are the client's. Those
// extras are recorded on the order, apart from its price, and never held or settled by it.
// The service ends with the court's final act, delivered like any written result.

export function recordExtraItemRefusal(state: OrderState, by: Actor, item: Omit<AgreedExtraItem, 'agreedAt'>): void {
  requireLawyer(state, by, true);
  requireKind(state, 'EL-CRT-1', 'court_application');
  requireOpen(state);
  if (!Number.isSafeInteger(item.amount) || item.amount < 0)
    refuse('VALIDATION_FAILED', 'The amount is a non-negative integer in minor units.');
}

export function recordExtraItem(step: Step, item: Omit<AgreedExtraItem, 'agreedAt'>): void {
  step.state.extras.push({ ...item, agreedAt: step.now });
  event(step, 'extra_agreed', item.kind);
}
