import type { Actor, ConsultationOffer, ConsultationParty, ConsultationState, OfferTerms } from '../contract.ts';
import { partyOf, refuse, requireParty, requireStatus } from './guards.ts';
import { openConsultationPayment } from './payment.ts';
import { event, notify, setStatus, systemMessage, type Step } from './step.ts';

// CHAT-2: a paid consultation starts in one of two ways — the client offers (problem summary,
// price, duration) and the specialist answers, or the specialist offers (price, duration) and
// the client answers. The answer is accept, decline or counter; a counter is a new offer the
// other side answers in turn. One open offer at a time; every version stays in the state (the
// chat shows them all); an offer expires after `settings.offerTtlMs` (24 h, see settings.ts).
// Acceptance opens the payment in the chat (CHAT-3, payment.ts).

/** CHAT-2: an agreed duration from a quarter of an hour to a week (the chat is asynchronous). */
export const MIN_DURATION_MINUTES = 15;
export const MAX_DURATION_MINUTES = 7 * 24 * 60;

export const openOffer = (state: ConsultationState): ConsultationOffer | undefined => state.offers.find((o) => o.status === 'open');

/** The open offer, unless its time ran out (its timer may not have fired yet). */
export function liveOffer(state: ConsultationState, now: number): ConsultationOffer | undefined {
  const offer = openOffer(state);
  return offer && now < offer.expiresAt ? offer : undefined;
}

function termsRefusal(party: ConsultationParty, terms: OfferTerms): void {
  if (!Number.isSafeInteger(terms.price) || terms.price <= 0) {
    refuse('VALIDATION_FAILED', 'The price is a positive whole number of minor units (tiyin).');
  }
  const d = terms.durationMinutes;
  if (!Number.isInteger(d) || d < MIN_DURATION_MINUTES || d > MAX_DURATION_MINUTES) {
    refuse(
      'VALIDATION_FAILED',
      `The duration is ${MIN_DURATION_MINUTES} minutes to ${MAX_DURATION_MINUTES / 1440} days, in whole minutes.`,
    );
  }
  // CHAT-2: the client's offer carries a short summary of the problem (a message in the chat).
  if (party === 'client' && !terms.summaryMessageId) {
    refuse('VALIDATION_FAILED', 'Describe the problem in a message and attach it to the offer (CHAT-2).');
  }
}

export function makeOfferRefusal(state: ConsultationState, by: Actor, terms: OfferTerms, now: number): void {
  const party = requireParty(state, by);
  requireStatus(state, 'negotiating');
  const open = liveOffer(state, now);
  if (open) refuse('CONSULTATION_OFFER_OPEN', `Offer ${open.id} is still open: answer or counter it (one open offer at a time, CHAT-2).`);
  termsRefusal(party, terms);
}

/** Accept, decline or counter: the other side answers the current open offer. */
export function answerRefusal(state: ConsultationState, by: Actor, offerId: string, now: number): void {
  const party = requireParty(state, by);
  requireStatus(state, 'negotiating');
  const offer = openOffer(state);
  if (!offer) refuse('CONSULTATION_NO_OPEN_OFFER', 'There is no open offer to answer.');
  if (offer.id !== offerId) refuse('CONSULTATION_OFFER_CHANGED', `Offer ${offerId} is no longer open; the current one is ${offer.id}.`);
  if (now >= offer.expiresAt) refuse('CONSULTATION_OFFER_EXPIRED', `Offer ${offer.id} expired; make a new one.`);
  if (offer.by === party) refuse('CONSULTATION_OWN_OFFER', 'The other side accepts, declines or counters your offer (CHAT-2).');
}

export function counterRefusal(state: ConsultationState, by: Actor, offerId: string, terms: OfferTerms, now: number): void {
  answerRefusal(state, by, offerId, now);
  termsRefusal(partyOf(state, by)!, terms);
}

const other = (party: ConsultationParty): ConsultationParty => (party === 'client' ? 'specialist' : 'client');

const offerParams = (state: ConsultationState, o: ConsultationOffer) => ({
  offerId: o.id,
  version: o.version,
  by: o.by,
  price: o.price,
  currency: state.currency,
  durationMinutes: o.durationMinutes,
  expiresAt: o.expiresAt,
});

function addOffer(step: Step, party: ConsultationParty, terms: OfferTerms, counters: string | null): ConsultationOffer {
  const { state, now } = step;
  const version = state.offers.length + 1;
  const offer: ConsultationOffer = {
    id: `offer-${version}`,
    version,
    by: party,
    price: terms.price,
    durationMinutes: terms.durationMinutes,
    summaryMessageId: terms.summaryMessageId ?? null,
    madeAt: now,
    expiresAt: now + state.settings.offerTtlMs,
    status: 'open',
    answeredAt: null,
    counters,
  };
  state.offers.push(offer);
  state.lastActivityAt = now;
  const code = counters === null ? 'offer_made' : 'offer_countered';
  event(step, code, offer.id);
  systemMessage(step, `${offer.id}/made`, code, offerParams(state, offer));
  notify(step, `${offer.id}/made`, [other(party)], code, offerParams(state, offer));
  return offer;
}

export function makeOffer(step: Step, by: Actor, terms: OfferTerms): void {
  offerExpired(step); // an open offer past its time, whose timer has not fired yet
  addOffer(step, partyOf(step.state, by)!, terms, null);
}

function answer(step: Step, status: ConsultationOffer['status']): ConsultationOffer {
  const offer = openOffer(step.state)!;
  offer.status = status;
  offer.answeredAt = step.now;
  step.state.lastActivityAt = step.now;
  return offer;
}

export function counterOffer(step: Step, by: Actor, terms: OfferTerms): void {
  const countered = answer(step, 'countered');
  addOffer(step, partyOf(step.state, by)!, terms, countered.id);
}

export function declineOffer(step: Step): void {
  const offer = answer(step, 'declined');
  event(step, 'offer_declined', offer.id);
  systemMessage(step, `${offer.id}/declined`, 'offer_declined', offerParams(step.state, offer));
  notify(step, `${offer.id}/declined`, [offer.by], 'offer_declined', offerParams(step.state, offer));
}

/** CHAT-2 → CHAT-3: the terms are agreed; the client pays inside the chat. */
export function acceptOffer(step: Step): void {
  const offer = answer(step, 'accepted');
  event(step, 'offer_accepted', offer.id);
  const payment = openConsultationPayment(step, offer);
  setStatus(step, 'awaiting_payment');
  const params = { ...offerParams(step.state, offer), paymentKey: payment.key, payBy: payment.expiresAt };
  systemMessage(step, `${offer.id}/accepted`, 'offer_accepted', params);
  // The author of the offer may have left the chat: they are told by mail too.
  notify(step, `${offer.id}/accepted`, [offer.by], 'offer_accepted', params);
}

/** The open offer's time ran out. */
export function offerExpired(step: Step): void {
  const offer = openOffer(step.state);
  if (!offer || step.now < offer.expiresAt) return;
  offer.status = 'expired';
  step.state.lastActivityAt = step.now;
  event(step, 'offer_expired', offer.id);
  systemMessage(step, `${offer.id}/expired`, 'offer_expired', offerParams(step.state, offer));
}

/** No offer for `idleCloseMs` (30 days): the consultation lapses; the conversation stays. */
export function idleClose(step: Step): void {
  const { state, now } = step;
  if (state.status !== 'negotiating' || openOffer(state) || now < state.lastActivityAt + state.settings.idleCloseMs) return;
  setStatus(step, 'lapsed');
  systemMessage(step, 'lapsed', 'lapsed', { lastActivityAt: state.lastActivityAt });
}
