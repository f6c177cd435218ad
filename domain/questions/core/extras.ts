import type { Actor, ExtraDrawingsProposal, QuestionState } from '../contract.ts';
import { refuse, requireClient, requireEntry, requireOpen, requirePrice, requirePromiseInRange, requireSpecialist } from './guards.ts';
import { startRound } from './rounds.ts';
import { activeRound, event, notify, type Step } from './step.ts';

// QA-7: a specialist whose answer the client has (a round with the full answer open) may propose
// additional drawings — a description (an entry), a price (0 = free) and a promised date within
// QA-3's bounds. The client orders it, confirming readiness to pay a price above 0 (QA-4), or
// declines it; ordered, it becomes a new round of the same question that runs QA-5, QA-6, QA-9
// and QA-10 again. The proposal is the round's only bid: there is no other to choose after a
// missed date. One round is worked on at a time, so an order waits until no round is in work or
// awaiting payment; one open proposal per specialist. Proposals may come until the question
// closes (its last round's complaint window); an open proposal keeps it open until it expires
// (`proposalTtlMs`) or is answered.

const proposalOf = (state: QuestionState, id: string) => state.proposals.find((p) => p.id === id);

export function proposeRefusal(
  state: QuestionState,
  by: Actor,
  c: { entryId: string; price: number; promisedAt: number },
  now: number,
): void {
  requireSpecialist(state, by);
  requireOpen(state);
  if (!state.rounds.some((r) => r.specialistId === by.userId && r.fullAnswerOpen)) {
    refuse('QUESTION_STATE_CONFLICT', 'Extra drawings are proposed by a specialist whose answer the client has (QA-7).');
  }
  if (state.proposals.some((p) => p.specialistId === by.userId && p.status === 'open')) {
    refuse('QUESTION_STATE_CONFLICT', 'Your previous proposal still waits for the client.');
  }
  requireEntry(c.entryId, 'The description of the drawings (an entry)');
  requirePrice(c.price);
  requirePromiseInRange(state, c.promisedAt, now);
}

export function propose(step: Step, by: Actor, c: { entryId: string; price: number; promisedAt: number }): void {
  const { state, now } = step;
  const afterRound = state.rounds.filter((r) => r.specialistId === by.userId && r.fullAnswerOpen).at(-1)!.no;
  const proposal: ExtraDrawingsProposal = {
    id: `extra-${state.proposals.length + 1}`,
    specialistId: by.userId,
    afterRound,
    entryId: c.entryId,
    price: c.price,
    promisedAt: c.promisedAt,
    madeAt: now,
    expiresAt: now + state.settings.proposalTtlMs,
    status: 'open',
    answeredAt: null,
    round: null,
  };
  state.proposals.push(proposal);
  notify(step, `${proposal.id}/proposed`, [state.clientId], 'extra_drawings_proposed', {
    proposalId: proposal.id,
    price: c.price,
    promisedAt: c.promisedAt,
    currency: state.currency,
  });
}

function openProposal(state: QuestionState, by: Actor, proposalId: string, now: number): ExtraDrawingsProposal {
  requireClient(state, by);
  requireOpen(state);
  const proposal = proposalOf(state, proposalId);
  if (!proposal) refuse('NOT_FOUND', 'No such proposal.');
  if (proposal.status !== 'open' || now >= proposal.expiresAt) refuse('QUESTION_NO_OPEN_PROPOSAL', `The proposal is no longer open.`);
  return proposal;
}

export function orderRefusal(state: QuestionState, by: Actor, proposalId: string, confirmsPayment: boolean, now: number): void {
  const proposal = openProposal(state, by, proposalId, now);
  if (activeRound(state)) refuse('QUESTION_STATE_CONFLICT', 'Another round is still in work or awaiting payment.');
  if (proposal.price > 0 && confirmsPayment !== true) {
    refuse('QUESTION_PAYMENT_NOT_CONFIRMED', 'Confirm that you are ready to pay the price of the extra drawings (QA-7, QA-4).');
  }
  if (proposal.promisedAt <= now)
    refuse('QUESTION_BID_DATE_OUT_OF_RANGE', "The proposal's promised date has passed: ask the specialist for a new one.");
}

export function order(step: Step, proposalId: string): void {
  const proposal = proposalOf(step.state, proposalId)!;
  const round = startRound(step, {
    kind: 'extra_drawings',
    bidId: null,
    proposalId,
    specialistId: proposal.specialistId,
    price: proposal.price,
    promisedAt: proposal.promisedAt,
  });
  Object.assign(proposal, { status: 'ordered', answeredAt: step.now, round: round.no });
  notify(step, `${proposal.id}/ordered`, [proposal.specialistId], 'extra_drawings_ordered', { proposalId, round: round.no });
}

export function declineRefusal(state: QuestionState, by: Actor, proposalId: string, now: number): void {
  openProposal(state, by, proposalId, now);
}

export function decline(step: Step, proposalId: string): void {
  const proposal = proposalOf(step.state, proposalId)!;
  Object.assign(proposal, { status: 'declined', answeredAt: step.now });
  notify(step, `${proposal.id}/declined`, [proposal.specialistId], 'extra_drawings_declined', { proposalId });
}

export function proposalsExpired(step: Step): void {
  for (const proposal of step.state.proposals) {
    if (proposal.status !== 'open' || step.now < proposal.expiresAt) continue;
    Object.assign(proposal, { status: 'expired', answeredAt: step.now });
    event(step, 'proposal_expired', proposal.id);
    notify(step, `${proposal.id}/expired`, [proposal.specialistId], 'extra_drawings_expired', { proposalId: proposal.id });
  }
}
