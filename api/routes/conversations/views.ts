import { z } from 'zod';
import { MESSAGE_KINDS, type MessageKind } from '../../../domain/conversations/model.ts';
import type { ConversationListItem } from '../../../services/conversations/read-models/conversations.ts';
import type { MessageRow } from '../../../services/conversations/messages.ts';

// What the conversation routes and the live streams answer with: one message schema for the
// history, a sent message and a stream event.

/** A message's seq: the history's cursor and the live stream's event id (a decimal string: it is a 64-bit integer). */
export const Seq = z
  .string()
  .regex(/^\d{1,18}$/, 'must be a message seq (a decimal number)')
  .transform((value) => BigInt(value));

export const MessageView = z
  .object({
    id: z.string(),
    seq: z.string().describe('Global, increasing: the cursor of the history and the event id of the live stream.'),
    conversationId: z.string(),
    senderId: z.string().nullable().describe('Null for a system message.'),
    kind: z.enum(MESSAGE_KINDS),
    body: z.string().nullable(),
    fileIds: z.array(z.string()).describe('Attachments: read them with GET /v1/files/{id}/content.'),
    systemCode: z.string().nullable().describe('A system message: a code the client renders in its language (CHAT-3…CHAT-6).'),
    systemParams: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
    visibleTo: z.string().nullable().describe('Null: both participants see it; otherwise only this user.'),
    flagKinds: z
      .array(z.string())
      .describe(
        'CHAT-6 / PAY-7: signals of a request to pay or talk outside the platform; empty when clean. Flagged messages are delivered.',
      ),
    consultationId: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'ConversationMessage' });

export const messageView = (row: MessageRow): z.infer<typeof MessageView> => ({
  id: row.id,
  seq: row.seq.toString(),
  conversationId: row.conversationId,
  senderId: row.senderId,
  kind: row.kind as MessageKind,
  body: row.body,
  fileIds: row.fileIds,
  systemCode: row.systemCode,
  systemParams: row.systemParams as Record<string, string | number> | null,
  visibleTo: row.visibleTo,
  flagKinds: row.flagKinds,
  consultationId: row.consultationId,
  createdAt: row.createdAt.toISOString(),
});

export const ConversationView = z
  .object({
    id: z.string(),
    clientId: z.string(),
    specialistId: z.string(),
    currentConsultationId: z.string().nullable(),
    createdAt: z.string(),
    lastMessageAt: z.string(),
    lastMessage: MessageView.nullable().describe('The last message the reader can see.'),
    unreadCount: z.number().int().describe("Messages after the reader's read marker, not sent by them."),
  })
  .meta({ id: 'Conversation' });

export const conversationView = (item: ConversationListItem): z.infer<typeof ConversationView> => ({
  id: item.conversation.id,
  clientId: item.conversation.clientId,
  specialistId: item.conversation.specialistId,
  currentConsultationId: item.conversation.currentConsultationId,
  createdAt: item.conversation.createdAt.toISOString(),
  lastMessageAt: item.conversation.lastMessageAt.toISOString(),
  lastMessage: item.lastMessage && messageView(item.lastMessage),
  unreadCount: item.unreadCount,
});

export const ReadMarkerView = z.object({ userId: z.string(), lastReadSeq: z.string() });
