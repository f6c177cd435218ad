import { z } from 'zod';
import { PRIORITIES } from '../../../domain/sla.ts';
import { identityComplete } from '../../../domain/tickets/core.ts';
import {
  FEEDBACK_CATEGORIES,
  TICKET_CHANNELS,
  TICKET_STATUSES,
  TICKET_WAITING_FOR,
  ticketLabel,
  type TicketSnapshot,
  type TicketWaitingFor,
} from '../../../domain/tickets/contract.ts';

// The support desk's response shapes, one schema each for validation, types and OpenAPI.

export const Priority = z
  .enum(PRIORITIES)
  .describe('SUP-4: critical 4 h round the clock; high 8 working h; medium 24 working h; low 2 working days');
export const TicketChannel = z.enum(TICKET_CHANNELS);
export const TicketStatus = z.enum(TICKET_STATUSES);
export const Stir = z.string().regex(/^\d{9}$/, 'must be the 9-digit STIR (taxpayer number)');
export const TicketNumberParams = z.object({ number: z.coerce.number().int().min(1).max(2_147_483_647) });

const instant = z.string().nullable();

export const TicketView = z
  .object({
    number: z.number().int(),
    label: z.string().describe('Human-friendly number, e.g. T-1000; put it in a mail subject as [#T-1000]'),
    channel: TicketChannel,
    priority: Priority,
    status: TicketStatus,
    waitingFor: z.enum(TICKET_WAITING_FOR).nullable().describe('SUP-5/SUP-6: what the ticket waits for from the customer'),
    subject: z.string(),
    contact: z.object({ email: z.string().nullable(), telegramChatId: z.string().nullable(), phone: z.string().nullable() }),
    identity: z.object({ customerName: z.string().nullable(), organisation: z.string().nullable(), stir: z.string().nullable() }),
    identityComplete: z.boolean().describe('SUP-5: name, organisation and STIR are all known'),
    assigneeId: z.string().nullable(),
    registeredAt: z.string(),
    firstResponse: z.object({ dueAt: instant, respondedAt: instant, breachedAt: instant }),
    resolution: z.object({
      dueAt: instant.describe('Null while the clock is paused (waiting for the customer, SUP-6)'),
      resolvedAt: instant,
      breachedAt: instant,
    }),
    nextDeadlineAt: instant,
    recordingUrl: z.string().nullable(),
    feedback: z
      .object({
        requesterUserId: z.string(),
        conversationId: z.string().nullable().describe('The conversation the feedback is about (CHAT-7)'),
        category: z.enum(FEEDBACK_CATEGORIES).nullable(),
      })
      .nullable()
      .describe('CHAT-7 / ACC-8: channel feedback — the logged-in user who sent it from the cabinet; answer with reply as usual'),
  })
  .meta({ id: 'SupportTicket' });

interface TicketRow {
  number: number;
  channel: z.infer<typeof TicketChannel>;
  priority: z.infer<typeof Priority>;
  status: z.infer<typeof TicketStatus>;
  waitingFor: string | null;
  subject: string;
  contactEmail: string | null;
  telegramChatId: string | null;
  contactPhone: string | null;
  customerName: string | null;
  organisation: string | null;
  stir: string | null;
  assigneeId: string | null;
  registeredAt: Date;
  firstResponseDueAt: Date | null;
  firstRespondedAt: Date | null;
  firstResponseBreachedAt: Date | null;
  resolutionDueAt: Date | null;
  resolvedAt: Date | null;
  resolutionBreachedAt: Date | null;
  nextDeadlineAt: Date | null;
  recordingUrl: string | null;
  requesterUserId: string | null;
  conversationId: string | null;
  feedbackCategory: (typeof FEEDBACK_CATEGORIES)[number] | null;
}

const iso = (value: Date | number | null): string | null => (value === null ? null : new Date(value).toISOString());

/** The row as mirrored, overlaid with the workflow's live state when the caller has it. */
export function ticketView(row: TicketRow, live?: TicketSnapshot): z.infer<typeof TicketView> {
  const identity = live?.identity ?? { customerName: row.customerName, organisation: row.organisation, stir: row.stir };
  return {
    number: row.number,
    label: ticketLabel(row.number),
    channel: row.channel,
    priority: live?.priority ?? row.priority,
    status: live?.status ?? row.status,
    waitingFor: (live ? live.waitingFor : row.waitingFor) as TicketWaitingFor | null,
    subject: row.subject,
    contact: { email: row.contactEmail, telegramChatId: row.telegramChatId, phone: row.contactPhone },
    identity,
    identityComplete: identityComplete(identity),
    assigneeId: live ? live.assigneeId : row.assigneeId,
    registeredAt: row.registeredAt.toISOString(),
    firstResponse: live
      ? { dueAt: iso(live.firstResponse.dueAt), respondedAt: iso(live.firstResponse.metAt), breachedAt: iso(live.firstResponse.breachedAt) }
      : { dueAt: iso(row.firstResponseDueAt), respondedAt: iso(row.firstRespondedAt), breachedAt: iso(row.firstResponseBreachedAt) },
    resolution: live
      ? {
          dueAt: live.pausedSince === null ? iso(live.resolution.dueAt) : null,
          resolvedAt: iso(live.resolvedAt),
          breachedAt: iso(live.resolution.breachedAt),
        }
      : { dueAt: iso(row.resolutionDueAt), resolvedAt: iso(row.resolvedAt), breachedAt: iso(row.resolutionBreachedAt) },
    nextDeadlineAt: live ? iso(live.nextDeadline) : iso(row.nextDeadlineAt),
    recordingUrl: row.recordingUrl,
    feedback: row.requesterUserId
      ? { requesterUserId: row.requesterUserId, conversationId: row.conversationId, category: row.feedbackCategory }
      : null,
  };
}

export const IntakeReceipt = z
  .object({
    ticket: z.string().describe('e.g. T-1000'),
    number: z.number().int(),
    duplicate: z.boolean().describe('This message was registered before; nothing new was created'),
    joined: z.boolean().describe('The message joined an open ticket of the same customer'),
  })
  .meta({ id: 'SupportIntakeReceipt' });

export const TicketEventView = z.object({
  id: z.string(),
  kind: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  detail: z.unknown(),
});
