import { earningSplit, freshSettlement, recordReversalDone, recordReversalRefused, reversalOf } from '../../earnings.ts';
import type { QuestionPayment, QuestionRound } from '../contract.ts';
import { escalate, event, keyStem, type Step } from './step.ts';

// The specialist's money for each paid round (QA-6, QA-9, PAY-2, PAY-5), the same rules as the
// consultation's (domain/earnings.ts): captured, the price is settled at once — less the
// commission to the specialist, the commission to the platform — with `publishedAt` the moment
// the full answer opened (publication.ts), so PAY-5's 3 working days count from it; a complaint
// blocks the earning; a refund is taken back from the specialist and the commission so the kept
// price is split as on delivery, then the block is lifted.
//
// A reconciler, run after every transition (index.ts `decide`): each step happens once its
// inputs are there, whatever order the results came in (a complaint may come while the hold is
// still being placed).

export function syncEarnings(step: Step): void {
  for (const round of step.state.rounds) {
    const payment = round.payments.find((p) => p.status === 'held' || p.status === 'settled');
    if (!payment) continue;
    settleAtOnce(step, round, payment);
    blockWhileComplained(step, round, payment);
    applyDecision(step, round, payment);
  }
}

/** QA-6's split of the round's price. */
export const dueOnPayment = (step: Step, round: QuestionRound) => earningSplit(round.price, step.state.commissionBps);

function settleAtOnce(step: Step, round: QuestionRound, payment: QuestionPayment): void {
  if (round.settlement !== null || payment.holdId === null) return; // still being placed: `holdPlaced` brings us back
  const { toSpecialist, toPlatform } = dueOnPayment(step, round);
  step.effects.push({
    kind: 'settleHold',
    holdId: payment.holdId,
    specialistUserId: round.specialistId,
    toSpecialist,
    toPlatform,
    publishedAt: round.fullAnswerOpenedAt!,
  });
  payment.status = 'settled';
  round.settlement = freshSettlement(step.now, round.price, step.state.commissionBps);
  event(step, 'settled', `round ${round.no}: to the specialist ${toSpecialist}, to the platform ${toPlatform}`);
}

function blockWhileComplained(step: Step, round: QuestionRound, payment: QuestionPayment): void {
  const { settlement, complaint } = round;
  if (!settlement || !complaint || settlement.blockedAt !== null) return;
  step.effects.push({
    kind: 'blockEarning',
    key: `${keyStem(step)}/round-${round.no}/complaint/block`,
    holdId: payment.holdId!,
    reason: `QA-9: complaint about question ${step.state.questionId}, round ${round.no}`,
  });
  settlement.blockedAt = step.now;
  event(step, 'earning_blocked', `round ${round.no}`);
}

function applyDecision(step: Step, round: QuestionRound, payment: QuestionPayment): void {
  const { settlement, complaint } = round;
  if (!settlement || settlement.blockedAt === null || settlement.unblockedAt !== null || complaint?.decision == null) return;
  const refund = complaint.refundAmount ?? 0;
  if (refund > 0 && settlement.reversal === null) {
    const { fromSpecialist, fromPlatform } = reversalOf(round.price, step.state.commissionBps, refund);
    step.effects.push({
      kind: 'reverseSettlement',
      holdId: payment.holdId!,
      fromSpecialist,
      fromPlatform,
      description: `Refund after a complaint about question ${step.state.questionId}, round ${round.no} (QA-9)`,
    });
    settlement.reversal = { requestedAt: step.now, fromSpecialist, fromPlatform, status: 'requested', answeredAt: null };
    return;
  }
  if (refund > 0 && settlement.reversal?.status !== 'done') return;
  step.effects.push({ kind: 'unblockEarning', key: `${keyStem(step)}/round-${round.no}/complaint/unblock`, holdId: payment.holdId! });
  settlement.unblockedAt = step.now;
  event(step, 'earning_unblocked', `round ${round.no}`);
}

const roundOfHold = (step: Step, holdId: string) => step.state.rounds.find((r) => r.payments.some((p) => p.holdId === holdId));

export function settlementReversed(step: Step, holdId: string): void {
  const round = roundOfHold(step, holdId);
  if (round && recordReversalDone(round.settlement, step.now)) event(step, 'settlement_reversed', `round ${round.no}`);
}

export function reversalRefused(step: Step, failure: { holdId: string; code: string; message: string }): void {
  const round = roundOfHold(step, failure.holdId);
  const reversal = round ? recordReversalRefused(round.settlement, step.now) : null;
  if (!round || !reversal) return;
  escalate(
    step,
    `round-${round.no}/complaint/refund-not-recovered`,
    'refund_not_recovered',
    `${reversal.fromSpecialist} from the specialist and ${reversal.fromPlatform} from the commission could not be returned to the client: ${failure.code} ${failure.message}`,
  );
}
