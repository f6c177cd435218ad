import type { QuestionInput, QuestionState, QuestionStatus } from '../contract.ts';
import * as bids from './bids.ts';
import * as complaints from './complaints.ts';
import { reversalRefused, settlementReversed, syncEarnings } from './earnings.ts';
import * as extras from './extras.ts';
import { Refused, refuse, requireEntry } from './guards.ts';
import * as moderation from './moderation.ts';
import * as publication from './publication.ts';
import * as rounds from './rounds.ts';
import { resolveSettings } from './settings.ts';
import { copyState, event, isFinal, isFinalRound, setStatus, type Step } from './step.ts';
import type { QuestionCommand, QuestionEffect, QuestionEvent, QuestionStimulus, Refusal } from './types.ts';

// The question with bids of Archi-help (seed 002) as a pure state machine, one module per rule:
//   moderation.ts (QA-1, QA-2)      bids.ts (QA-3, QA-4)            rounds.ts (QA-5, QA-10)
//   publication.ts (QA-6, PAY-2/3/6) extras.ts (QA-7)               complaints.ts (QA-9)
//   earnings.ts (PAY-2, PAY-5, QA-9; shared rules in domain/earnings.ts)
//   schedule.ts (timers)             settings.ts (the timings' defaults and why)
// QA-8 (the rating) is kept by the API in the database; `rateable` on a round says it may be given.
// No Temporal, no clock: `now` is an argument. The workflow runs it in a thin loop: the update
// validators call `refusal`, everything else goes through `decide`, and the effects come back as
// activities whose results (paymentOpened, holdPlaced, settlementReversed …) are fed to `decide`.

export type * from './types.ts';
export { nextTimer, operatorDeadline, rateableRounds } from './schedule.ts';
export { questionDone } from './publication.ts';
export { isFinal, isFinalRound } from './step.ts';
export { DEFAULT_QUESTION_SETTINGS, LATE_PAYMENT_GRACE_MS } from './settings.ts';

export interface Transition {
  state: QuestionState;
  events: QuestionEvent[];
  effects: QuestionEffect[];
}

function refusalOf(check: () => void): Refusal | null {
  try {
    check();
    return null;
  } catch (error) {
    if (error instanceof Refused) return error.refusal;
    throw error;
  }
}

export function startRefusal(input: QuestionInput): Refusal | null {
  return refusalOf(() => {
    requireEntry(input.entryId, 'The question (an entry)');
    if (!Number.isInteger(input.commissionBps) || input.commissionBps < 0 || input.commissionBps > 10_000) {
      refuse('VALIDATION_FAILED', `The commission is 0–10000 basis points, got ${input.commissionBps}.`);
    }
  });
}

/** QA-1: a new question, in moderation (or the state carried across continue-as-new), or its refusal. */
export function start(input: QuestionInput, now: number): { refusal: Refusal } | Transition {
  if (input.carried) return { state: copyState(input.carried), events: [], effects: [] };
  const refused = startRefusal(input);
  if (refused) return { refusal: refused };
  const step: Step = {
    now,
    state: {
      questionId: input.questionId,
      clientId: input.clientId,
      entryId: input.entryId,
      askedAgainFrom: input.askedAgainFrom ?? null,
      currency: input.currency,
      commissionBps: input.commissionBps,
      calendar: input.calendar,
      settings: resolveSettings(input.settings),
      status: 'in_moderation',
      askedAt: input.askedAt,
      moderation: { turn: 'admin', decideBy: null, escalatedAt: null, clarifyBy: null, log: [] },
      publishedAt: null,
      bids: [],
      rounds: [],
      proposals: [],
      closedAt: null,
    },
    events: [],
    effects: [],
  };
  moderation.asked(step);
  return step;
}

/** Why `command` does not apply to the question at `now`, or null when it does. */
export function refusal(state: QuestionState, command: QuestionCommand, now: number): Refusal | null {
  return refusalOf(() => commandRefusal(state, command, now));
}

/** Clarifications go to whoever is asking: the administration in moderation (QA-1), the round's specialist after (QA-5). */
const inModeration = (state: QuestionState): boolean => state.status === 'in_moderation' || state.status === 'awaiting_clarification';

function commandRefusal(state: QuestionState, c: QuestionCommand, now: number): void {
  switch (c.type) {
    case 'publishQuestion':
      return moderation.moderateRefusal(state, c.by, null);
    case 'deleteQuestion':
    case 'returnQuestion':
      return moderation.moderateRefusal(state, c.by, c.entryId);
    case 'requestClarification':
      return c.by.role === 'admin'
        ? moderation.requireModerationClarificationRequest(state, c.by, c.entryId)
        : rounds.askClientRefusal(state, c.by, c.entryId);
    case 'supplyClarification':
      return inModeration(state)
        ? moderation.supplyModerationClarificationRefusal(state, c.by, c.entryId)
        : rounds.answerSpecialistRefusal(state, c.by, c.entryId);
    case 'placeBid':
      return bids.placeBidRefusal(state, c.by, c, now);
    case 'editBid':
      return bids.editBidRefusal(state, c.by, c.bidId, c, now);
    case 'withdrawBid':
      return bids.withdrawBidRefusal(state, c.by, c.bidId);
    case 'chooseBid':
      return bids.chooseBidRefusal(state, c.by, c, now);
    case 'declineBids':
      return bids.declineBidsRefusal(state, c.by);
    case 'proposeNewDate':
      return rounds.proposeNewDateRefusal(state, c.by, c.promisedAt, now);
    case 'acceptNewDate':
    case 'rejectNewDate':
      return rounds.answerDateRefusal(state, c.by);
    case 'cancelRound':
      return rounds.cancelRoundRefusal(state, c.by);
    case 'publishAnswer':
      return publication.publishAnswerRefusal(state, c.by, c.answerId, c.digest);
    case 'proposeExtraDrawings':
      return extras.proposeRefusal(state, c.by, c, now);
    case 'orderExtraDrawings':
      return extras.orderRefusal(state, c.by, c.proposalId, c.confirmsPayment, now);
    case 'declineExtraDrawings':
      return extras.declineRefusal(state, c.by, c.proposalId, now);
    case 'complain':
      return complaints.complainRefusal(state, c.by, c.round, c.reasonEntryId, now);
    case 'decideComplaint':
      return complaints.decideComplaintRefusal(state, c.by, c.round, c.decision, c.refundAmount);
  }
}

/**
 * Applies a command, a timer, a payment outcome or an effect's result at `now`. A command is
 * checked first (the same check as `refusal`); the caller's state is never changed.
 */
export function decide(state: QuestionState, stimulus: QuestionStimulus, now: number): { refusal: Refusal } | Transition {
  if (isCommand(stimulus)) {
    const refused = refusal(state, stimulus, now);
    if (refused) return { refusal: refused };
  }
  const step: Step = { now, state: copyState(state), events: [], effects: [] };
  apply(step, stimulus);
  // The specialist's money follows each round whatever brought the change (earnings.ts).
  syncEarnings(step);
  syncStatus(step);
  return step;
}

const NOT_COMMANDS = new Set(['timer', 'paymentSettled', 'paymentOpened', 'holdPlaced', 'settlementReversed', 'reversalRefused']);
const isCommand = (s: QuestionStimulus): s is QuestionCommand => !NOT_COMMANDS.has(s.type);

function apply(step: Step, s: QuestionStimulus): void {
  switch (s.type) {
    case 'timer':
      event(step, 'timer', s.event);
      return applyDue(step);
    case 'paymentSettled':
      return publication.paymentSettled(step, s);
    case 'paymentOpened':
      return publication.paymentOpened(step, s.paymentKey, s.paymentId, s.checkoutUrl);
    case 'holdPlaced':
      return publication.holdPlaced(step, s.paymentKey, s.holdId);
    case 'settlementReversed':
      return settlementReversed(step, s.holdId);
    case 'reversalRefused':
      return reversalRefused(step, s);
    default:
      return applyCommand(step, s);
  }
}

function applyCommand(step: Step, c: QuestionCommand): void {
  switch (c.type) {
    case 'publishQuestion':
      return moderation.publishQuestion(step, c.by);
    case 'deleteQuestion':
      return moderation.deleteQuestion(step, c.by, c.entryId);
    case 'returnQuestion':
      return moderation.returnQuestion(step, c.by, c.entryId);
    case 'requestClarification':
      return c.by.role === 'admin' ? moderation.requestModerationClarification(step, c.by, c.entryId) : rounds.askClient(step, c.entryId);
    case 'supplyClarification':
      return inModeration(step.state)
        ? moderation.supplyModerationClarification(step, c.entryId)
        : rounds.answerSpecialist(step, c.entryId);
    case 'placeBid':
      return bids.placeBid(step, c.by, c);
    case 'editBid':
      return bids.editBid(step, c.bidId, c);
    case 'withdrawBid':
      return bids.withdrawBid(step, c.bidId);
    case 'chooseBid':
      return bids.chooseBid(step, c.bidId);
    case 'declineBids':
      return bids.declineBids(step);
    case 'proposeNewDate':
      return rounds.proposeNewDate(step, c.promisedAt);
    case 'acceptNewDate':
      return rounds.answerDate(step, true);
    case 'rejectNewDate':
      return rounds.answerDate(step, false);
    case 'cancelRound':
      return rounds.cancelOverdueRound(step, 'client');
    case 'publishAnswer':
      return publication.publishAnswer(step, c.answerId, c.digest);
    case 'proposeExtraDrawings':
      return extras.propose(step, c.by, c);
    case 'orderExtraDrawings':
      return extras.order(step, c.proposalId);
    case 'declineExtraDrawings':
      return extras.decline(step, c.proposalId);
    case 'complain':
      return complaints.complain(step, c.round, c.reasonEntryId);
    case 'decideComplaint':
      return complaints.decideComplaint(step, c.by, c.round, c.decision, c.refundAmount, c.noteEntryId);
  }
}

/** Everything due at `now`; each handler checks its own condition, so a stale timer does nothing. */
function applyDue(step: Step): void {
  moderation.moderationOverdue(step);
  moderation.clarificationLapsed(step);
  bids.biddingClosed(step);
  rounds.promisedDatePassed(step);
  rounds.overdueClose(step);
  publication.paymentWindowClosed(step);
  extras.proposalsExpired(step);
  complaints.arbitrationOverdue(step);
  complaints.complaintWindowsClosed(step);
}

/** The rounds say what the question is doing once it is out of moderation; all of them finished and nothing proposed, it closes. */
function syncStatus(step: Step): void {
  const { state } = step;
  if (isFinal(state.status) || state.moderation.turn !== 'done' || state.rounds.length === 0) return;
  const open = state.rounds.filter((r) => !isFinalRound(r.status)).map((r) => r.status);
  const first = (['in_complaint', 'overdue', 'awaiting_payment', 'in_work', 'answered'] as const).find((s) => open.includes(s));
  if (first) return setStatus(step, first);
  if (state.proposals.some((p) => p.status === 'open')) return setStatus(step, 'answered');
  bids.closeLiveBids(step);
  const answered = state.rounds.some((r) => r.answer !== null);
  setStatus(step, (answered ? 'closed' : 'cancelled') satisfies QuestionStatus);
}
