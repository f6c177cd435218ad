import { DomainError } from '../../domain/errors.ts';
import type { QuestionEntryKind } from '../../domain/questions/topics.ts';
import type { Db } from '../../infra/db.ts';
import type { QuestionRow, Reader } from './access.ts';

// Everything said in a question's history (QA-1, QA-2, QA-5, QA-9): each text is an entry here,
// written before the command that refers to it, so the workflow hears its id only. An entry is
// written once per `dedupeKey` (a retried request finds the first one).

export const ENTRY_BODY_MAX_CHARS = 8000;
export const ENTRY_MAX_FILES = 10;

export interface NewEntry {
  questionId: string;
  kind: QuestionEntryKind;
  authorId: string | null;
  body: string;
  fileIds?: string[] | undefined;
  dedupeKey: string;
}

const invalid = (path: string, message: string) => new DomainError('VALIDATION_FAILED', message, [{ path, message }]);

/** Files an author attaches must be theirs (uploaded through /v1/files). */
export async function requireOwnFiles(db: Db, ownerId: string, fileIds: string[], path: string): Promise<void> {
  if (fileIds.length === 0) return;
  const owned = await db.storedFile.count({ where: { id: { in: fileIds }, ownerId } });
  if (owned !== new Set(fileIds).size) throw invalid(path, 'Attach only files you uploaded yourself (POST /v1/files).');
}

/** Writes the entry (or finds the one a retry wrote) and returns its id. */
export async function addQuestionEntry(db: Db, entry: NewEntry): Promise<string> {
  const fileIds = entry.fileIds ?? [];
  if (entry.body.trim().length === 0) throw invalid('body', 'Say it in words: the text is empty.');
  if ([...entry.body].length > ENTRY_BODY_MAX_CHARS) throw invalid('body', `At most ${ENTRY_BODY_MAX_CHARS} characters.`);
  if (fileIds.length > ENTRY_MAX_FILES) throw invalid('fileIds', `At most ${ENTRY_MAX_FILES} files.`);
  if (entry.authorId !== null) await requireOwnFiles(db, entry.authorId, fileIds, 'fileIds');
  await db.questionEntry.createMany({
    data: [
      { dedupeKey: entry.dedupeKey, questionId: entry.questionId, kind: entry.kind, authorId: entry.authorId, body: entry.body, fileIds },
    ],
    skipDuplicates: true,
  });
  const row = await db.questionEntry.findUniqueOrThrow({ where: { dedupeKey: entry.dedupeKey } });
  return row.id;
}

// Bid explanations are between the bidder and the client (and the administration): other
// bidders do not read a competitor's reasoning. Everything else in the history is read by whoever
// sees the question in full (services/questions/access.ts), since clarifications shape the bids.
const PRIVATE_TO_AUTHOR_AND_CLIENT: readonly string[] = ['bid_explanation', 'complaint_reason'];

/** The question's history as `reader` may read it, oldest first. */
export async function historyFor(db: Db, question: QuestionRow, reader: Reader) {
  const entries = await db.questionEntry.findMany({ where: { questionId: question.id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  const insider = reader.role === 'admin' || reader.userId === question.clientId;
  return entries.filter(
    (entry) =>
      insider ||
      entry.authorId === reader.userId ||
      !PRIVATE_TO_AUTHOR_AND_CLIENT.includes(entry.kind) ||
      (entry.kind === 'complaint_reason' && reader.userId === question.chosenSpecialistId),
  );
}

/** Entry texts by id (for views that show the text a state refers to by id). */
export async function entryTexts(db: Db, ids: string[]): Promise<Map<string, { body: string; fileIds: string[] }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.questionEntry.findMany({ where: { id: { in: ids } }, select: { id: true, body: true, fileIds: true } });
  return new Map(rows.map((row) => [row.id, { body: row.body, fileIds: row.fileIds }]));
}
