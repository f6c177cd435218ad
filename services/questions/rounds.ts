import { DomainError } from '../../domain/errors.ts';
import {
  acceptNewDate,
  cancelRound,
  complain,
  decideComplaint,
  declineExtraDrawings,
  orderExtraDrawings,
  proposeExtraDrawings,
  proposeNewDate,
  publishAnswer,
  rejectNewDate,
  type Actor,
  type ComplaintDecision,
  type QuestionRound,
  type QuestionState,
} from '../../domain/questions/contract.ts';
import { requireEligibleToOrder } from '../accounts/eligibility.ts';
import { storeAnswer, type AnswerPart } from './answers.ts';
import type { QuestionDeps } from './asking.ts';
import { currentState, questionRowFor, sendQuestionCommand } from './commands.ts';
import { addQuestionEntry } from './entries.ts';

// A round is the chosen bid's work, or an order of extra drawings (QA-7): the promised date and
// new dates (QA-5, QA-10), the publication (QA-6), extras (QA-7), the complaint (QA-9).

const entryKey = (questionId: string, what: string, key: string) => `question-${questionId}/${what}/${key}`;

/** QA-5 / QA-10: the round's specialist proposes a new date; it binds once the client accepts. */
export const proposeDate = (deps: QuestionDeps, questionId: string, by: Actor, promisedAt: number) =>
  sendQuestionCommand(deps.db, deps.temporal, questionId, proposeNewDate, { by, promisedAt });

export const answerDateProposal = (deps: QuestionDeps, questionId: string, by: Actor, accept: boolean) =>
  sendQuestionCommand(deps.db, deps.temporal, questionId, accept ? acceptNewDate : rejectNewDate, { by });

/** QA-10: after a missed date, the client cancels the round at no cost. */
export const cancelAfterMissedDate = (deps: QuestionDeps, questionId: string, by: Actor) =>
  sendQuestionCommand(deps.db, deps.temporal, questionId, cancelRound, { by });

/** The round the specialist works on now (not yet published), or a refusal saying why not. */
function workingRound(state: QuestionState | null, specialistId: string): QuestionRound {
  const round = state?.rounds.find(
    (r) => r.specialistId === specialistId && r.answer === null && ['in_work', 'overdue'].includes(r.status),
  );
  if (!round) throw new DomainError('QUESTION_STATE_CONFLICT', 'You have no round of this question waiting for its answer.');
  return round;
}

/**
 * QA-6: the round's specialist publishes. The full answer (and for a paid round its preview) is
 * stored first with its SHA-256 digest; the workflow then publishes it — a free answer in full,
 * a paid one as the preview with the digest, the full answer opening to the client once paid.
 */
export async function publish(
  deps: QuestionDeps,
  questionId: string,
  by: Actor,
  answer: { preview?: AnswerPart | undefined; full: AnswerPart },
): Promise<QuestionState> {
  const row = await questionRowFor(deps.db, deps.temporal, questionId, by);
  const round = workingRound(await currentState(deps.db, deps.temporal, row), by.userId);
  const paid = round.price > 0;
  if (paid && !answer.preview) {
    throw new DomainError('VALIDATION_FAILED', 'A paid answer is published as a preview first: send `preview` too (QA-6).', [
      { path: 'preview', message: 'required for a paid answer' },
    ]);
  }
  const stored = await storeAnswer(deps.db, {
    questionId,
    round: round.no,
    specialistId: by.userId,
    preview: paid ? answer.preview! : null,
    full: answer.full,
  });
  return sendQuestionCommand(deps.db, deps.temporal, questionId, publishAnswer, {
    by,
    answerId: stored.id,
    ...(paid && { digest: stored.digest }),
  });
}

/** QA-7: the specialist proposes additional drawings (what, price, date). */
export async function proposeExtras(
  deps: QuestionDeps,
  questionId: string,
  by: Actor,
  proposal: { description: string; price: number; promisedAt: number },
  key: string,
) {
  const entryId = await addQuestionEntry(deps.db, {
    questionId,
    kind: 'extras_proposal',
    authorId: by.userId,
    body: proposal.description,
    dedupeKey: entryKey(questionId, 'extras', key),
  });
  return sendQuestionCommand(deps.db, deps.temporal, questionId, proposeExtraDrawings, {
    by,
    entryId,
    price: proposal.price,
    promisedAt: proposal.promisedAt,
  });
}

/** QA-7: the client orders the proposal (a new round: QA-4…QA-6 again) or declines it. */
export async function answerExtras(
  deps: QuestionDeps,
  questionId: string,
  proposalId: string,
  by: Actor,
  answer: { order: true; confirmsPayment: boolean } | { order: false },
) {
  if (!answer.order) return sendQuestionCommand(deps.db, deps.temporal, questionId, declineExtraDrawings, { by, proposalId });
  if (answer.confirmsPayment) await requireEligibleToOrder(deps.db, by.userId);
  return sendQuestionCommand(deps.db, deps.temporal, questionId, orderExtraDrawings, {
    by,
    proposalId,
    confirmsPayment: answer.confirmsPayment,
  });
}

/** QA-9: the client complains about a round's answer, within 3 working days of its opening. */
export async function complainAbout(deps: QuestionDeps, questionId: string, round: number, by: Actor, reason: string, key: string) {
  const row = await questionRowFor(deps.db, deps.temporal, questionId, by);
  // The workflow refuses a stranger's or a late complaint: it says why before any text is kept.
  if (row.clientId !== by.userId)
    return sendQuestionCommand(deps.db, deps.temporal, questionId, complain, { by, round, reasonEntryId: '' });
  const reasonEntryId = await addQuestionEntry(deps.db, {
    questionId,
    kind: 'complaint_reason',
    authorId: by.userId,
    body: reason,
    dedupeKey: entryKey(questionId, `complaint-${round}`, key),
  });
  return sendQuestionCommand(deps.db, deps.temporal, questionId, complain, { by, round, reasonEntryId });
}

/** QA-9: the administration decides (reject, full or partial refund to the client's balance), with a note. */
export async function decide(
  deps: QuestionDeps,
  questionId: string,
  round: number,
  by: Actor,
  decision: { decision: ComplaintDecision; refundAmount?: number | undefined; note?: string | undefined },
  key: string,
) {
  const noteEntryId = decision.note
    ? await addQuestionEntry(deps.db, {
        questionId,
        kind: 'admin_note',
        authorId: by.userId,
        body: decision.note,
        dedupeKey: entryKey(questionId, `decision-${round}`, key),
      })
    : undefined;
  return sendQuestionCommand(deps.db, deps.temporal, questionId, decideComplaint, {
    by,
    round,
    decision: decision.decision,
    ...(decision.refundAmount !== undefined && { refundAmount: decision.refundAmount }),
    ...(noteEntryId !== undefined && { noteEntryId }),
  });
}
