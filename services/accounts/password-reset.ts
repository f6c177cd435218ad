import { randomBytes } from 'node:crypto';
import { DomainError } from '../../domain/errors.ts';
import type { Db } from '../../infra/db.ts';
import { dispatchEmail, queueEmail } from '../platform/outbox.ts';
import type { TemporalTarget } from '../platform/temporal/gateway.ts';
import { hashPassword } from './passwords.ts';
import { revokeAllForUser, sha256 } from './tokens.ts';

// ACC-2 "forgot password": a one-time link that expires. The token is stored only as a hash;
// the mail is written in the same transaction as the token (outbox), then delivered.

export async function requestPasswordReset(
  db: Db,
  temporal: TemporalTarget,
  input: { email: string; ttlMinutes: number; publicBaseUrl: string },
): Promise<void> {
  const user = await db.user.findUnique({ where: { email: input.email } });
  // Unknown e-mails get the same answer as known ones: the endpoint must not reveal accounts.
  if (!user || user.suspendedAt) return;
  const token = randomBytes(32).toString('base64url');
  const outboxId = await db.$transaction(async (tx) => {
    await tx.passwordResetToken.create({
      data: { userId: user.id, tokenHash: sha256(token), expiresAt: new Date(Date.now() + input.ttlMinutes * 60_000) },
    });
    return queueEmail(tx, {
      recipient: user.email,
      subject: 'Reset your Maslahat password',
      body:
        `Someone asked to reset the password of your account. If it was you, open this link ` +
        `within ${input.ttlMinutes} minutes:\n\n${input.publicBaseUrl}/reset-password?token=${token}\n\n` +
        `If it was not you, ignore this message.`,
    });
  });
  await dispatchEmail(temporal, outboxId);
}

export async function confirmPasswordReset(db: Db, input: { token: string; newPassword: string }): Promise<void> {
  const now = new Date();
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    // Claiming with usedAt IS NULL makes the link single-use even under concurrent clicks.
    const record = await tx.passwordResetToken.findUnique({ where: { tokenHash: sha256(input.token) } });
    const claimed = record
      ? await tx.passwordResetToken.updateMany({
          where: { id: record.id, usedAt: null, expiresAt: { gt: now } },
          data: { usedAt: now },
        })
      : { count: 0 };
    if (!record || claimed.count === 0) {
      throw new DomainError('TOKEN_INVALID', 'This reset link is invalid, expired or already used.');
    }
    await tx.user.update({ where: { id: record.userId }, data: { passwordHash } });
  });
  const record = await db.passwordResetToken.findUniqueOrThrow({ where: { tokenHash: sha256(input.token) } });
  await revokeAllForUser(db, record.userId);
}
