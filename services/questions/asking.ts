import { DomainError } from '../../domain/errors.ts';
import {
  FINAL_QUESTION_STATUSES,
  QUESTION_WORKFLOW_TYPE,
  questionTags,
  QuestionTagsAttribute,
  questionWorkflowId,
  type QuestionInput,
  type QuestionStatus,
  type QuestionWorkflow,
} from '../../domain/questions/contract.ts';
import type { QuestionTopic } from '../../domain/questions/topics.ts';
import { jsonValue, type Db } from '../../infra/db.ts';
import { requireEligibleToOrder } from '../accounts/eligibility.ts';
import { loadPlatformCalendar } from '../platform/business-calendars.ts';
import { nameBasedUuid } from '../platform/ids.ts';
import { pendingBefore, startedOnce, startPending, type StartFaults } from '../platform/temporal/durable-start.ts';
import { startProcess, type TemporalTarget } from '../platform/temporal/gateway.ts';
import { addQuestionEntry, requireOwnFiles } from './entries.ts';

// QA-1: a client asks a question (title, text, topic, attachments). The question is one durable
// workflow, `question-<id>`, started the durable way: the row (with the question's text as its
// first history entry and the workflow's input) is written start-pending, then the workflow is
// started from the row alone, so the start sweep finishes what a crashed request left.

export interface QuestionTerms {
  /** Archi-help prices in hryvnia (PAY-1); a setting (QUESTION_CURRENCY). */
  currency: string;
  /** The platform's commission in basis points (QUESTION_COMMISSION_BPS, 1500 = 15 %). */
  commissionBps: number;
}

export interface QuestionDeps {
  db: Db;
  temporal: TemporalTarget;
  terms: QuestionTerms;
  faults?: StartFaults | undefined;
}

export const QUESTION_TITLE_MAX_CHARS = 200;
export const QUESTION_TEXT_MAX_CHARS = 8000;
export const QUESTION_MAX_ATTACHMENTS = 10;

export interface AskQuestion {
  title?: string | undefined;
  text?: string | undefined;
  topic?: QuestionTopic | undefined;
  attachmentFileIds?: string[] | undefined;
  /** QA-1: ask again a returned (or deleted) question of yours, starting from its old text. */
  previousQuestionId?: string | undefined;
}

const required = (path: string) => new DomainError('VALIDATION_FAILED', `Say the question's ${path}.`, [{ path, message: 'required' }]);

/** QA-1: "the client may ask again": the old question, the client's own, closed as returned or deleted. */
async function askedAgainFrom(db: Db, clientId: string, previousQuestionId: string | undefined) {
  if (previousQuestionId === undefined) return null;
  const previous = await db.question.findUnique({ where: { id: previousQuestionId } });
  if (!previous || previous.clientId !== clientId) throw new DomainError('NOT_FOUND', 'No such question.');
  if (!['returned', 'deleted'].includes(previous.status)) {
    throw new DomainError(
      'QUESTION_NOT_ASKABLE_AGAIN',
      'Only a question the administration returned or deleted with a recommendation can be asked again (QA-1).',
    );
  }
  return previous;
}

/**
 * QA-1: asks a question; with `previousQuestionId`, asks a returned one again, each field
 * defaulting to the old question's. Idempotent on the client's Idempotency-Key. Returns the id.
 */
export async function askQuestion(deps: QuestionDeps, clientId: string, ask: AskQuestion, key: string): Promise<string> {
  const { db } = deps;
  // ACC-4/5/6: asking may end in buying an answer: the same checks as an order.
  await requireEligibleToOrder(db, clientId);
  const previous = await askedAgainFrom(db, clientId, ask.previousQuestionId);
  const title = ask.title ?? previous?.title;
  const text = ask.text ?? previous?.text;
  const topic = ask.topic ?? previous?.topic;
  const attachmentFileIds = ask.attachmentFileIds ?? previous?.attachmentFileIds ?? [];
  if (title === undefined) throw required('title');
  if (text === undefined) throw required('text');
  if (topic === undefined) throw required('topic');
  await requireOwnFiles(db, clientId, attachmentFileIds, 'attachmentFileIds');

  const questionId = nameBasedUuid(`question/${clientId}/${key}`);
  const existing = await db.question.findUnique({ where: { id: questionId } });
  if (existing) {
    if (existing.workflowStartPendingSince !== null) await startQuestionRow(deps, questionId);
    return questionId;
  }
  const entryId = await addQuestionEntry(db, {
    questionId,
    kind: 'question',
    authorId: clientId,
    body: text,
    fileIds: attachmentFileIds,
    dedupeKey: `question-${questionId}/asked`,
  });
  const input: QuestionInput = {
    questionId,
    clientId,
    entryId,
    askedAt: Date.now(),
    ...(previous && { askedAgainFrom: previous.id }),
    currency: deps.terms.currency,
    commissionBps: deps.terms.commissionBps,
    calendar: await loadPlatformCalendar(db),
  };
  await db.question.createMany({
    data: [
      {
        id: questionId,
        clientId,
        title,
        text,
        topic,
        attachmentFileIds,
        previousQuestionId: previous?.id ?? null,
        currency: input.currency,
        workflowInput: jsonValue(input),
        workflowStartPendingSince: new Date(),
      },
    ],
    skipDuplicates: true, // a concurrent retry wrote it: its input stands
  });
  await startQuestionRow(deps, questionId);
  return questionId;
}

/** Steps 2 and 3 of a durable start, from the row alone (so the sweep can run them too). */
async function startQuestionRow(deps: Omit<QuestionDeps, 'terms'>, questionId: string): Promise<void> {
  const row = await deps.db.question.findUniqueOrThrow({ where: { id: questionId } });
  const input = row.workflowInput as unknown as QuestionInput;
  await startPending({
    faults: deps.faults,
    start: () =>
      startedOnce(() =>
        startProcess<QuestionWorkflow>(deps.temporal, QUESTION_WORKFLOW_TYPE, {
          workflowId: questionWorkflowId(questionId),
          args: [input],
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          typedSearchAttributes: [
            { key: QuestionTagsAttribute, value: questionTags({ clientId: input.clientId, rounds: [], status: 'in_moderation' }) },
          ],
        }),
      ),
    clear: () =>
      deps.db.question.updateMany({
        where: { id: questionId, workflowStartPendingSince: { not: null } },
        data: { workflowStartPendingSince: null },
      }),
  });
}

/** For the start sweep: questions whose request died between the row and the start. */
export async function startPendingQuestions(
  deps: Omit<QuestionDeps, 'terms'>,
  options: { now: Date; graceMs: number; limit: number },
): Promise<number> {
  const rows = await deps.db.question.findMany({
    where: pendingBefore(options),
    orderBy: { workflowStartPendingSince: 'asc' },
    take: options.limit,
    select: { id: true },
  });
  for (const row of rows) await startQuestionRow(deps, row.id);
  return rows.length;
}

export const isFinalQuestion = (status: string): boolean => FINAL_QUESTION_STATUSES.includes(status as QuestionStatus);
