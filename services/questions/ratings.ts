import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/questions/contract.ts';
import { recordSpecialistRating } from '../specialists/reputation.ts';
import type { QuestionDeps } from './asking.ts';
import { currentState, questionRowFor } from './commands.ts';

// QA-8: the client rates an answer (1–5 whole stars) and may comment, once per answer (round).
// The rating joins the specialist's profile average under the source key `question-<id>/round-<n>`;
// the comment is kept here and shown with it.

export const RATING_COMMENT_MAX_CHARS = 2000;

export const ratingSourceKey = (questionId: string, round: number): string => `question-${questionId}/round-${round}`;

export async function rateAnswer(
  deps: QuestionDeps,
  questionId: string,
  round: number,
  by: Actor,
  rating: { score: number; comment?: string | undefined },
) {
  const row = await questionRowFor(deps.db, deps.temporal, questionId, by);
  if (row.clientId !== by.userId) throw new DomainError('NOT_FOUND', 'No such question.');
  const state = await currentState(deps.db, deps.temporal, row);
  const rated = state?.rounds.find((r) => r.no === round);
  if (!rated?.rateable) {
    throw new DomainError('QUESTION_NOT_RATEABLE', 'Only an answer you can read in full can be rated (QA-8).');
  }
  // The profile's aggregate first (idempotent on the source key), then the comment: a request that
  // died between the two is completed by its retry instead of being refused as a second rating.
  const counted = await recordSpecialistRating(deps.db, {
    specialistId: rated.specialistId,
    sourceKey: ratingSourceKey(questionId, round),
    score: rating.score,
    raterId: by.userId,
  });
  const added = await deps.db.questionRating.createMany({
    data: [
      { questionId, round, specialistId: rated.specialistId, clientId: by.userId, score: rating.score, comment: rating.comment ?? null },
    ],
    skipDuplicates: true,
  });
  if (!counted && added.count === 0) {
    throw new DomainError('QUESTION_ALREADY_RATED', 'This answer is rated already: once per answer (QA-8).');
  }
  return deps.db.questionRating.findUniqueOrThrow({ where: { questionId_round: { questionId, round } } });
}
