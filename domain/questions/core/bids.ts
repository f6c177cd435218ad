import type { Actor, BidTerms, QuestionBid, QuestionState } from '../contract.ts';
import {
  refuse,
  requireClient,
  requireEntry,
  requireOpen,
  requirePrice,
  requirePromiseInRange,
  requireSpecialist,
  requireStatus,
} from './guards.ts';
import { startRound } from './rounds.ts';
import { activeRound, event, notify, setRoundStatus, setStatus, type Step } from './step.ts';

// QA-3: while the question is published, several specialists bid at once: a price (0 = free), an
// explanation of the price (an entry), and a promised publication date 1–30 days out (settings.ts;
// the seed's 3–10 days are typical, not a bound). One live bid per specialist, editable or
// withdrawable until chosen; a withdrawn bid may be followed by a new one. Not-chosen bids stay
// live (editable, withdrawable) as the client's fall-back for QA-10 until an answer is published.
// The vetting of the bidder (CHAT-1's gate) is checked by the service before it calls.
// QA-4: the client picks one live bid — at the version they saw, so an edit in between is not
// accepted blindly (QUESTION_BID_CHANGED) — and confirms readiness to pay a price above 0; or
// declines them all and the question closes. The other bidders are told.

const bidOf = (state: QuestionState, bidId: string): QuestionBid | undefined => state.bids.find((b) => b.id === bidId);

function requireTerms(state: QuestionState, terms: BidTerms, now: number): void {
  requirePrice(terms.price);
  requireEntry(terms.explanationEntryId, 'The explanation of the price (an entry)');
  requirePromiseInRange(state, terms.promisedAt, now);
}

export function placeBidRefusal(state: QuestionState, by: Actor, terms: BidTerms, now: number): void {
  requireSpecialist(state, by);
  requireStatus(state, 'published');
  if (state.bids.some((b) => b.specialistId === by.userId && (b.status === 'live' || b.status === 'chosen'))) {
    refuse('QUESTION_BID_EXISTS', 'You already have a bid on this question: edit or withdraw it (QA-3).');
  }
  requireTerms(state, terms, now);
}

export function placeBid(step: Step, by: Actor, terms: BidTerms): void {
  const { state, now } = step;
  const bid: QuestionBid = {
    id: `bid-${state.bids.length + 1}`,
    specialistId: by.userId,
    price: terms.price,
    explanationEntryId: terms.explanationEntryId,
    promisedAt: terms.promisedAt,
    madeAt: now,
    version: 1,
    updatedAt: now,
    status: 'live',
  };
  state.bids.push(bid);
  notify(step, `${bid.id}/placed`, [state.clientId], 'bid_placed', { bidId: bid.id, price: bid.price, promisedAt: bid.promisedAt });
}

/** The specialist's own live bid, or a refusal. */
function ownLiveBid(state: QuestionState, by: Actor, bidId: string): QuestionBid {
  requireSpecialist(state, by);
  requireOpen(state);
  const bid = bidOf(state, bidId);
  if (!bid || bid.specialistId !== by.userId) refuse('NOT_FOUND', 'No such bid of yours.');
  if (bid.status !== 'live') refuse('QUESTION_BID_NOT_LIVE', `The bid is ${bid.status}: it can no longer be changed (QA-3).`);
  return bid;
}

export function editBidRefusal(state: QuestionState, by: Actor, bidId: string, terms: BidTerms, now: number): void {
  ownLiveBid(state, by, bidId);
  requireTerms(state, terms, now);
}

export function editBid(step: Step, bidId: string, terms: BidTerms): void {
  const bid = bidOf(step.state, bidId)!;
  Object.assign(bid, { ...terms, version: bid.version + 1, updatedAt: step.now });
  event(step, 'bid_edited', `${bid.id} v${bid.version}`);
}

export function withdrawBidRefusal(state: QuestionState, by: Actor, bidId: string): void {
  ownLiveBid(state, by, bidId);
}

export function withdrawBid(step: Step, bidId: string): void {
  const bid = bidOf(step.state, bidId)!;
  bid.status = 'withdrawn';
  bid.updatedAt = step.now;
  event(step, 'bid_withdrawn', bid.id);
}

export function chooseBidRefusal(
  state: QuestionState,
  by: Actor,
  c: { bidId: string; bidVersion: number; confirmsPayment: boolean },
  now: number,
): void {
  requireClient(state, by);
  requireStatus(state, 'published', 'overdue');
  // QA-10: another bid only instead of a round 1-kind answer whose date was missed.
  if (state.status === 'overdue' && activeRound(state)?.kind !== 'answer') {
    refuse('QUESTION_STATE_CONFLICT', 'Extra drawings have no other bids: wait for a new date or cancel (QA-10).');
  }
  const bid = bidOf(state, c.bidId);
  if (!bid) refuse('NOT_FOUND', 'No such bid.');
  if (bid.status !== 'live') refuse('QUESTION_BID_NOT_LIVE', `The bid is ${bid.status}.`);
  if (bid.version !== c.bidVersion) refuse('QUESTION_BID_CHANGED', 'The specialist changed this bid since you saw it: look at it again.');
  if (bid.price > 0 && c.confirmsPayment !== true) {
    refuse('QUESTION_PAYMENT_NOT_CONFIRMED', 'Confirm that you are ready to pay the price of this bid (QA-4).');
  }
  if (bid.promisedAt <= now)
    refuse('QUESTION_BID_DATE_OUT_OF_RANGE', "The bid's promised date has passed: ask its specialist to update it.");
}

export function chooseBid(step: Step, bidId: string): void {
  const { state } = step;
  const replaced = activeRound(state);
  if (replaced) {
    // QA-10: the missed round gives way to the new choice.
    setRoundStatus(step, replaced, 'replaced');
    const dropped = bidOf(state, replaced.bidId ?? '');
    if (dropped) dropped.status = 'dropped';
    notify(step, `round-${replaced.no}/replaced`, [replaced.specialistId], 'round_cancelled', {
      round: replaced.no,
      reason: 'another_bid_chosen',
    });
  }
  const bid = bidOf(state, bidId)!;
  bid.status = 'chosen';
  const round = startRound(step, {
    kind: 'answer',
    bidId,
    proposalId: null,
    specialistId: bid.specialistId,
    price: bid.price,
    promisedAt: bid.promisedAt,
  });
  notify(step, `round-${round.no}/chosen`, [bid.specialistId], 'bid_chosen', {
    round: round.no,
    bidId,
    price: bid.price,
    promisedAt: bid.promisedAt,
  });
  const others = state.bids.filter((b) => b.status === 'live').map((b) => b.specialistId);
  if (others.length > 0) notify(step, `round-${round.no}/not-chosen`, others, 'bid_not_chosen', { round: round.no });
}

export function declineBidsRefusal(state: QuestionState, by: Actor): void {
  requireClient(state, by);
  requireStatus(state, 'published');
}

export function declineBids(step: Step): void {
  const bidders = closeLiveBids(step);
  setStatus(step, 'declined');
  if (bidders.length > 0) notify(step, 'bids/declined', bidders, 'bids_declined');
}

/** QA-3, QA-4: no choice within the bidding window: the question lapses and the bidders are released. */
export function biddingClosed(step: Step): void {
  const { state, now } = step;
  if (state.status !== 'published' || state.publishedAt === null || now < state.publishedAt + state.settings.biddingWindowMs) return;
  const bidders = closeLiveBids(step);
  setStatus(step, 'lapsed');
  notify(step, 'bids/lapsed', [state.clientId, ...bidders], 'question_lapsed');
}

/** The question moved on: every live bid closes. Returns their specialists. */
export function closeLiveBids(step: Step): string[] {
  const live = step.state.bids.filter((b) => b.status === 'live');
  for (const bid of live) bid.status = 'closed';
  return live.map((b) => b.specialistId);
}
