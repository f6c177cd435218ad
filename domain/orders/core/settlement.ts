import type { OrderState } from '../model.ts';
import { deliverySplit, splitByShare } from '../refund-policy.ts';
import { event, type Step } from './step.ts';

// PAY-2 at the end of an order: every hold is resolved exactly once. Delivered (EL-DONE-1) or
// a completed subscription: the lawyer gets the price minus the commission, the platform the
// commission. Otherwise the outcome's refund share (EL-REF-1/3, or 100 % when the lawyer did
// not come) applies to each payment; a payment that could not serve its purpose (an extension
// paid after the call, a page difference after the deadline) goes back in full. PAY-6: the
// refunded part goes back to the card it came from.

/** Holds not placed yet: the workflow must run their `hold` effects before `settle`. */
export const holdsPending = (state: OrderState): boolean => state.charges.some((c) => c.status === 'held' && c.holdId === null);

/** Ended and some payment is still frozen. */
export const needsSettlement = (state: OrderState): boolean => state.outcome !== null && state.charges.some((c) => c.status === 'held');

export function settle(step: Step): void {
  const { state } = step;
  const outcome = state.outcome!;
  const delivered = outcome.status === 'delivered' || outcome.status === 'completed';
  for (const charge of state.charges) {
    if (charge.status !== 'held' || charge.holdId === null) continue;
    const holdId = charge.holdId;
    if (delivered && !charge.unused) {
      const split = deliverySplit(charge.amount, state.commissionBps);
      const toSpecialist = state.lawyerId ? split.toSpecialist : 0;
      step.effects.push({
        kind: 'settleHold',
        holdId,
        ...(state.lawyerId && { specialistUserId: state.lawyerId }),
        toSpecialist,
        toPlatform: charge.amount - toSpecialist,
        publishedAt: outcome.at,
      });
      outcome.toSpecialist += toSpecialist;
      outcome.kept += charge.amount - toSpecialist;
    } else {
      const { refunded, kept } = splitByShare(charge.amount, charge.unused ? 10_000 : outcome.refundBps);
      step.effects.push(kept === 0 ? { kind: 'releaseHold', holdId } : { kind: 'settleHold', holdId, toSpecialist: 0, toPlatform: kept });
      if (refunded > 0)
        step.effects.push({ kind: 'refundPayment', refundKey: `${charge.key}/refund`, paymentId: charge.paymentId!, amount: refunded });
      outcome.refunded += refunded;
      outcome.kept += kept;
    }
    charge.status = 'settled';
  }
  event(step, 'settled', `refunded ${outcome.refunded}, kept ${outcome.kept}, to the lawyer ${outcome.toSpecialist}`);
}
