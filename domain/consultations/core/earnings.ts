import {
  earningSplit,
  freshSettlement,
  recordReversalDone,
  recordReversalRefused,
  reversalOf as sharedReversalOf,
} from '../../earnings.ts';
import type { ConsultationPayment, ConsultationState } from '../contract.ts';
import { escalate, event, keyStem, type Step } from './step.ts';

// The specialist's money, from the end to the administration's decision.
//
// CHAT-4: "the specialist ... ends the consultation; at that moment the frozen amount goes to
// the specialist": at the end the hold is posted at once, the price less the commission to the
// specialist and the commission to the platform, as on an order's delivery (deliverySplit,
// commission rounded down). publishedAt is the end, so PAY-5's 3 working days before the
// earning can be withdrawn count from it.
//
// CHAT-5: "while a complaint is open, the specialist's earnings from it cannot be withdrawn";
// the administration may decide after PAY-5's 3 days have passed, so the complaint *blocks*
// the earning in the ledger. On the decision: a rejection lifts the block; a refund R first
// takes R back to the client's balance ("the money returns to the client's balance"; PAY-6 lets
// the client take it on to the card), re-splitting the kept price − R as on delivery: the
// specialist returns what they got beyond the new split, the platform the commission beyond
// it, the two adding up to R exactly; then the block is lifted from what remains. A blocked
// earning cannot have been withdrawn, so the specialist's balance covers the reversal; if the
// ledger refuses all the same, the earning stays blocked and the administration is told.
//
// A reconciler, run after every transition (index.ts `decide`): each step happens once its
// inputs are there, whatever order the workflow's concurrent updates arrived in — the end may
// come while the hold is still being placed, and a complaint (even its decision) with it.

export function syncEarnings(step: Step): void {
  settleAtEnd(step);
  blockWhileComplained(step);
  applyDecision(step);
}

/** CHAT-4's split of the price: what the specialist and the platform get. */
export const dueAtEnd = (state: ConsultationState) => earningSplit(state.session!.price, state.commissionBps);

const sessionPayment = (state: ConsultationState): ConsultationPayment => state.payments.find((p) => p.key === state.session!.paymentKey)!;

/** CHAT-4, PAY-2: the frozen price goes to the specialist (less the commission) at the end. */
function settleAtEnd(step: Step): void {
  const { state, now } = step;
  const session = state.session;
  if (session?.endedAt == null || state.settlement !== null) return;
  const payment = sessionPayment(state);
  if (payment.holdId === null) return; // still being placed: `holdPlaced` brings us back here
  const { toSpecialist, toPlatform } = dueAtEnd(state);
  step.effects.push({
    kind: 'settleHold',
    holdId: payment.holdId,
    specialistUserId: state.specialistId,
    toSpecialist,
    toPlatform,
    publishedAt: session.endedAt,
  });
  payment.status = 'settled';
  state.settlement = freshSettlement(now, session.price, state.commissionBps);
  event(step, 'settled', `to the specialist ${toSpecialist}, to the platform ${toPlatform}`);
}

/** CHAT-5: a complaint keeps the earning from being withdrawn until the decision. */
function blockWhileComplained(step: Step): void {
  const { state, now } = step;
  const { settlement, complaint } = state;
  if (!settlement || !complaint || settlement.blockedAt !== null) return;
  step.effects.push({
    kind: 'blockEarning',
    key: `${keyStem(step)}/complaint/block`,
    holdId: sessionPayment(state).holdId!,
    reason: `CHAT-5: complaint about chat consultation ${state.consultationId}`,
  });
  settlement.blockedAt = now;
  event(step, 'earning_blocked');
}

/** What a refund of `refund` takes back: the part of each share beyond the delivery split of the kept price. */
export const reversalOf = (state: ConsultationState, refund: number): { fromSpecialist: number; fromPlatform: number } =>
  sharedReversalOf(state.session!.price, state.commissionBps, refund);

/** CHAT-5: the decision — a refund is taken back first; the block is lifted once it is (at once on a rejection). */
function applyDecision(step: Step): void {
  const { state, now } = step;
  const { settlement, complaint } = state;
  if (!settlement || settlement.blockedAt === null || settlement.unblockedAt !== null || complaint?.decision == null) return;
  const refund = complaint.refundAmount ?? 0;
  if (refund > 0 && settlement.reversal === null) {
    const { fromSpecialist, fromPlatform } = reversalOf(state, refund);
    step.effects.push({
      kind: 'reverseSettlement',
      holdId: sessionPayment(state).holdId!,
      fromSpecialist,
      fromPlatform,
      description: `Refund after a complaint about chat consultation ${state.consultationId} (CHAT-5)`,
    });
    settlement.reversal = { requestedAt: now, fromSpecialist, fromPlatform, status: 'requested', answeredAt: null };
    return;
  }
  if (refund > 0 && settlement.reversal?.status !== 'done') return;
  step.effects.push({ kind: 'unblockEarning', key: `${keyStem(step)}/complaint/unblock`, holdId: sessionPayment(state).holdId! });
  settlement.unblockedAt = now;
  event(step, 'earning_unblocked');
}

/** The ledger took the refund back: the settlement's parts now say where the price went. */
export function settlementReversed(step: Step): void {
  const reversal = step.state.settlement?.reversal;
  if (!recordReversalDone(step.state.settlement, step.now)) return;
  event(step, 'settlement_reversed', `from the specialist ${reversal!.fromSpecialist}, from the platform ${reversal!.fromPlatform}`);
}

/** The ledger refused for good: nothing moved; the earning stays blocked and the administration decides what to do. */
export function reversalRefused(step: Step, failure: { code: string; message: string }): void {
  const reversal = recordReversalRefused(step.state.settlement, step.now);
  if (!reversal) return;
  escalate(
    step,
    'complaint/refund-not-recovered',
    'refund_not_recovered',
    `${reversal.fromSpecialist} from the specialist and ${reversal.fromPlatform} from the commission could not be returned to the client: ${failure.code} ${failure.message}`,
  );
}
