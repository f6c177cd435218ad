import {
  deleteQuestion,
  publishQuestion,
  requestClarification,
  returnQuestion,
  supplyClarification,
  type Actor,
  type QuestionState,
} from '../../domain/questions/contract.ts';
import type { QuestionDeps } from './asking.ts';
import { sendQuestionCommand } from './commands.ts';
import { addQuestionEntry } from './entries.ts';

// QA-1, QA-2, QA-5: moderation by the administration and clarifications. Each text (reason,
// recommendation, request, the client's answer) is written to the question's history first; the
// workflow hears the entry's id. Entries are keyed by the request's Idempotency-Key, so a retried
// request writes one entry and sends one command (which the update's id makes idempotent too).

const entryKey = (questionId: string, what: string, key: string) => `question-${questionId}/${what}/${key}`;

/** QA-1 / QA-2: the administration publishes the question to the public list. */
export const publishAsAdmin = (deps: QuestionDeps, questionId: string, by: Actor): Promise<QuestionState> =>
  sendQuestionCommand(deps.db, deps.temporal, questionId, publishQuestion, { by });

/** QA-1: off-topic (or QA-2: the clarification was unsatisfactory): deleted, with the reason and a recommendation. */
export async function deleteAsAdmin(deps: QuestionDeps, questionId: string, by: Actor, reason: string, key: string) {
  const entryId = await addQuestionEntry(deps.db, {
    questionId,
    kind: 'deletion_reason',
    authorId: by.userId,
    body: reason,
    dedupeKey: entryKey(questionId, 'delete', key),
  });
  return sendQuestionCommand(deps.db, deps.temporal, questionId, deleteQuestion, { by, entryId });
}

/** QA-1: on topic but badly worded: returned with a recommendation; the client may ask again from the old text. */
export async function returnAsAdmin(deps: QuestionDeps, questionId: string, by: Actor, recommendation: string, key: string) {
  const entryId = await addQuestionEntry(deps.db, {
    questionId,
    kind: 'recommendation',
    authorId: by.userId,
    body: recommendation,
    dedupeKey: entryKey(questionId, 'return', key),
  });
  return sendQuestionCommand(deps.db, deps.temporal, questionId, returnQuestion, { by, entryId });
}

/** QA-1 (an admin in moderation) or QA-5 (the chosen specialist before answering) asks the client. */
export async function askForClarification(deps: QuestionDeps, questionId: string, by: Actor, request: string, key: string) {
  const entryId = await addQuestionEntry(deps.db, {
    questionId,
    kind: 'clarification_request',
    authorId: by.userId,
    body: request,
    dedupeKey: entryKey(questionId, 'clarification-request', key),
  });
  return sendQuestionCommand(deps.db, deps.temporal, questionId, requestClarification, { by, entryId });
}

/** QA-1 / QA-5: the client answers the open request for clarification, with files if need be. */
export async function clarify(deps: QuestionDeps, questionId: string, by: Actor, answer: { text: string; fileIds: string[] }, key: string) {
  const entryId = await addQuestionEntry(deps.db, {
    questionId,
    kind: 'clarification_answer',
    authorId: by.userId,
    body: answer.text,
    fileIds: answer.fileIds,
    dedupeKey: entryKey(questionId, 'clarification', key),
  });
  return sendQuestionCommand(deps.db, deps.temporal, questionId, supplyClarification, { by, entryId });
}
