import type { Actor, QuestionRound, QuestionState, RoundKind } from '../contract.ts';
import {
  refuse,
  requireClient,
  requireEntry,
  requireOpen,
  requirePromiseInRange,
  requireRoundSpecialist,
  requireRoundStatus,
} from './guards.ts';
import { activeRound, escalate, event, notify, setRoundStatus, type Step } from './step.ts';

// A round: one chosen bid (QA-4), or one ordered set of extra drawings (QA-7), worked on by its
// specialist until published (QA-6). This module holds what happens while it is worked on:
// QA-5 clarifications, the promised date and QA-10's missed date.
//
// QA-5: the chosen specialist may ask the client for clarification at any point before
// answering; the client answers in the question. A clarification does NOT move the promised date
// (the client may have chosen this bid for its date); a specialist who needs more time proposes
// a new date, binding only once the client accepts it (proposeNewDate / acceptNewDate).
// QA-10: a durable timer at the promised date; passed without publication, the administration is
// alerted once for that date (mail and queue, the `escalate` activity), the client is told and may
// wait for a new date the specialist proposes (and accept it), choose another still-live bid
// (chooseBid, round 1's kind only), or cancel at no cost (cancelRound: nothing was paid before a
// publication). The specialist may still publish late until the client picks one of those.
// Nobody acting for `overdueCloseMs` cancels the round at no cost (settings.ts).

export function startRound(
  step: Step,
  source: { kind: RoundKind; bidId: string | null; proposalId: string | null; specialistId: string; price: number; promisedAt: number },
): QuestionRound {
  const round: QuestionRound = {
    no: step.state.rounds.length + 1,
    ...source,
    chosenAt: step.now,
    missedAt: null,
    dateProposals: [],
    clarifications: [],
    answer: null,
    fullAnswerOpen: false,
    fullAnswerOpenedAt: null,
    payments: [],
    complaintDeadline: null,
    complaint: null,
    settlement: null,
    rateable: false,
    status: 'in_work',
    closedAt: null,
  };
  step.state.rounds.push(round);
  event(
    step,
    'round_started',
    `round ${round.no} (${round.kind}) with ${round.specialistId}, due ${new Date(round.promisedAt).toISOString()}`,
  );
  return round;
}

/** The round the specialist works on (in work, or past its date), or a refusal. */
export function workingRound(state: QuestionState, by: Actor): QuestionRound {
  requireOpen(state);
  const round = activeRound(state);
  requireRoundSpecialist(state, by, round);
  requireRoundStatus(round, 'in_work', 'overdue');
  return round;
}

const openClarification = (round: QuestionRound | undefined) => round?.clarifications.find((c) => c.answeredAt === null);
const openDateProposal = (round: QuestionRound | undefined) => round?.dateProposals.find((p) => p.status === 'open');

// ── QA-5: clarifications ──

export function askClientRefusal(state: QuestionState, by: Actor, entryId: string): void {
  const round = workingRound(state, by);
  requireEntry(entryId, 'The request (an entry)');
  if (openClarification(round)) refuse('QUESTION_CLARIFICATION_OPEN', 'The client has not answered the previous request yet.');
}

export function askClient(step: Step, entryId: string): void {
  const round = activeRound(step.state)!;
  round.clarifications.push({ askedAt: step.now, requestEntryId: entryId, answeredAt: null, answerEntryId: null });
  notify(step, `round-${round.no}/clarification-${round.clarifications.length}`, [step.state.clientId], 'clarification_requested', {
    round: round.no,
    entryId,
  });
}

export function answerSpecialistRefusal(state: QuestionState, by: Actor, entryId: string): void {
  requireClient(state, by);
  requireOpen(state);
  requireEntry(entryId, 'The clarification (an entry)');
  if (!openClarification(activeRound(state))) refuse('QUESTION_NO_OPEN_CLARIFICATION', 'Nobody asked you for a clarification.');
}

export function answerSpecialist(step: Step, entryId: string): void {
  const round = activeRound(step.state)!;
  const open = openClarification(round)!;
  Object.assign(open, { answeredAt: step.now, answerEntryId: entryId });
  notify(step, `round-${round.no}/clarified-${round.clarifications.length}`, [round.specialistId], 'clarification_supplied', {
    round: round.no,
    entryId,
  });
}

// ── QA-5, QA-10: a new date, binding once the client accepts ──

export function proposeNewDateRefusal(state: QuestionState, by: Actor, promisedAt: number, now: number): void {
  const round = workingRound(state, by);
  if (openDateProposal(round)) refuse('QUESTION_STATE_CONFLICT', 'A new date you proposed still waits for the client.');
  requirePromiseInRange(state, promisedAt, now);
}

export function proposeNewDate(step: Step, promisedAt: number): void {
  const round = activeRound(step.state)!;
  round.dateProposals.push({ proposedAt: step.now, promisedAt, status: 'open', answeredAt: null });
  notify(step, `round-${round.no}/date-${round.dateProposals.length}`, [step.state.clientId], 'new_date_proposed', {
    round: round.no,
    promisedAt,
  });
}

export function answerDateRefusal(state: QuestionState, by: Actor): void {
  requireClient(state, by);
  requireOpen(state);
  if (!openDateProposal(activeRound(state))) refuse('QUESTION_NO_DATE_PROPOSAL', 'No new date waits for your answer.');
}

export function answerDate(step: Step, accept: boolean): void {
  const round = activeRound(step.state)!;
  const proposal = openDateProposal(round)!;
  Object.assign(proposal, { status: accept ? 'accepted' : 'rejected', answeredAt: step.now });
  const key = `round-${round.no}/date-${round.dateProposals.length}`;
  if (accept) {
    round.promisedAt = proposal.promisedAt;
    // A new date agreed after a miss puts the round back to work, with its own timer (and its own alert if missed again).
    if (round.status === 'overdue') setRoundStatus(step, round, 'in_work');
  }
  notify(step, `${key}/${proposal.status}`, [round.specialistId], accept ? 'new_date_accepted' : 'new_date_rejected', {
    round: round.no,
    promisedAt: proposal.promisedAt,
  });
}

// ── QA-10: the promised date passed ──

export function promisedDatePassed(step: Step): void {
  const round = activeRound(step.state);
  if (round?.status !== 'in_work' || step.now < round.promisedAt) return;
  round.missedAt = step.now;
  setRoundStatus(step, round, 'overdue');
  const key = `round-${round.no}/missed-${round.promisedAt}`;
  escalate(step, key, 'promised_date_missed', `round ${round.no}: promised ${new Date(round.promisedAt).toISOString()}, not published`);
  const options = round.kind === 'answer' ? 'wait_choose_another_or_cancel' : 'wait_or_cancel';
  notify(step, key, [step.state.clientId], 'promised_date_missed', { round: round.no, promisedAt: round.promisedAt, options });
  notify(step, `${key}/specialist`, [round.specialistId], 'promised_date_missed', { round: round.no, promisedAt: round.promisedAt });
}

export function cancelRoundRefusal(state: QuestionState, by: Actor): void {
  requireClient(state, by);
  requireOpen(state);
  const round = activeRound(state);
  if (round?.status !== 'overdue')
    refuse('QUESTION_NOT_OVERDUE', 'A round can be cancelled at no cost only after its promised date passed (QA-10).');
}

/** QA-10: cancelled at no cost (by the client, or by nobody acting for `overdueCloseMs`); its bid is dropped. */
export function cancelOverdueRound(step: Step, reason: 'client' | 'nobody_acted'): void {
  const round = activeRound(step.state)!;
  setRoundStatus(step, round, 'cancelled');
  const bid = step.state.bids.find((b) => b.id === round.bidId);
  if (bid) bid.status = 'dropped';
  notify(step, `round-${round.no}/cancelled`, [round.specialistId, step.state.clientId], 'round_cancelled', { round: round.no, reason });
}

export function overdueClose(step: Step): void {
  const round = activeRound(step.state);
  if (round?.status !== 'overdue' || step.now < round.missedAt! + step.state.settings.overdueCloseMs) return;
  cancelOverdueRound(step, 'nobody_acted');
}
