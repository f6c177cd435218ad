import { DomainError } from '../../domain/errors.ts';
import type { Db } from '../../infra/db.ts';
import { isVettedSpecialist } from '../specialists/vetting.ts';

// Who may see a question (QA-1, QA-2): its client and the administration always; once it is
// published to the public list, everyone reads its title and text, and vetted specialists (the
// ones who may bid, QA-3) its attachments too. Anyone else gets 404, never "not yours".

export interface Reader {
  userId: string;
  role: string;
}

export type QuestionRow = NonNullable<Awaited<ReturnType<Db['question']['findUnique']>>>;

/** How much of a question `reader` sees: `none` (404), `public` (no attachments) or `full`. */
export type QuestionVisibility = 'none' | 'public' | 'full';

export const isPublished = (row: Pick<QuestionRow, 'publishedAt'>): boolean => row.publishedAt !== null;

export async function visibilityOf(db: Db, row: QuestionRow, reader: Reader | null): Promise<QuestionVisibility> {
  if (reader && (reader.role === 'admin' || reader.userId === row.clientId || reader.userId === row.chosenSpecialistId)) return 'full';
  if (!isPublished(row)) return 'none';
  if (reader?.role === 'specialist' && (await isVettedSpecialist(db, reader.userId))) return 'full';
  return 'public';
}

export const noSuchQuestion = () => new DomainError('NOT_FOUND', 'No such question.');
