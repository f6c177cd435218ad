import { z } from 'zod';
import { MAX_DURATION_MINUTES, MIN_DURATION_MINUTES } from '../../../domain/consultations/core/offers.ts';

// CHAT-2: the terms of an offer, either way. Price in integer minor units of the consultation's
// currency (UZS on yuridik.uz, PAY-1); duration in whole minutes, 15 min to 7 days (a written consultation may take days); the client's summary
// of the problem (optional for the specialist's offer) becomes a message in the conversation.
export const OfferTermsBody = z.object({
  price: z.number().int('minor units: a whole number').min(1).max(1_000_000_000_000),
  durationMinutes: z.number().int().min(MIN_DURATION_MINUTES).max(MAX_DURATION_MINUTES),
  summary: z.string().trim().min(1).max(4000).optional().describe("CHAT-2: the client's problem summary (required in the client's offer)"),
});
