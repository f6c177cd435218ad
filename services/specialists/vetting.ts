import { DomainError } from '../../domain/errors.ts';
import { notVettedMessage, vettingFrom, type Vetting } from '../../domain/specialists/profile.ts';
import { SPECIALIST_CREDENTIAL_KINDS } from '../../domain/verification/contract.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import type { Db } from '../../infra/db.ts';

// CHAT-1 vetting: a specialist's diploma, licence or advocate's certificate goes through the
// account-verification workflow (services/accounts/verification.ts); an admin's approval there
// is what this module reads. Until then the specialist is not listed, cannot receive chats and
// sees no client's data (the lawyer routes refuse with SPECIALIST_NOT_VETTED). ACC-6: a
// suspended specialist counts as not vetted.

/** Prisma `where` on users: specialists, not suspended, with an approved credential. */
export const vettedSpecialistWhere = {
  role: 'specialist',
  suspendedAt: null,
  verificationRequests: { some: { kind: { in: [...SPECIALIST_CREDENTIAL_KINDS] }, status: 'approved' } },
} satisfies Prisma.UserWhereInput;

/** Where the user's credential vetting stands (derived from their credential requests). */
export async function vettingOf(db: Db, userId: string): Promise<Vetting> {
  const requests = await db.verificationRequest.findMany({
    where: { userId, kind: { in: [...SPECIALIST_CREDENTIAL_KINDS] } },
    select: { id: true, status: true, submittedAt: true, decidedAt: true, decisionReason: true },
    orderBy: { submittedAt: 'desc' },
  });
  return vettingFrom(requests);
}

/** True when `userId` is a specialist, not suspended (ACC-6), whose credentials an admin approved (CHAT-1). */
export async function isVettedSpecialist(db: Db, userId: string): Promise<boolean> {
  return (await db.user.count({ where: { id: userId, ...vettedSpecialistWhere } })) === 1;
}

/**
 * Throws the 403 SPECIALIST_NOT_VETTED problem unless `userId` is a vetted specialist.
 * `audience: 'self'` (the default) words it for the specialist; `'other'` for a client trying
 * to reach that specialist (a chat start), without telling the specialist's vetting details.
 */
export async function requireVettedSpecialist(db: Db, userId: string, options: { audience?: 'self' | 'other' } = {}): Promise<void> {
  if (await isVettedSpecialist(db, userId)) return;
  if (options.audience === 'other') {
    throw new DomainError('SPECIALIST_NOT_VETTED', 'This specialist is not available: their credentials are not approved (CHAT-1).');
  }
  const vetting = await vettingOf(db, userId);
  const user = await db.user.findUnique({ where: { id: userId }, select: { suspendedAt: true } });
  if (vetting.status === 'approved' && user?.suspendedAt) {
    throw new DomainError('SPECIALIST_NOT_VETTED', 'The account is suspended until its data is corrected (ACC-6).');
  }
  throw new DomainError('SPECIALIST_NOT_VETTED', notVettedMessage(vetting));
}
