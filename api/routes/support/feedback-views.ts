import { z } from 'zod';
import { FEEDBACK_CATEGORIES, ticketLabel, type FeedbackCategoryName, type TicketStatusName } from '../../../domain/tickets/contract.ts';
import { TicketStatus } from './views.ts';

// The cabinet's feedback (CHAT-7 / ACC-8), as its sender sees it: no SLA internals, no
// operator ids, no history — the status and the conversation with the administration.

export const FeedbackReceipt = z
  .object({
    number: z.number().int(),
    label: z.string().describe('e.g. T-1000'),
    status: TicketStatus,
    duplicate: z.boolean().describe('This Idempotency-Key was used before: this is that feedback, nothing new was sent'),
  })
  .meta({ id: 'FeedbackReceipt' });

export const FeedbackMessageView = z
  .object({
    id: z.string(),
    from: z.enum(['me', 'administration']),
    text: z.string(),
    at: z.string(),
  })
  .meta({ id: 'FeedbackMessage' });

export const FeedbackView = z
  .object({
    number: z.number().int(),
    label: z.string(),
    status: TicketStatus,
    category: z.enum(FEEDBACK_CATEGORIES).nullable(),
    conversationId: z.string().nullable(),
    subject: z.string(),
    sentAt: z.string(),
    resolvedAt: z.string().nullable(),
    lastReply: z.object({ text: z.string(), at: z.string() }).nullable().describe("The administration's latest reply, if any"),
  })
  .meta({ id: 'Feedback' });

export const FeedbackThread = FeedbackView.extend({
  messages: z.array(FeedbackMessageView).describe('Oldest first'),
  nextCursor: z.string().nullable(),
}).meta({ id: 'FeedbackThread' });

interface MessageRow {
  id: string;
  direction: 'inbound' | 'outbound';
  body: string;
  createdAt: Date;
}

interface FeedbackRow {
  number: number;
  status: TicketStatusName;
  feedbackCategory: FeedbackCategoryName | null;
  conversationId: string | null;
  subject: string;
  registeredAt: Date;
  resolvedAt: Date | null;
  /** The latest outbound message only (read-models/feedback.ts). */
  messages: MessageRow[];
}

export function feedbackMessageView(row: MessageRow): z.infer<typeof FeedbackMessageView> {
  return { id: row.id, from: row.direction === 'inbound' ? 'me' : 'administration', text: row.body, at: row.createdAt.toISOString() };
}

export function feedbackView(row: FeedbackRow): z.infer<typeof FeedbackView> {
  const last = row.messages[0];
  return {
    number: row.number,
    label: ticketLabel(row.number),
    status: row.status,
    category: row.feedbackCategory,
    conversationId: row.conversationId,
    subject: row.subject,
    sentAt: row.registeredAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    lastReply: last ? { text: last.body, at: last.createdAt.toISOString() } : null,
  };
}
