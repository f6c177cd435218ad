import type {
  ConsultationActivities,
  ConsultationNotice,
  ConsultationState,
  ConsultationStatus,
  EscalationReason,
} from '../domain/consultations/contract.ts';
import { complaintOpen, operatorDeadline } from '../domain/consultations/core/index.ts';
import type { MoneyActivities } from '../domain/money-contract.ts';
import { jsonValue, type Db } from '../infra/db.ts';
import { renderNotice } from '../services/consultations/notices.ts';
import { recordCompletedConsultation } from '../services/specialists/reputation.ts';
import { postSystemMessage } from '../services/conversations/messages.ts';
import { dispatchEmail, queueEmail } from '../services/platform/outbox.ts';
import type { TemporalTarget } from '../services/platform/temporal/gateway.ts';

// Side effects of the consultation workflow (domain/consultations/contract.ts). Each is
// idempotent on its key, as activities are retried: the mirror overwrites the row with the
// workflow's state, system messages and flags are unique on their dedupe key, and mail carries
// a dedupe key per recipient.

const ESCALATION_SUBJECTS: Record<EscalationReason, string> = {
  arbitration_overdue: 'Overdue: a consultation complaint awaits a decision',
  repeated_off_platform: 'Repeated requests to pay outside the platform',
  refund_not_recovered: "A complaint refund could not be recovered from the specialist's balance",
};

const COUNTED_AS_COMPLETED: readonly ConsultationStatus[] = ['completed', 'partially_refunded'];

const at = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms));

/** The consultation's columns as its state has them (the lists and admin queues read these). */
export function consultationColumns(state: ConsultationState) {
  const session = state.session;
  return {
    status: state.status,
    price: session ? BigInt(session.price) : null,
    endedAt: at(session?.endedAt),
    complaintDeadline: at(state.complaintDeadline),
    complaintOpenedAt: at(state.complaint?.openedAt),
    complaintDecideBy: complaintOpen(state) ? at(state.complaint?.decideBy) : null,
    nextDeadlineAt: at(operatorDeadline(state)),
    closedAt: at(state.closedAt),
  };
}

export function createConsultationActivities(deps: {
  db: Db;
  temporal: TemporalTarget;
  publicBaseUrl: string;
}): Omit<ConsultationActivities, keyof MoneyActivities> {
  const { db } = deps;

  async function recipientsOf(notice: Pick<ConsultationNotice, 'audience' | 'clientId' | 'specialistId'>) {
    const ids = [
      ...(notice.audience.includes('client') ? [notice.clientId] : []),
      ...(notice.audience.includes('specialist') ? [notice.specialistId] : []),
    ];
    const users = await db.user.findMany({ where: { id: { in: ids } } });
    const admins = notice.audience.includes('admins') ? await db.user.findMany({ where: { role: 'admin', suspendedAt: null } }) : [];
    return [...users, ...admins];
  }

  async function mail(recipients: { id: string; email: string }[], dedupeKey: string, subject: string, body: string) {
    for (const user of recipients) {
      const id = await queueEmail(db, { recipient: user.email, subject, body, dedupeKey: `${dedupeKey}/${user.id}` });
      await dispatchEmail(deps.temporal, id);
    }
  }

  return {
    async mirrorConsultation(state: ConsultationState): Promise<void> {
      await db.consultation.update({
        where: { id: state.consultationId },
        data: { ...consultationColumns(state), state: jsonValue(state) },
      });
      // The directory's count of completed consultations: one that ended with the advice kept
      // (no complaint, a rejected one, or a partial refund); counted once per consultation.
      if (COUNTED_AS_COMPLETED.includes(state.status)) await recordCompletedConsultation(db, state.specialistId, state.consultationId);
    },

    async postSystemMessage(input) {
      const { messageId } = await postSystemMessage(db, {
        conversationId: input.conversationId,
        consultationId: input.consultationId,
        dedupeKey: input.dedupeKey,
        code: input.message.code,
        params: input.message.params,
        ...(input.visibleTo !== undefined && { visibleTo: input.visibleTo }),
      });
      return { messageId };
    },

    async notifyConsultation(notice: ConsultationNotice): Promise<number> {
      const recipients = await recipientsOf(notice);
      const { subject, body } = renderNotice(notice.message);
      const link = `${deps.publicBaseUrl}/v1/conversations/${notice.conversationId}`;
      await mail(recipients, notice.dedupeKey, subject, `${body}\n\nConversation: ${link}`);
      return recipients.length;
    },

    async flagForReview(input): Promise<void> {
      await db.consultationFlag.createMany({ data: [{ ...input }], skipDuplicates: true });
    },

    async escalate(input): Promise<void> {
      await db.consultationEscalation.createMany({ data: [{ ...input }], skipDuplicates: true });
      const admins = await db.user.findMany({ where: { role: 'admin', suspendedAt: null } });
      const subject = ESCALATION_SUBJECTS[input.reason];
      const link = `${deps.publicBaseUrl}/v1/admin/consultations/${input.consultationId}/evidence`;
      await mail(admins, input.dedupeKey, subject, `${subject} (${input.detail}).\n\nEvidence: ${link}`);
    },
  };
}
