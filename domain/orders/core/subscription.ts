import { deliveredThisPeriod, event, finish, isFinal, type Step } from './step.ts';

// Subscription packages, E-LEGAL §4.4, §6.8, §6.10.4, EL-SUB-1: a package bundles services for
// a term of agreed periods (week, month, quarter); the regular written deliverable is due on
// the last day of each period (deadlines.ts `subscriptionPeriodDue`), one per period
// (delivery.ts). When a period has ended and its deliverable is in, the next period begins in
// a fresh workflow run, so the history stays small however long the term; after the last
// period the subscription is completed and the lawyer paid.

export function periodTurn(step: Step): void {
  const { state } = step;
  const sub = state.subscription;
  if (!sub || isFinal(state.status) || state.dueAt === null || step.now < state.dueAt || !deliveredThisPeriod(state)) return;
  if (sub.currentPeriod + 1 >= sub.periods) return finish(step, 'completed', 0, null);
  sub.currentPeriod += 1;
  state.warnedForDueAt = null;
  event(step, 'period_started', String(sub.currentPeriod));
  step.effects.push({ kind: 'startNextPeriod' });
}
