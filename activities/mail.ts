import type { DeliveryActivities } from '../domain/delivery/contract.ts';
import type { Transporter } from 'nodemailer';
import type { Db } from '../infra/db.ts';
import { outboxMessageId } from '../services/platform/outbox.ts';

// Sends one outbox row through SMTP. Safe to retry: a row already marked sent is skipped,
// and the Message-ID is derived from the row so a mail server can drop the rare duplicate
// (crash after the SMTP transaction, before the row was marked).
export function createMailActivities(deps: { db: Db; mailer: Transporter; from: string }): Pick<DeliveryActivities, 'deliverEmail'> {
  return {
    async deliverEmail(outboxId: string): Promise<'sent' | 'already-sent'> {
      const row = await deps.db.outboxEmail.findUniqueOrThrow({ where: { id: outboxId } });
      if (row.sentAt) return 'already-sent';
      try {
        await deps.mailer.sendMail({
          from: deps.from,
          to: row.recipient,
          subject: row.subject,
          text: row.body,
          messageId: outboxMessageId(row.id),
          replyTo: row.replyTo ?? undefined,
          inReplyTo: row.inReplyTo ?? undefined,
          references: row.inReplyTo ?? undefined,
        });
      } catch (error) {
        await deps.db.outboxEmail.update({
          where: { id: outboxId },
          data: { attempts: { increment: 1 }, lastError: String((error as Error).message).slice(0, 1000) },
        });
        throw error;
      }
      await deps.db.outboxEmail.update({
        where: { id: outboxId },
        data: { sentAt: new Date(), attempts: { increment: 1 }, lastError: null },
      });
      return 'sent';
    },
  };
}
