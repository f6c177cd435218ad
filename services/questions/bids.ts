import { chooseBid, declineBids, editBid, placeBid, withdrawBid, type Actor, type QuestionState } from '../../domain/questions/contract.ts';
import { requireEligibleToOrder } from '../accounts/eligibility.ts';
import { requireVettedSpecialist } from '../specialists/vetting.ts';
import type { QuestionDeps } from './asking.ts';
import { sendQuestionCommand } from './commands.ts';
import { addQuestionEntry } from './entries.ts';

// QA-3: vetted specialists bid on a published question — a price (0 = free), the explanation of
// the price (kept in the question's history) and a promised publication date. QA-4: the client
// chooses one bid, confirming readiness to pay, or declines them all.

export interface BidOffer {
  /** Minor units of the question's currency; 0 = free. */
  price: number;
  explanation: string;
  /** Epoch ms. */
  promisedAt: number;
}

async function explanationEntry(deps: QuestionDeps, questionId: string, by: Actor, text: string, key: string): Promise<string> {
  return addQuestionEntry(deps.db, {
    questionId,
    kind: 'bid_explanation',
    authorId: by.userId,
    body: text,
    dedupeKey: `question-${questionId}/bid-explanation/${key}`,
  });
}

/** QA-3: a vetted specialist bids (one live bid per specialist per question: the workflow refuses a second). */
export async function bid(deps: QuestionDeps, questionId: string, by: Actor, offer: BidOffer, key: string): Promise<QuestionState> {
  await requireVettedSpecialist(deps.db, by.userId);
  const explanationEntryId = await explanationEntry(deps, questionId, by, offer.explanation, key);
  return sendQuestionCommand(deps.db, deps.temporal, questionId, placeBid, {
    by,
    price: offer.price,
    explanationEntryId,
    promisedAt: offer.promisedAt,
  });
}

/** QA-3: the bidder edits their live bid (a new version; the client chooses the version they saw). */
export async function changeBid(deps: QuestionDeps, questionId: string, bidId: string, by: Actor, offer: BidOffer, key: string) {
  await requireVettedSpecialist(deps.db, by.userId);
  const explanationEntryId = await explanationEntry(deps, questionId, by, offer.explanation, key);
  return sendQuestionCommand(deps.db, deps.temporal, questionId, editBid, {
    by,
    bidId,
    price: offer.price,
    explanationEntryId,
    promisedAt: offer.promisedAt,
  });
}

/** QA-3: the bidder withdraws their live bid. */
export const withdraw = (deps: QuestionDeps, questionId: string, bidId: string, by: Actor) =>
  sendQuestionCommand(deps.db, deps.temporal, questionId, withdrawBid, { by, bidId });

/** QA-4 (and QA-10's "choose another bid"): the client picks a bid at the version they saw. */
export async function choose(
  deps: QuestionDeps,
  questionId: string,
  by: Actor,
  choice: { bidId: string; bidVersion: number; confirmsPayment: boolean },
): Promise<QuestionState> {
  // ACC-4/5/6: confirming readiness to pay commits the client: the same checks as an order.
  if (choice.confirmsPayment) await requireEligibleToOrder(deps.db, by.userId);
  return sendQuestionCommand(deps.db, deps.temporal, questionId, chooseBid, { by, ...choice });
}

/** QA-4: the client declines every bid; the question closes and the bidders are told. */
export const declineAll = (deps: QuestionDeps, questionId: string, by: Actor) =>
  sendQuestionCommand(deps.db, deps.temporal, questionId, declineBids, { by });
