import type { CardModerationActivities } from '../domain/card-moderation/contract.ts';
import type { Db } from '../infra/db.ts';
import { dispatchEmail, queueEmail } from '../services/platform/outbox.ts';
import type { TemporalTarget } from '../services/platform/temporal/gateway.ts';
import type { CardRecordedState, CardRound } from '../domain/card-moderation/contract.ts';
import { DEFAULT_SUPERVISOR_EMAIL } from './support.ts';

// Side effects of SUP-8 card moderation. The mirror is an overwrite; each e-mail carries a key
// derived from the card, the round and the step, so a retried activity sends it once.
export function createCardModerationActivities(deps: {
  db: Db;
  temporal: TemporalTarget;
  publicBaseUrl: string;
  supervisorEmail?: string | undefined;
}): CardModerationActivities {
  const { db } = deps;
  const send = async (email: Parameters<typeof queueEmail>[1]) => dispatchEmail(deps.temporal, await queueEmail(db, email));

  return {
    async recordCardRound(input: { cardId: string; status: CardRecordedState; round: CardRound }): Promise<void> {
      const r = input.round;
      await db.catalogueCard.update({
        where: { id: input.cardId },
        data: {
          status: input.status,
          round: r.round,
          submittedAt: new Date(r.submittedAt),
          reviewDueAt: new Date(r.reviewDueAt),
          escalatedAt: r.escalatedAt === null ? null : new Date(r.escalatedAt),
          decidedAt: r.decidedAt === null ? null : new Date(r.decidedAt),
          reviewerId: r.reviewerId,
          errors: r.errors,
        },
      });
    },

    async escalateCardReview(input: { cardId: string; round: number; reviewDueAt: number }): Promise<void> {
      const card = await db.catalogueCard.findUniqueOrThrow({ where: { id: input.cardId } });
      await send({
        recipient: deps.supervisorEmail ?? DEFAULT_SUPERVISOR_EMAIL,
        subject: `Catalogue card review overdue: "${card.title}" (round ${input.round})`,
        body:
          `The review was due at ${new Date(input.reviewDueAt).toISOString()} (SUP-8: 5 days from submission).\n\n` +
          `Review it: ${deps.publicBaseUrl}/v1/admin/support/card-reviews?status=in_review`,
        dedupeKey: `card-${input.cardId}/round-${input.round}/escalation`,
      });
    },

    async notifyCardSubmitter(input: {
      cardId: string;
      round: number;
      status: Exclude<CardRecordedState, 'in_review'>;
      errors: string[];
    }): Promise<void> {
      const card = await db.catalogueCard.findUniqueOrThrow({ where: { id: input.cardId } });
      const submitter = await db.user.findUniqueOrThrow({ where: { id: card.submitterId } });
      const body =
        input.status === 'approved'
          ? `Your catalogue card "${card.title}" was approved.`
          : `Your catalogue card "${card.title}" was returned. Please correct:\n${input.errors.map((e) => `- ${e}`).join('\n')}\n\n` +
            `Then resubmit it: ${deps.publicBaseUrl}/v1/catalogue-cards/${card.id}/resubmit`;
      await send({
        recipient: submitter.email,
        subject: `Catalogue card ${input.status}: "${card.title}"`,
        body,
        dedupeKey: `card-${input.cardId}/round-${input.round}/${input.status}`,
      });
    },
  };
}
