import { WorkflowNotFoundError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { DomainError } from '../../domain/errors.ts';
import { questionState, questionWorkflowId, type Actor, type QuestionState } from '../../domain/questions/contract.ts';
import type { Db } from '../../infra/db.ts';
import type { FailureCodes } from '../platform/temporal/failures.ts';
import { queryProcess, updateProcess, type TemporalTarget } from '../platform/temporal/gateway.ts';
import { visibilityOf, noSuchQuestion, type QuestionRow, type QuestionVisibility, type Reader } from './access.ts';
import { isFinalQuestion } from './asking.ts';

// Commands from the API to a question's workflow (moderation, bids, choice, clarifications,
// dates, publication, extras, complaints). The workflow's update validators decide with the pure
// core's refusals (stable codes); who may see the question at all is decided here first
// (services/questions/access.ts), so a stranger gets 404 and never a refusal that tells more.

export const QUESTION_FAILURES: FailureCodes = {
  notFound: { code: 'QUESTION_CLOSED', message: 'The question is closed.' },
  unknownRefusal: 'QUESTION_STATE_CONFLICT',
};

export interface QuestionReading {
  row: QuestionRow;
  visibility: QuestionVisibility;
  /** The workflow's state; null only if it never answered and never wrote its mirror. */
  state: QuestionState | null;
  /** `workflow`: live; `mirror`: the database copy, because the workflow did not answer in time (or has ended). */
  source: 'workflow' | 'mirror';
}

/** The question for `reader`, live from its workflow or else from the mirror; 404 unless they may see it. */
export async function readQuestionFor(
  db: Db,
  temporal: TemporalTarget,
  questionId: string,
  reader: Reader | null,
  queryTimeoutMs: number,
): Promise<QuestionReading> {
  const { row, visibility, live } = await visibleQuestion(db, temporal, questionId, reader, queryTimeoutMs);
  const mirrored = row.state as unknown as QuestionState | null;
  if (live) return { row, visibility, state: live, source: 'workflow' };
  if (isFinalQuestion(row.status) || row.workflowStartPendingSince !== null) return { row, visibility, state: mirrored, source: 'mirror' };
  return queryProcess(temporal, questionWorkflowId(questionId), questionState, [], {
    codes: QUESTION_FAILURES,
    waitMs: queryTimeoutMs,
  }).then(
    (state) => ({ row, visibility, state, source: 'workflow' as const }),
    () => ({ row, visibility, state: mirrored, source: 'mirror' as const }),
  );
}

/**
 * The row and how much of it `reader` sees, 404 if nothing. The mirror lags the workflow by an
 * activity: a question the administration has just published is public before its row says so,
 * so when the row alone hides it, the live state decides (and is returned, to spare a second query).
 */
async function visibleQuestion(db: Db, temporal: TemporalTarget, questionId: string, reader: Reader | null, queryTimeoutMs = 5000) {
  const row = await db.question.findUnique({ where: { id: questionId } });
  if (!row) throw noSuchQuestion();
  const visibility = await visibilityOf(db, row, reader);
  if (visibility !== 'none') return { row, visibility, live: null };
  if (row.publishedAt !== null || isFinalQuestion(row.status) || row.workflowStartPendingSince !== null) throw noSuchQuestion();
  const live = await currentState(db, temporal, row, queryTimeoutMs);
  if (live?.publishedAt == null) throw noSuchQuestion();
  const published = { ...row, publishedAt: new Date(live.publishedAt) };
  const seen = await visibilityOf(db, published, reader);
  if (seen === 'none') throw noSuchQuestion();
  return { row: published, visibility: seen, live };
}

/** The live state (or the mirror) for a service that must decide on it before a command. */
export async function currentState(
  db: Db,
  temporal: TemporalTarget,
  row: QuestionRow,
  queryTimeoutMs = 5000,
): Promise<QuestionState | null> {
  const mirrored = row.state as unknown as QuestionState | null;
  if (isFinalQuestion(row.status) || row.workflowStartPendingSince !== null) return mirrored;
  return queryProcess(temporal, questionWorkflowId(row.id), questionState, [], { codes: QUESTION_FAILURES, waitMs: queryTimeoutMs }).catch(
    () => mirrored,
  );
}

function closed(row: QuestionRow): DomainError {
  return new DomainError('QUESTION_CLOSED', `The question is already ${row.status.replace(/_/g, ' ')}.`);
}

function startNotFinished(): DomainError {
  const error = new DomainError('DEPENDENCY_UNAVAILABLE', 'The question is still being registered; try again in a minute.');
  error.retryAfterSeconds = 30;
  return error;
}

/**
 * The question's row if `by` sees it in full (its client, the administration, its chosen
 * specialist, vetted specialists once published): its history and answers. 404 otherwise.
 */
export async function questionInFullFor(db: Db, temporal: TemporalTarget, questionId: string, by: Reader): Promise<QuestionRow> {
  const { row, visibility } = await visibleQuestion(db, temporal, questionId, by);
  if (visibility !== 'full') throw noSuchQuestion();
  return row;
}

/** The question's row if `by` may see it (404 otherwise). */
export async function questionRowFor(db: Db, temporal: TemporalTarget, questionId: string, by: Reader): Promise<QuestionRow> {
  return (await visibleQuestion(db, temporal, questionId, by)).row;
}

/**
 * Sends one command (an update) to the question's workflow and returns its answer: the state
 * after the command. Whether the sender may act is the validators' call.
 */
export async function sendQuestionCommand<Arg extends { by: Actor }>(
  db: Db,
  temporal: TemporalTarget,
  questionId: string,
  update: UpdateDefinition<QuestionState, [Arg]>,
  arg: Arg,
): Promise<QuestionState> {
  const row = await questionRowFor(db, temporal, questionId, arg.by);
  if (isFinalQuestion(row.status)) throw closed(row);
  if (row.workflowStartPendingSince !== null) throw startNotFinished();
  try {
    return await updateProcess(temporal, questionWorkflowId(questionId), update, arg, { unknownRefusal: QUESTION_FAILURES.unknownRefusal });
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw closed(await db.question.findUniqueOrThrow({ where: { id: questionId } }));
    throw error;
  }
}
