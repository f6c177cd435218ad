import type { VerificationState } from '../verification/contract.ts';

// A specialist's public profile and the directory clients search before they start a chat
// (CHAT-1: only a client starts a conversation, so the client must be able to find the
// specialist first). Pure: lists, limits and the vetting rule; the services do the I/O.

/** Areas of practice a specialist may list; `prisma/schema.prisma`'s `enum PracticeArea` spells the same. */
export const PRACTICE_AREAS = [
  'civil',
  'family',
  'inheritance',
  'criminal',
  'labour',
  'tax',
  'business',
  'land_property',
  'housing',
  'administrative',
  'migration',
  'customs',
  'intellectual_property',
  'consumer_protection',
  'architecture',
] as const;
export type PracticeArea = (typeof PRACTICE_AREAS)[number];

/** Languages of the four source documents' markets (uz, ru, az, uk) and English; `enum SpecialistLanguage`. */
export const SPECIALIST_LANGUAGES = ['uz', 'ru', 'az', 'uk', 'en'] as const;
export type SpecialistLanguage = (typeof SPECIALIST_LANGUAGES)[number];

export const DISPLAY_NAME_MAX_LENGTH = 200;
export const BIOGRAPHY_MAX_LENGTH = 1000;
export const CITY_MAX_LENGTH = 100;
export const MAX_YEARS_OF_PRACTICE = 70;
/** Media types a profile photo may have (the files API decides a file's type from its bytes). */
export const PHOTO_MEDIA_TYPES = ['image/jpeg', 'image/png'] as const;

/** A client's rating of a specialist: whole stars. */
export const MIN_RATING_SCORE = 1;
export const MAX_RATING_SCORE = 5;

/** The directory's orders; ties are broken by the specialist's id, so pages never overlap. */
export const DIRECTORY_SORTS = ['rating', 'price', 'experience', 'consultations', 'name'] as const;
export type DirectorySort = (typeof DIRECTORY_SORTS)[number];

/** Where a specialist's vetting stands, as the specialist sees it on their profile. */
export const VETTING_STATES = ['not_submitted', 'pending', 'approved', 'rejected', 'expired'] as const;
export type VettingState = (typeof VETTING_STATES)[number];

export interface CredentialRequest {
  id: string;
  status: VerificationState;
  submittedAt: Date;
  decidedAt: Date | null;
  decisionReason: string | null;
}

export interface Vetting {
  status: VettingState;
  /** The admin's reason for a rejection (or a note on approval); null otherwise. */
  reason: string | null;
  decidedAt: Date | null;
  /** The credential request this status comes from; null when none was submitted. */
  requestId: string | null;
}

/**
 * CHAT-1 vetting: one approved credential makes a specialist approved for good (a later,
 * rejected extra document does not undo it); otherwise the newest request tells where things
 * stand, with the admin's reason on a rejection.
 */
export function vettingFrom(requests: readonly CredentialRequest[]): Vetting {
  const approved = requests.find((request) => request.status === 'approved');
  const newest = [...requests].sort((a, b) => b.submittedAt.getTime() - a.submittedAt.getTime())[0];
  const basis = approved ?? newest;
  if (!basis) return { status: 'not_submitted', reason: null, decidedAt: null, requestId: null };
  return { status: basis.status, reason: basis.decisionReason, decidedAt: basis.decidedAt, requestId: basis.id };
}

/** The refusal a specialist whose vetting is `vetting` gets from the lawyer routes and chats. */
export function notVettedMessage(vetting: Vetting): string {
  const why = {
    not_submitted: "upload a diploma, licence or advocate's certificate and submit it for vetting",
    pending: 'an administrator has not decided on the credentials you submitted yet',
    approved: 'they are approved',
    rejected: `they were rejected${vetting.reason ? ` (${vetting.reason})` : ''}; submit them again`,
    expired: 'the request expired without a decision; submit it again',
  }[vetting.status];
  return `Your credentials are not approved yet: ${why}. Until then you are not listed, cannot receive chats and see no client's data (CHAT-1).`;
}

/** A rating average in hundredths of a star (4.67 → 467), as stored for sorting and filtering. */
export function ratingAverageCenti(sum: number, count: number): number {
  return count === 0 ? 0 : Math.round((sum * 100) / count);
}
