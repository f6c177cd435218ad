import type { Role } from '../../domain/accounts/roles.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Db } from '../../infra/db.ts';
import { createOnce } from '../platform/ids.ts';

// CHAT-1: a client starts a conversation with a specialist; one conversation per pair, so
// starting again finds the same one. Consultations (CHAT-2…CHAT-5) run inside it.

export type ConversationRow = NonNullable<Awaited<ReturnType<Db['conversation']['findUnique']>>>;

/** Who is acting: a user id and the role their account has now. */
export interface Reader {
  userId: string;
  role: Role;
}

export interface StartConversationDeps {
  /**
   * Hook for the specialist's standing (vetting, profile): throw a DomainError when this
   * specialist may not receive new conversations. Called only when no conversation exists yet.
   */
  assertCanReceiveChats?: (specialistId: string) => Promise<void>;
}

const clientOnly = () => new DomainError('CONVERSATION_CLIENT_ONLY', 'CHAT-1: only a client can start a conversation with a specialist.');
const noSpecialist = () => new DomainError('NOT_FOUND', 'No such specialist.');

/** CHAT-1: finds the client's conversation with the specialist, or starts it (`created` tells which). */
export async function startConversation(
  db: Db,
  input: { clientId: string; specialistId: string },
  deps: StartConversationDeps = {},
): Promise<{ conversation: ConversationRow; created: boolean }> {
  const users = await db.user.findMany({
    where: { id: { in: [input.clientId, input.specialistId] } },
    select: { id: true, role: true, suspendedAt: true },
  });
  const client = users.find((user) => user.id === input.clientId);
  if (client?.role !== 'client') throw clientOnly();
  const specialist = users.find((user) => user.id === input.specialistId);
  // A suspended specialist (ACC-6) gets no service, so no new conversations either.
  if (specialist?.role !== 'specialist' || specialist.suspendedAt !== null) throw noSpecialist();

  const pair = { clientId: input.clientId, specialistId: input.specialistId };
  const existing = await db.conversation.findUnique({ where: { clientId_specialistId: pair } });
  if (existing) return { conversation: existing, created: false };
  await deps.assertCanReceiveChats?.(input.specialistId);
  let created = true;
  const conversation = await createOnce(
    () => db.conversation.create({ data: pair }),
    async () => {
      created = false; // a concurrent start of the same pair won the insert
      return db.conversation.findUnique({ where: { clientId_specialistId: pair } });
    },
  );
  return { conversation, created };
}

export const isParticipant = (conversation: { clientId: string; specialistId: string }, userId: string): boolean =>
  conversation.clientId === userId || conversation.specialistId === userId;

/**
 * The conversation as `reader` may see it: its two participants read and write; an
 * administrator may read (`'read'`) but not write; anyone else is told it does not exist.
 */
export async function conversationFor(db: Db, conversationId: string, reader: Reader, access: 'read' | 'write'): Promise<ConversationRow> {
  const conversation = await db.conversation.findUnique({ where: { id: conversationId } });
  if (conversation && isParticipant(conversation, reader.userId)) return conversation;
  if (conversation && reader.role === 'admin') {
    if (access === 'read') return conversation;
    throw new DomainError('FORBIDDEN', 'Administrators may read a conversation but not write in it.');
  }
  // 404 for both: a stranger must not learn that the conversation exists.
  throw new DomainError('NOT_FOUND', 'No such conversation.');
}

/** Whom a message is for: null (an administrator) sees every message, a participant those visible to them. */
export const viewerOf = (conversation: { clientId: string; specialistId: string }, reader: Reader): string | null =>
  isParticipant(conversation, reader.userId) ? reader.userId : null;

/** CHAT-7: feedback about a chat names a conversation the sender takes part in (404 otherwise). */
export async function assertParticipant(db: Db, conversationId: string, userId: string): Promise<void> {
  const conversation = await db.conversation.findUnique({ where: { id: conversationId }, select: { clientId: true, specialistId: true } });
  if (!conversation || !isParticipant(conversation, userId)) throw new DomainError('NOT_FOUND', 'No such conversation of yours.');
}
