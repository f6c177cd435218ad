import type { VerificationActivities } from '../domain/verification/contract.ts';
import type { Db } from '../infra/db.ts';
import { dispatchEmail, queueEmail } from '../services/platform/outbox.ts';
import type { TemporalTarget } from '../services/platform/temporal/gateway.ts';
import { isSpecialistCredential, type VerificationState } from '../domain/verification/contract.ts';

// Side effects of the ACC-4 verification workflow. Each is idempotent: the DB mirror is a
// plain overwrite, and every e-mail carries a dedupe key derived from the request and step.
export function createVerificationActivities(deps: { db: Db; temporal: TemporalTarget; publicBaseUrl: string }): VerificationActivities {
  const { db } = deps;

  async function queueAndDispatch(emails: Parameters<typeof queueEmail>[1][]): Promise<void> {
    for (const email of emails) {
      await dispatchEmail(deps.temporal, await queueEmail(db, email));
    }
  }

  return {
    async remindAdminsOfVerification(input: { requestId: string; remindedAt: number }): Promise<number> {
      const request = await db.verificationRequest.update({
        where: { id: input.requestId },
        data: { remindedAt: new Date(input.remindedAt) },
        include: { user: true },
      });
      const admins = await db.user.findMany({ where: { role: 'admin', suspendedAt: null } });
      await queueAndDispatch(
        admins.map((admin) => ({
          recipient: admin.email,
          subject: 'A verification request is waiting for a decision',
          body:
            `${request.user.fullName} submitted a ${request.kind.replace(/_/g, ' ')} document ` +
            `on ${request.submittedAt.toISOString()} and it is still undecided.\n\n` +
            `Review it: ${deps.publicBaseUrl}/v1/admin/verifications/${request.id}`,
          dedupeKey: `verification-${request.id}/reminder/${admin.id}`,
        })),
      );
      return admins.length;
    },

    async recordVerificationOutcome(input: {
      requestId: string;
      status: VerificationState;
      decidedAt: number;
      decidedById: string | null;
      reason: string | null;
    }): Promise<void> {
      await db.verificationRequest.update({
        where: { id: input.requestId },
        data: {
          status: input.status,
          decidedAt: new Date(input.decidedAt),
          decidedById: input.decidedById,
          decisionReason: input.reason,
        },
      });
    },

    async notifyUserOfVerification(input: { requestId: string; status: VerificationState }): Promise<void> {
      const request = await db.verificationRequest.findUniqueOrThrow({
        where: { id: input.requestId },
        include: { user: true },
      });
      const outcome = {
        pending: 'is still pending',
        approved: isSpecialistCredential(request.kind)
          ? 'was approved: your profile is listed in the directory and you can take orders and chats'
          : 'was approved: you can now order services',
        rejected: `was rejected${request.decisionReason ? `: ${request.decisionReason}` : ''}`,
        expired: 'expired without a decision after 30 days; please submit it again',
      }[input.status];
      await queueAndDispatch([
        {
          recipient: request.user.email,
          subject: 'Your verification request',
          body: `Your ${request.kind.replace(/_/g, ' ')} document ${outcome}.`,
          dedupeKey: `verification-${request.id}/outcome`,
        },
      ]);
    },
  };
}
