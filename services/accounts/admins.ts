import { DomainError } from '../../domain/errors.ts';
import type { Prisma } from '../../generated/prisma/client.ts';

// Issue 14: the administration must never lock itself out. An admin may not suspend or demote
// their own account (another admin can), and no change may leave the service without an
// active admin — checked under one lock, so two admins demoting each other at once cannot
// both succeed.

export type AdminChange = 'suspend' | 'demote';

export async function guardAdminChange(tx: Prisma.TransactionClient, c: { actorId: string; targetId: string; change: AdminChange }) {
  if (c.actorId === c.targetId) {
    throw new DomainError(
      'ADMIN_SELF_CHANGE',
      c.change === 'suspend'
        ? 'An admin cannot suspend their own account; ask another admin.'
        : 'An admin cannot change their own role; ask another admin.',
    );
  }
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('admins'))`;
  const target = await tx.user.findUnique({ where: { id: c.targetId }, select: { role: true, suspendedAt: true } });
  if (target?.role !== 'admin' || target.suspendedAt) return;
  const others = await tx.user.count({ where: { role: 'admin', suspendedAt: null, id: { not: c.targetId } } });
  if (others === 0) throw new DomainError('LAST_ADMIN', 'This is the last active admin; make another admin first.');
}
