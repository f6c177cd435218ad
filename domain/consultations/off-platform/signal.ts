import { z } from 'zod';

// CHAT-6 / PAY-7: what the detector reports about one chat message. The chat stores it with
// the message, the administration's queue shows it, the API returns it: one schema for all.

export const OffPlatformSignalKind = z.enum(['card_number', 'phone', 'iban', 'messenger', 'payment_app', 'direct_payment_phrase']);
export type OffPlatformSignalKind = z.infer<typeof OffPlatformSignalKind>;

export const OffPlatformSignal = z.object({
  kind: OffPlatformSignalKind,
  /** UTF-16 offsets into the message as the sender wrote it: text.slice(start, end). */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** A short English explanation for the administration. */
  reason: z.string(),
});
export type OffPlatformSignal = z.infer<typeof OffPlatformSignal>;

export const OffPlatformDetection = z.object({
  /** True exactly when there is at least one signal. */
  flagged: z.boolean(),
  signals: z.array(OffPlatformSignal),
});
export type OffPlatformDetection = z.infer<typeof OffPlatformDetection>;
