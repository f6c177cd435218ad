import { condition, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import {
  CARD_REVIEW_MS,
  cardModerationState,
  decideCard,
  RETURNED_CARD_KEPT_MS,
  resubmitCard,
  type CardDecision,
  type CardModerationActivities,
  type CardModerationInput,
  type CardModerationSnapshot,
  type CardRound,
} from '../domain/card-moderation/contract.ts';
import { BOOKKEEPING_ACTIVITY } from './activity-options.ts';

// SUP-8: a National Catalogue card is reviewed within 5 days of submission. The reviewer
// approves it or returns it with the errors listed; each resubmission starts a new 5-day
// review. An overdue review is escalated to the supervisor on duty (once per round) and
// still waits for its decision. The source says "5 days", not working days: calendar days.

const { recordCardRound, escalateCardReview, notifyCardSubmitter } = proxyActivities<CardModerationActivities>(BOOKKEEPING_ACTIVITY);

export async function cardModerationWorkflow(input: CardModerationInput): Promise<CardModerationSnapshot> {
  const state: CardModerationSnapshot = { cardId: input.cardId, status: 'in_review', rounds: [] };
  let decision: CardDecision | undefined;
  let resubmitted = false;
  setHandler(cardModerationState, () => state);
  // Only a decision on the card under review counts, and only a returned card can come back.
  setHandler(decideCard, (d) => void (state.status === 'in_review' && (decision ??= d)));
  setHandler(resubmitCard, () => void (state.status === 'returned' && (resubmitted = true)));

  let submittedAt = input.submittedAt;
  for (;;) {
    const round: CardRound = {
      round: state.rounds.length + 1,
      submittedAt,
      reviewDueAt: submittedAt + CARD_REVIEW_MS,
      escalatedAt: null,
      decidedAt: null,
      decision: null,
      errors: [],
      reviewerId: null,
    };
    state.rounds.push(round);
    state.status = 'in_review';
    // A decision sent before the workflow's first task (the row says "in_review" from the
    // submission on) is delivered when the handler is set, above: it must not be wiped here.
    // Each round's decision is cleared once consumed, below. Older histories replay the old reset.
    if (!patched('keep-early-decision')) decision = undefined;
    resubmitted = false;
    await recordCardRound({ cardId: input.cardId, status: state.status, round });

    const decidedInTime = await condition(() => decision !== undefined, Math.max(0, round.reviewDueAt - Date.now()));
    if (!decidedInTime) {
      round.escalatedAt = Date.now();
      await recordCardRound({ cardId: input.cardId, status: state.status, round });
      await escalateCardReview({ cardId: input.cardId, round: round.round, reviewDueAt: round.reviewDueAt });
      await condition(() => decision !== undefined);
    }
    const made = decision!;
    decision = undefined;
    round.decidedAt = Date.now();
    round.decision = made.decision;
    round.errors = made.errors;
    round.reviewerId = made.reviewerId;
    state.status = made.decision === 'approve' ? 'approved' : 'returned';
    await recordCardRound({ cardId: input.cardId, status: state.status, round });
    await notifyCardSubmitter({ cardId: input.cardId, round: round.round, status: state.status, errors: round.errors });
    if (state.status === 'approved') return state;

    // A resubmission may already have arrived while the activities above ran (the card shows
    // "returned" from the first of them): it must not be forgotten. Histories recorded before
    // this fix replay the old reset.
    if (!patched('keep-early-resubmission')) resubmitted = false;
    if (!(await condition(() => resubmitted, RETURNED_CARD_KEPT_MS))) {
      state.status = 'abandoned'; // the row stays "returned": the sender may submit a new card
      return state;
    }
    // SUP-8: "after correction and resubmission the review may again take up to 5 days".
    submittedAt = Date.now();
  }
}
