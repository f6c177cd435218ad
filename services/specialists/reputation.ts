import { DomainError } from '../../domain/errors.ts';
import { MAX_RATING_SCORE, MIN_RATING_SCORE } from '../../domain/specialists/profile.ts';
import type { Db } from '../../infra/db.ts';

// What the directory shows of a specialist's record: ratings and completed consultations.
// Each has a source table other processes write to (one row per consultation or rated thing,
// so a retried activity counts once), and the profile keeps the aggregate in the same
// transaction, in one UPDATE of its row, so concurrent writers never lose each other's count.

/**
 * Counts a completed consultation for the specialist once per `consultationId` (CHAT-4: the
 * consultation workflow calls it when it ends). Returns true if this call counted it.
 */
export async function recordCompletedConsultation(db: Db, specialistId: string, consultationId: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const added = await tx.specialistCompletedConsultation.createMany({ data: [{ consultationId, specialistId }], skipDuplicates: true });
    if (added.count === 0) return false;
    await tx.specialistProfile.updateMany({ where: { userId: specialistId }, data: { completedConsultations: { increment: 1 } } });
    return true;
  });
}

/**
 * Records a client's rating (1–5 stars) of the specialist once per `sourceKey` (e.g.
 * `consultation-<id>`): the first rating of a source stands. Returns true if this call recorded it.
 */
export async function recordSpecialistRating(
  db: Db,
  input: { specialistId: string; sourceKey: string; score: number; raterId?: string | undefined },
): Promise<boolean> {
  if (!Number.isInteger(input.score) || input.score < MIN_RATING_SCORE || input.score > MAX_RATING_SCORE) {
    throw new DomainError('VALIDATION_FAILED', `A rating is ${MIN_RATING_SCORE} to ${MAX_RATING_SCORE} whole stars.`, [
      { path: 'score', message: 'out of range' },
    ]);
  }
  return db.$transaction(async (tx) => {
    const added = await tx.specialistRating.createMany({
      data: [{ sourceKey: input.sourceKey, specialistId: input.specialistId, raterId: input.raterId ?? null, score: input.score }],
      skipDuplicates: true,
    });
    if (added.count === 0) return false;
    await tx.$executeRaw`
      UPDATE specialist_profiles
         SET rating_sum = rating_sum + ${input.score},
             rating_count = rating_count + 1,
             rating_average_centi = round((rating_sum + ${input.score}) * 100.0 / (rating_count + 1)),
             updated_at = now()
       WHERE user_id = ${input.specialistId}::uuid`;
    return true;
  });
}

/** The aggregates a profile starts with: what the sources hold for the specialist already. */
export async function reputationTotals(db: Pick<Db, 'specialistRating' | 'specialistCompletedConsultation'>, specialistId: string) {
  const [ratings, completedConsultations] = await Promise.all([
    db.specialistRating.aggregate({ where: { specialistId }, _sum: { score: true }, _count: true }),
    db.specialistCompletedConsultation.count({ where: { specialistId } }),
  ]);
  return { ratingSum: ratings._sum.score ?? 0, ratingCount: ratings._count, completedConsultations };
}
