import { randomUUID } from 'node:crypto';
import type { SystemMessage } from '../../domain/consultations/contract.ts';
import { MESSAGE_BODY_MAX_CHARS, MESSAGE_MAX_ATTACHMENTS, offPlatformFlagKinds } from '../../domain/conversations/model.ts';
import { DomainError } from '../../domain/errors.ts';
import { jsonValue, type Db } from '../../infra/db.ts';
import { createOnce, nameBasedUuid } from '../platform/ids.ts';
import { isParticipant } from './conversations.ts';

// Writing messages. Text never leaves PostgreSQL: the live streams are woken by a NOTIFY that
// carries only the conversation id and seq (migration `conversation_live_feed`), and the
// consultation workflow hears only a flagged message's id and kinds (CHAT-6).

export type MessageRow = NonNullable<Awaited<ReturnType<Db['conversationMessage']['findUnique']>>>;

export interface PostMessage {
  conversationId: string;
  senderId: string;
  body?: string | null | undefined;
  fileIds?: readonly string[] | undefined;
  /** The sender's Idempotency-Key: a retry with the same key gets the message stored the first time. */
  clientKey?: string | undefined;
}

const invalid = (path: string, message: string) => new DomainError('VALIDATION_FAILED', message, [{ path, message }]);

/**
 * A participant's message: a body of 1…4000 characters, or at least one attachment the sender
 * uploaded. CHAT-6 / PAY-7: the off-platform detector runs on the body and its signal kinds
 * are stored as `flagKinds`; a flagged message is still delivered, marked.
 */
export async function postMessage(db: Db, input: PostMessage): Promise<MessageRow> {
  const id = input.clientKey === undefined ? randomUUID() : nameBasedUuid(`conversation-message ${input.senderId} ${input.clientKey}`);
  const body = input.body === undefined || input.body === null || input.body.trim() === '' ? null : input.body;
  const fileIds = [...new Set(input.fileIds ?? [])];
  const twin = input.clientKey === undefined ? null : await db.conversationMessage.findUnique({ where: { id } });
  if (twin) return sameRequest(twin, input, body, fileIds);

  const conversation = await db.conversation.findUnique({ where: { id: input.conversationId } });
  if (!conversation || !isParticipant(conversation, input.senderId)) throw new DomainError('NOT_FOUND', 'No such conversation.');
  if (body === null && fileIds.length === 0) throw invalid('body', 'A message needs text or at least one attachment.');
  if (body !== null && [...body].length > MESSAGE_BODY_MAX_CHARS) {
    throw invalid('body', `A message may be at most ${MESSAGE_BODY_MAX_CHARS} characters long.`);
  }
  if (fileIds.length > MESSAGE_MAX_ATTACHMENTS) throw invalid('fileIds', `A message may carry at most ${MESSAGE_MAX_ATTACHMENTS} files.`);
  const owned = await db.storedFile.count({ where: { id: { in: fileIds }, ownerId: input.senderId } });
  if (owned !== fileIds.length) throw invalid('fileIds', 'Attach only files you uploaded yourself.');

  const data = {
    id,
    conversationId: conversation.id,
    senderId: input.senderId,
    kind: 'text',
    body,
    fileIds,
    flagKinds: offPlatformFlagKinds(body),
    consultationId: conversation.currentConsultationId,
  };
  const stored = await createOnce(
    () => insertMessage(db, data),
    () => db.conversationMessage.findUnique({ where: { id } }),
  );
  return sameRequest(stored, input, body, fileIds);
}

// The same Idempotency-Key with another message is refused, not answered with the first one.
function sameRequest(stored: MessageRow, input: PostMessage, body: string | null, fileIds: string[]): MessageRow {
  const same =
    stored.conversationId === input.conversationId &&
    stored.senderId === input.senderId &&
    stored.body === body &&
    stored.fileIds.length === fileIds.length &&
    stored.fileIds.every((fileId) => fileIds.includes(fileId));
  if (!same) throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different message.');
  return stored;
}

type NewMessage = Parameters<Db['conversationMessage']['create']>[0]['data'] & { conversationId: string };

async function insertMessage(db: Db, data: NewMessage): Promise<MessageRow> {
  return db.$transaction(async (tx) => {
    const message = await tx.conversationMessage.create({ data });
    await tx.conversation.updateMany({
      where: { id: data.conversationId, lastMessageAt: { lt: message.createdAt } },
      data: { lastMessageAt: message.createdAt },
    });
    return message;
  });
}

export interface PostSystemMessage {
  conversationId: string;
  consultationId: string;
  /** The activity's key: a retry finds the message stored the first time. */
  dedupeKey: string;
  code: SystemMessage['code'];
  /** Ids, amounts and instants only — never chat text. */
  params: SystemMessage['params'];
  /** Only this participant sees it (the CHAT-6 nudge); otherwise both do. */
  visibleTo?: string | undefined;
}

/** CHAT-3…CHAT-6: a system message from the consultation, once per `dedupeKey`, however often it is retried. */
export async function postSystemMessage(db: Db, input: PostSystemMessage): Promise<{ messageId: string; seq: bigint; created: boolean }> {
  const existing = await db.conversationMessage.findUnique({ where: { dedupeKey: input.dedupeKey } });
  if (existing) return { messageId: existing.id, seq: existing.seq, created: false };
  const conversation = await db.conversation.findUnique({ where: { id: input.conversationId } });
  if (!conversation) throw new DomainError('NOT_FOUND', 'No such conversation.');
  if (input.visibleTo !== undefined && !isParticipant(conversation, input.visibleTo)) {
    throw invalid('visibleTo', 'A system message can be addressed only to a participant of the conversation.');
  }
  let created = true;
  const stored = await createOnce(
    () =>
      insertMessage(db, {
        conversationId: conversation.id,
        senderId: null,
        kind: 'system',
        systemCode: input.code,
        systemParams: jsonValue(input.params),
        visibleTo: input.visibleTo ?? null,
        dedupeKey: input.dedupeKey,
        consultationId: input.consultationId,
      }),
    async () => {
      created = false;
      return db.conversationMessage.findUnique({ where: { dedupeKey: input.dedupeKey } });
    },
  );
  return { messageId: stored.id, seq: stored.seq, created };
}
