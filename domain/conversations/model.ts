import { detectOffPlatform } from '../consultations/off-platform/index.ts';

// The chat between a client and a specialist (yuridik.uz, CHAT-1, CHAT-6): what a message is
// and the limits on it. Pure; the conversation service stores messages in PostgreSQL.

/** A participant's text (with attachments), or a system message the consultation posts (CHAT-3…CHAT-5). */
export const MESSAGE_KINDS = ['text', 'system'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** A text message's body: 1…4000 characters, or none when it carries attachments. */
export const MESSAGE_BODY_MAX_CHARS = 4000;
export const MESSAGE_MAX_ATTACHMENTS = 10;

/**
 * CHAT-6 / PAY-7: the kinds of off-platform signals in a message (card number, phone, …), each
 * once, in the order they appear; empty when the message is clean. A flagged message is still
 * delivered, marked; the administration reviews it.
 */
export function offPlatformFlagKinds(body: string | null): string[] {
  if (body === null) return [];
  return [...new Set(detectOffPlatform(body).signals.map((signal) => signal.kind))];
}
