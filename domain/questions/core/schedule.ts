import type { QuestionRound, QuestionState } from '../contract.ts';
import { lateGraceEnd } from './publication.ts';
import { isFinal } from './step.ts';
import type { DueTimer } from './types.ts';

// Which timer the question waits for next: a pure function of the state, recomputed after every
// transition instead of keeping timers. Moderation's deadline and the client's clarification
// (QA-1), the bidding window (QA-3, QA-4), each round's promised date and missed-date close
// (QA-10), payment window (QA-6), complaint window and arbitration deadline (QA-9), the
// extra-drawings proposals (QA-7), and the late-payment grace of a closed question.

function roundTimers(state: QuestionState, round: QuestionRound): DueTimer[] {
  const no = round.no;
  switch (round.status) {
    case 'in_work':
      return [{ at: round.promisedAt, event: 'promised_date', round: no }];
    case 'overdue':
      return [{ at: round.missedAt! + state.settings.overdueCloseMs, event: 'overdue_close', round: no }];
    case 'awaiting_payment':
      return [{ at: round.payments[0]!.expiresAt, event: 'payment_window_closed', round: no }];
    case 'answered':
      return [{ at: round.complaintDeadline!, event: 'complaint_window_closed', round: no }];
    case 'in_complaint':
      return round.complaint!.escalatedAt === null ? [{ at: round.complaint!.decideBy, event: 'arbitration_overdue', round: no }] : [];
    default:
      return [];
  }
}

function workTimers(state: QuestionState): DueTimer[] {
  const { moderation, settings } = state;
  const timers: DueTimer[] = [];
  if (moderation.turn === 'admin' && moderation.escalatedAt === null && moderation.decideBy !== null) {
    timers.push({ at: moderation.decideBy, event: 'moderation_overdue' });
  }
  if (moderation.turn === 'client' && moderation.clarifyBy !== null)
    timers.push({ at: moderation.clarifyBy, event: 'clarification_lapsed' });
  if (state.status === 'published' && state.publishedAt !== null) {
    timers.push({ at: state.publishedAt + settings.biddingWindowMs, event: 'bidding_closed' });
  }
  for (const round of state.rounds) timers.push(...roundTimers(state, round));
  for (const p of state.proposals) if (p.status === 'open') timers.push({ at: p.expiresAt, event: 'proposal_expired' });
  return timers;
}

/** The earliest timer the question waits for, or null when only a command or a payment can move it. */
export function nextTimer(state: QuestionState): DueTimer | null {
  if (isFinal(state.status)) {
    const graceEnd = lateGraceEnd(state);
    return graceEnd > (state.closedAt ?? 0) ? { at: graceEnd, event: 'late_payment_grace_over' } : null;
  }
  return workTimers(state).reduce<DueTimer | null>((first, t) => (first === null || t.at < first.at ? t : first), null);
}

/** What an operator sorts by (search attribute NextDeadline): the next business deadline. */
export const operatorDeadline = (state: QuestionState): number | null => (isFinal(state.status) ? null : (nextTimer(state)?.at ?? null));

/** QA-8: the rounds whose answer the client may rate (the API keeps the rating, once per answer). */
export const rateableRounds = (state: QuestionState): number[] => state.rounds.filter((r) => r.rateable).map((r) => r.no);
