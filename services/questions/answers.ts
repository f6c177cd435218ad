import { createHash } from 'node:crypto';
import { DomainError } from '../../domain/errors.ts';
import type { Db } from '../../infra/db.ts';
import { nameBasedUuid } from '../platform/ids.ts';
import type { QuestionRow, Reader } from './access.ts';
import { requireOwnFiles } from './entries.ts';

// QA-6: the answer of each round (1 = the question, 2… = extra drawings, QA-7). A paid answer is
// published as a preview; the full answer is stored beside it from the start but opens to the
// client only once the payment reached the platform (`unlockedAt`, set from the workflow's
// state). When the specialist stores the answer, its SHA-256 digest is computed and shown to the
// client with the preview, so after paying they can check that the full answer is the one that
// existed by the promised date.

export const ANSWER_BODY_MAX_CHARS = 50_000;
export const ANSWER_MAX_FILES = 20;

type AnswerRow = NonNullable<Awaited<ReturnType<Db['questionAnswer']['findUnique']>>>;

export interface AnswerPart {
  body: string;
  fileIds: string[];
}

/**
 * The digest of a full answer: SHA-256 (hex) of the UTF-8 JSON text
 * `{"body":<text>,"files":[{"id":<file id>,"sha256":<file's SHA-256 hex>},…]}` — keys in that
 * order, files in the answer's order, no spaces (what `JSON.stringify` writes). A client recomputes
 * it from the full answer and the files' `sha256` (GET /v1/files/{id}) or the downloaded bytes.
 */
export function answerDigest(body: string, files: { id: string; sha256: string }[]): string {
  const canonical = JSON.stringify({ body, files: files.map((file) => ({ id: file.id, sha256: file.sha256 })) });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export const answerIdOf = (questionId: string, round: number): string => nameBasedUuid(`question-answer/${questionId}/${round}`);

function checkPart(part: AnswerPart, path: string): void {
  if (part.body.trim().length === 0 && part.fileIds.length === 0) {
    throw new DomainError('VALIDATION_FAILED', 'An answer needs text or at least one file.', [{ path, message: 'empty' }]);
  }
  if ([...part.body].length > ANSWER_BODY_MAX_CHARS || part.fileIds.length > ANSWER_MAX_FILES) {
    throw new DomainError('VALIDATION_FAILED', `At most ${ANSWER_BODY_MAX_CHARS} characters and ${ANSWER_MAX_FILES} files.`, [
      { path, message: 'too long' },
    ]);
  }
}

/**
 * Stores (or, until it is published, replaces) the specialist's answer of `round`: the full answer
 * and, for a paid one, its preview; returns the row with the digest the client will see. Whether
 * the specialist may publish it is the workflow's decision (the caller sends the command next).
 */
export async function storeAnswer(
  db: Db,
  input: { questionId: string; round: number; specialistId: string; preview: AnswerPart | null; full: AnswerPart },
): Promise<AnswerRow> {
  checkPart(input.full, 'full');
  if (input.preview) checkPart(input.preview, 'preview');
  const fileIds = [...input.full.fileIds, ...(input.preview?.fileIds ?? [])];
  await requireOwnFiles(db, input.specialistId, fileIds, 'fileIds');
  const files = await db.storedFile.findMany({ where: { id: { in: input.full.fileIds } }, select: { id: true, sha256: true } });
  const hashOf = new Map(files.map((file) => [file.id, file.sha256]));
  const digest = answerDigest(
    input.full.body,
    input.full.fileIds.map((id) => ({ id, sha256: hashOf.get(id)! })),
  );
  const id = answerIdOf(input.questionId, input.round);
  const existing = await db.questionAnswer.findUnique({ where: { id } });
  if (existing?.publishedAt) {
    if (existing.digest === digest && existing.specialistId === input.specialistId) return existing; // a retried publication
    throw new DomainError('QUESTION_ANSWER_PUBLISHED', 'This answer is already published; it cannot change (QA-6).');
  }
  const data = {
    specialistId: input.specialistId,
    previewBody: input.preview?.body ?? null,
    previewFileIds: input.preview?.fileIds ?? [],
    fullBody: input.full.body,
    fullFileIds: input.full.fileIds,
    digest,
  };
  return db.questionAnswer.upsert({
    where: { id },
    create: { id, questionId: input.questionId, round: input.round, ...data },
    update: data,
  });
}

/** The workflow published the answer of `round` (preview or, for a free one, in full). Idempotent. */
export async function markAnswerPublished(db: Db, questionId: string, round: number, at: Date): Promise<void> {
  await db.questionAnswer.updateMany({ where: { questionId, round, publishedAt: null }, data: { publishedAt: at } });
}

/** QA-6: the payment reached the platform (or the answer is free): the full answer opens to the client. Idempotent. */
export async function unlockAnswer(db: Db, questionId: string, round: number, at: Date): Promise<void> {
  await markAnswerPublished(db, questionId, round, at);
  await db.questionAnswer.updateMany({ where: { questionId, round, unlockedAt: null }, data: { unlockedAt: at } });
}

/** QA-9: the client complained about the answer of `round`: the administration may open it in full. Idempotent. */
export async function markAnswerUnderComplaint(db: Db, questionId: string, round: number, at: Date): Promise<void> {
  await db.questionAnswer.updateMany({ where: { questionId, round, complaintOpenedAt: null }, data: { complaintOpenedAt: at } });
}

export interface AnswerView {
  round: number;
  specialistId: string;
  publishedAt: Date | null;
  /** SHA-256 of the full answer, fixed when the answer was stored (QA-6). */
  digest: string;
  preview: AnswerPart | null;
  /** Null while `reader` may not read the full answer (QA-6). */
  full: AnswerPart | null;
  locked: boolean;
}

/**
 * QA-6, the access rule: the author specialist reads their answer in full always; the client
 * reads a published answer's preview, and its full text and files only once unlocked (paid, or
 * free); the administration reads the preview, and the full answer once the client complained
 * about it (QA-9). Nobody else reads an answer.
 */
export function answerViewFor(answer: AnswerRow, question: Pick<QuestionRow, 'clientId'>, reader: Reader): AnswerView | null {
  const author = reader.userId === answer.specialistId;
  const client = reader.userId === question.clientId;
  const admin = reader.role === 'admin';
  if (!author && !((client || admin) && answer.publishedAt)) return null;
  const fullOpen = author || (client && answer.unlockedAt !== null) || (admin && answer.complaintOpenedAt !== null);
  const preview =
    answer.previewBody !== null || answer.previewFileIds.length > 0
      ? { body: answer.previewBody ?? '', fileIds: answer.previewFileIds }
      : null;
  return {
    round: answer.round,
    specialistId: answer.specialistId,
    publishedAt: answer.publishedAt,
    digest: answer.digest,
    preview,
    full: fullOpen ? { body: answer.fullBody, fileIds: answer.fullFileIds } : null,
    locked: !fullOpen,
  };
}

/** The question's answers as `reader` may read them, by round. */
export async function answersFor(db: Db, question: QuestionRow, reader: Reader): Promise<AnswerView[]> {
  const rows = await db.questionAnswer.findMany({ where: { questionId: question.id }, orderBy: { round: 'asc' } });
  return rows.map((row) => answerViewFor(row, question, reader)).filter((view): view is AnswerView => view !== null);
}

/**
 * QA-6 for the files API (services/platform/files.ts): whether `reader` may open `fileId` as part
 * of a question — an answer's file under the rule above, a question's attachment (its client, the
 * administration, vetted specialists once it is published), or a file in its history.
 * `undefined` when the file belongs to no question.
 */
export async function questionFileAccess(
  db: Db,
  fileId: string,
  reader: Reader,
  vetted: () => Promise<boolean>,
): Promise<boolean | undefined> {
  const answers = await db.questionAnswer.findMany({
    where: { OR: [{ previewFileIds: { has: fileId } }, { fullFileIds: { has: fileId } }] },
  });
  const questions = await db.question.findMany({ where: { attachmentFileIds: { has: fileId } } });
  const entries = await db.questionEntry.findMany({ where: { fileIds: { has: fileId } }, select: { questionId: true, authorId: true } });
  if (answers.length + questions.length + entries.length === 0) return undefined;
  for (const answer of answers) {
    const question = await db.question.findUniqueOrThrow({ where: { id: answer.questionId }, select: { clientId: true } });
    const view = answerViewFor(answer, question, reader);
    if (view && [...(view.preview?.fileIds ?? []), ...(view.full?.fileIds ?? [])].includes(fileId)) return true;
  }
  for (const question of questions) {
    if (reader.role === 'admin' || reader.userId === question.clientId || reader.userId === question.chosenSpecialistId) return true;
    if (question.publishedAt && reader.role === 'specialist' && (await vetted())) return true;
  }
  for (const entry of entries) {
    const question = await db.question.findUniqueOrThrow({ where: { id: entry.questionId } });
    const insider = [question.clientId, question.chosenSpecialistId, entry.authorId].includes(reader.userId);
    if (insider || reader.role === 'admin') return true;
  }
  return false;
}

/** A file of a full answer: the administration's general access to files does not reach it (QA-6). */
export async function isFullAnswerFile(db: Db, fileId: string): Promise<boolean> {
  return (await db.questionAnswer.count({ where: { fullFileIds: { has: fileId } } })) > 0;
}
