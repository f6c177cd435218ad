import { Prisma } from '../../generated/prisma/client.ts';
import type { User } from '../../generated/prisma/client.ts';
import type { Role, SelfRegisteredRole } from '../../domain/accounts/roles.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Db } from '../../infra/db.ts';
import { guardAdminChange } from './admins.ts';
import { hashPassword, passwordMatches } from './passwords.ts';
import { issueTokens, revokeAllForUser, type TokenPair, type TokenSettings } from './tokens.ts';

// ACC-1, ACC-2, ACC-3, ACC-6: the account's life. E-mails are stored lower-case and phones
// in E.164, so "one person, one account" holds whatever spelling a client types.

export interface Registration {
  email: string;
  phone: string;
  password: string;
  fullName: string;
  birthDate?: string | undefined;
  role: SelfRegisteredRole;
}

export async function register(db: Db, input: Registration): Promise<User> {
  await assertEmailFree(db, input.email);
  await assertPhoneFree(db, input.phone);
  try {
    return await db.user.create({
      data: {
        email: input.email,
        phone: input.phone,
        passwordHash: await hashPassword(input.password),
        fullName: input.fullName,
        birthDate: input.birthDate ? new Date(`${input.birthDate}T00:00:00Z`) : null,
        role: input.role,
      },
    });
  } catch (error) {
    // Two registrations racing past the checks: the unique index decides.
    throw uniqueViolationToDomainError(error);
  }
}

export async function login(
  db: Db,
  settings: TokenSettings,
  input: { email: string; password: string; rememberMe: boolean },
): Promise<TokenPair> {
  const user = await db.user.findUnique({ where: { email: input.email } });
  if (!(await passwordMatches(user?.passwordHash, input.password)) || !user) {
    throw new DomainError('INVALID_CREDENTIALS', 'E-mail or password is wrong.');
  }
  if (user.suspendedAt) throw new DomainError('ACCOUNT_SUSPENDED', 'The account is suspended (ACC-6).');
  return issueTokens(db, settings, { userId: user.id, role: user.role }, { rememberMe: input.rememberMe });
}

export async function updateProfile(
  db: Db,
  userId: string,
  input: { fullName?: string | undefined; birthDate?: string | null | undefined },
): Promise<User> {
  return db.user.update({
    where: { id: userId },
    data: {
      ...(input.fullName !== undefined && { fullName: input.fullName }),
      ...(input.birthDate !== undefined && {
        birthDate: input.birthDate === null ? null : new Date(`${input.birthDate}T00:00:00Z`),
      }),
    },
  });
}

export async function changeEmail(db: Db, userId: string, input: { newEmail: string; currentPassword: string }) {
  await assertCurrentPassword(db, userId, input.currentPassword);
  await assertEmailFree(db, input.newEmail, userId);
  try {
    return await db.user.update({ where: { id: userId }, data: { email: input.newEmail } });
  } catch (error) {
    throw uniqueViolationToDomainError(error);
  }
}

export async function changePassword(db: Db, userId: string, input: { currentPassword: string; newPassword: string }) {
  await assertCurrentPassword(db, userId, input.currentPassword);
  await db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(input.newPassword) } });
  // Other devices must log in again with the new password.
  await revokeAllForUser(db, userId);
}

/** ACC-6, by an admin (`actorId`): never their own account, never the last active admin (admins.ts). */
export async function setSuspension(db: Db, actorId: string, userId: string, suspension: { reason: string } | null): Promise<User> {
  await getUser(db, userId);
  const user = await db.$transaction(async (tx) => {
    if (suspension) await guardAdminChange(tx, { actorId, targetId: userId, change: 'suspend' });
    return tx.user.update({
      where: { id: userId },
      data: suspension ? { suspendedAt: new Date(), suspendedReason: suspension.reason } : { suspendedAt: null, suspendedReason: null },
    });
  });
  if (suspension) await revokeAllForUser(db, userId);
  return user;
}

/** By an admin (`actorId`): never demoting their own account or the last active admin (admins.ts). */
export async function setRole(db: Db, actorId: string, userId: string, role: Role): Promise<User> {
  await getUser(db, userId);
  return db.$transaction(async (tx) => {
    if (role !== 'admin') await guardAdminChange(tx, { actorId, targetId: userId, change: 'demote' });
    return tx.user.update({ where: { id: userId }, data: { role } });
  });
}

export async function getUser(db: Db, userId: string): Promise<User> {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) throw new DomainError('NOT_FOUND', 'No such user.');
  return user;
}

async function assertCurrentPassword(db: Db, userId: string, password: string): Promise<void> {
  const user = await getUser(db, userId);
  if (!(await passwordMatches(user.passwordHash, password))) {
    throw new DomainError('INVALID_CREDENTIALS', 'The current password is wrong.', [
      { path: 'currentPassword', message: 'does not match' },
    ]);
  }
}

async function assertEmailFree(db: Db, email: string, exceptUserId?: string): Promise<void> {
  const owner = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (owner && owner.id !== exceptUserId) {
    throw new DomainError('EMAIL_TAKEN', 'An account with this e-mail already exists.', [{ path: 'email', message: 'already registered' }]);
  }
}

async function assertPhoneFree(db: Db, phone: string): Promise<void> {
  if (await db.user.findUnique({ where: { phone }, select: { id: true } })) {
    throw new DomainError('PHONE_TAKEN', 'An account with this phone number already exists.', [
      { path: 'phone', message: 'already registered' },
    ]);
  }
}

function uniqueViolationToDomainError(error: unknown): unknown {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
    const target = JSON.stringify(error.meta ?? {});
    return target.includes('phone')
      ? new DomainError('PHONE_TAKEN', 'An account with this phone number already exists.')
      : new DomainError('EMAIL_TAKEN', 'An account with this e-mail already exists.');
  }
  return error;
}
