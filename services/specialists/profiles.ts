import { DomainError } from '../../domain/errors.ts';
import { PHOTO_MEDIA_TYPES, ratingAverageCenti, type PracticeArea, type SpecialistLanguage } from '../../domain/specialists/profile.ts';
import type { Db } from '../../infra/db.ts';
import { reputationTotals } from './reputation.ts';

// A specialist writes their own public profile (CHAT-1: what a client sees before starting a
// chat). Rating and completed consultations are not the specialist's to write: they come from
// the sources in reputation.ts.

export interface ProfileInput {
  displayName: string;
  photoFileId: string | null;
  areas: PracticeArea[];
  languages: SpecialistLanguage[];
  city: string;
  yearsOfPractice: number;
  biography: string;
  price: { amount: number; currency: string };
}

async function requirePhoto(db: Db, userId: string, fileId: string): Promise<void> {
  const file = await db.storedFile.findUnique({ where: { id: fileId } });
  if (!file || file.ownerId !== userId) {
    throw new DomainError('VALIDATION_FAILED', 'Upload the photo through /v1/files first, then refer to it.', [
      { path: 'photoFileId', message: 'no such file of yours' },
    ]);
  }
  if (!(PHOTO_MEDIA_TYPES as readonly string[]).includes(file.mediaType)) {
    throw new DomainError('VALIDATION_FAILED', 'A profile photo must be a JPEG or PNG image.', [
      { path: 'photoFileId', message: `is ${file.mediaType}` },
    ]);
  }
}

/** Creates or replaces the specialist's own profile. */
export async function saveSpecialistProfile(db: Db, userId: string, input: ProfileInput) {
  if (input.photoFileId !== null) await requirePhoto(db, userId, input.photoFileId);
  const fields = {
    displayName: input.displayName,
    photoFileId: input.photoFileId,
    // Set semantics: a repeated entry would count twice in nothing, but reads as sloppy data.
    areas: [...new Set(input.areas)],
    languages: [...new Set(input.languages)],
    city: input.city,
    yearsOfPractice: input.yearsOfPractice,
    biography: input.biography,
    priceAmount: BigInt(input.price.amount),
    priceCurrency: input.price.currency,
  };
  // Ratings or consultations recorded before the profile existed are not lost. An upsert (one
  // INSERT … ON CONFLICT), so two first saves at once do not collide on the key.
  const totals = await reputationTotals(db, userId);
  return db.specialistProfile.upsert({
    where: { userId },
    create: { userId, ...fields, ...totals, ratingAverageCenti: ratingAverageCenti(totals.ratingSum, totals.ratingCount) },
    update: fields,
  });
}
