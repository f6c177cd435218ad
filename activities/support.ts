import { createHash } from 'node:crypto';
import { jsonValue, type Db } from '../infra/db.ts';
import { dispatchEmail, queueEmail } from '../services/platform/outbox.ts';
import type { TemporalTarget } from '../services/platform/temporal/gateway.ts';
import {
  ticketLabel,
  type SlaNotice,
  type TicketActivities,
  type TicketEventDraft,
  type TicketSnapshot,
} from '../domain/tickets/contract.ts';

// Side effects of the ticket workflow. Each is idempotent: the mirror is an overwrite, history
// entries and e-mails carry keys derived from the workflow id and step.

export const DEFAULT_SUPERVISOR_EMAIL = 'supervisor@maslahat.local';

export interface SupportActivityDeps {
  db: Db;
  temporal: TemporalTarget;
  publicBaseUrl: string;
  /** Receives SLA escalations when no duty shift (support_duty_shifts) covers the moment. */
  supervisorEmail?: string | undefined;
}

const date = (instant: number | null): Date | null => (instant === null ? null : new Date(instant));

/** SUP-7: a stable choice per ticket, so a retried activity makes the same decision. */
export function inQualitySample(ticketId: string, percent: number): boolean {
  const bucket = createHash('sha256').update(ticketId).digest().readUInt32BE(0) % 100;
  return bucket < percent;
}

export function createSupportActivities(deps: SupportActivityDeps): TicketActivities {
  const { db } = deps;
  const supervisorEmail = deps.supervisorEmail ?? DEFAULT_SUPERVISOR_EMAIL;

  /** The admin whose duty shift covers `at`, else the configured supervisor address. */
  async function supervisorOnDuty(at: Date): Promise<string> {
    const shift = await db.supportDutyShift.findFirst({
      where: { startsAt: { lte: at }, endsAt: { gt: at } },
      orderBy: { startsAt: 'desc' },
    });
    const supervisor = shift ? await db.user.findUnique({ where: { id: shift.supervisorId } }) : null;
    return supervisor && !supervisor.suspendedAt ? supervisor.email : supervisorEmail;
  }

  return {
    async recordTicket(input: { ticket: TicketSnapshot; events: (TicketEventDraft & { dedupeKey: string })[] }): Promise<void> {
      const t = input.ticket;
      await db.$transaction([
        db.supportTicket.update({
          where: { id: t.ticketId },
          data: {
            status: t.status,
            priority: t.priority,
            waitingFor: t.waitingFor,
            assigneeId: t.assigneeId,
            customerName: t.identity.customerName,
            organisation: t.identity.organisation,
            stir: t.identity.stir,
            firstResponseDueAt: date(t.firstResponse.dueAt),
            firstRespondedAt: date(t.firstResponse.metAt),
            firstResponseBreachedAt: date(t.firstResponse.breachedAt),
            // While the clock is paused there is no resolution deadline to show.
            resolutionDueAt: t.pausedSince === null ? date(t.resolution.dueAt) : null,
            resolvedAt: date(t.resolvedAt),
            resolutionBreachedAt: date(t.resolution.breachedAt),
            nextDeadlineAt: date(t.nextDeadline),
          },
        }),
        db.ticketEvent.createMany({
          data: input.events.map((e) => ({
            ticketId: t.ticketId,
            dedupeKey: e.dedupeKey,
            kind: e.kind,
            actorId: e.actorId,
            at: new Date(e.at),
            detail: jsonValue(e.detail),
          })),
          skipDuplicates: true,
        }),
      ]);
    },

    /** A warning goes to the assignee (the supervisor on duty while unassigned); a breach escalates to the supervisor on duty. */
    async notifySla(input: SlaNotice): Promise<string> {
      const assignee = input.assigneeId ? await db.user.findUnique({ where: { id: input.assigneeId } }) : null;
      const recipient = input.kind === 'warn' && assignee ? assignee.email : await supervisorOnDuty(new Date(input.at));
      const what = input.clock === 'first_response' ? 'first response' : 'resolution';
      const label = ticketLabel(input.number);
      const subject =
        input.kind === 'warn'
          ? `[${label}] ${what} due at ${new Date(input.dueAt).toISOString()}`
          : `[${label}] SLA breached: ${what} was due at ${new Date(input.dueAt).toISOString()}`;
      const outboxId = await queueEmail(db, {
        recipient,
        subject,
        body: `${subject}\n\nOpen the ticket: ${deps.publicBaseUrl}/v1/support/tickets/${input.number}`,
        dedupeKey: input.dedupeKey,
      });
      await dispatchEmail(deps.temporal, outboxId);
      if (input.kind === 'escalate') {
        await db.ticketEvent.createMany({
          data: [
            {
              ticketId: input.ticketId,
              dedupeKey: `${input.dedupeKey}/escalated`,
              kind: 'escalated',
              at: new Date(input.at),
              detail: { clock: input.clock, to: recipient },
            },
          ],
          skipDuplicates: true,
        });
      }
      return recipient;
    },

    /** SUP-7: puts a resolved ticket (a logged call with its recording) in the review queue if sampled. */
    async sampleForQualityReview(input: { ticketId: string; percent: number }): Promise<boolean> {
      if (!inQualitySample(input.ticketId, input.percent)) return false;
      const ticket = await db.supportTicket.findUniqueOrThrow({ where: { id: input.ticketId } });
      await db.qualityReview.createMany({
        data: [{ ticketId: ticket.id, recordingUrl: ticket.recordingUrl }],
        skipDuplicates: true,
      });
      return true;
    },
  };
}
