import type { QuestionState } from '../../../domain/questions/contract.ts';
import type { Db } from '../../../infra/db.ts';
import { visibilityOf, type QuestionRow, type QuestionVisibility, type Reader } from '../access.ts';
import { entryTexts } from '../entries.ts';

// What a question's page shows beside its state: the bidders' names and ratings (QA-4: the
// client compares bids side by side with each specialist's rating) and the texts the state names
// by entry id (bid explanations).

export interface Bidder {
  id: string;
  name: string | null;
  ratingAverage: number | null;
  ratingCount: number;
  profile: string;
}

export async function biddersOf(db: Db, specialistIds: string[]): Promise<Map<string, Bidder>> {
  const profiles = await db.specialistProfile.findMany({ where: { userId: { in: [...new Set(specialistIds)] } } });
  return new Map(
    profiles.map((p) => [
      p.userId,
      {
        id: p.userId,
        name: p.displayName,
        ratingAverage: p.ratingCount === 0 ? null : p.ratingAverageCenti / 100,
        ratingCount: p.ratingCount,
        profile: `/v1/specialists/${p.userId}`,
      },
    ]),
  );
}

export interface QuestionDetail {
  row: QuestionRow;
  visibility: QuestionVisibility;
  state: QuestionState | null;
  bidders: Map<string, Bidder>;
  texts: Map<string, { body: string }>;
}

/** The detail of a question for `reader`, given its state (live or mirrored). */
export async function questionDetail(
  db: Db,
  row: QuestionRow,
  state: QuestionState | null,
  reader: Reader | null,
): Promise<QuestionDetail> {
  const bids = state?.bids ?? [];
  const [visibility, bidders, texts] = await Promise.all([
    visibilityOf(db, row, reader),
    biddersOf(
      db,
      bids.map((b) => b.specialistId),
    ),
    entryTexts(
      db,
      bids.map((b) => b.explanationEntryId),
    ),
  ]);
  return { row, visibility, state, bidders, texts };
}
