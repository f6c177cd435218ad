import type { ConsultationSettings } from '../contract.ts';

// The consultation's timings. Each is a setting (ConsultationInput.settings) with a default
// chosen here, and the reason for it.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const DEFAULT_CONSULTATION_SETTINGS: ConsultationSettings = {
  // CHAT-2: 24 h. A chat is asynchronous and lawyers answer between court hearings: a day
  // covers a night and a whole working day in Tashkent for the other side to see and answer,
  // while a price is not held open for longer than its author can still honour it. An offer
  // counts as expired from `madeAt + 24 h` exactly (valid while now < expiresAt).
  offerTtlMs: 24 * HOUR,
  // CHAT-3: 2 h. The session starts the moment the money is frozen, so an acceptance means
  // "I am here to consult now": the specialist cannot promise that for a whole day. Two hours
  // leave room for a card top-up or a failed 3-D Secure; the client is also notified by mail in
  // case the specialist accepted while the client was away. Unpaid, nobody owes anything and the
  // parties may offer again.
  paymentWindowMs: 2 * HOUR,
  // CHAT-4: a specialist who never ends the session. At the agreed end both sides are told the
  // time is up; 24 h later the session completes by itself (as if the specialist had ended it)
  // with a notice. A day gives the specialist time to finish a written answer; the client keeps
  // the full complaint window, counted from the auto-completion (Sharetribe delivers at end + 2 d).
  autoCompleteAfterMs: 24 * HOUR,
  // CHAT-5, our reading: 3 working days of the platform calendar — the same span PAY-5 keeps
  // earnings from being withdrawn, so a complaint comes before the specialist could withdraw the
  // earning posted at the end (CHAT-4); it then blocks the earning until the decision (earnings.ts).
  complaintWorkingDays: 3,
  // CHAT-5: 2 working days for the administration to decide, then escalation; the client's money
  // and the specialist's earnings wait on it, so it must not sit in a queue.
  arbitrationWorkingDays: 2,
  // A consultation still negotiating with no offer for 30 days lapses, so a workflow does not
  // live as long as the conversation; the conversation stays and the next offer opens a new one.
  idleCloseMs: 30 * DAY,
  // CHAT-6: the third flagged message from the same sender reaches a senior admin at once.
  flagEscalationThreshold: 3,
};

export const resolveSettings = (overrides: Partial<ConsultationSettings> = {}): ConsultationSettings => ({
  ...DEFAULT_CONSULTATION_SETTINGS,
  ...overrides,
});

/** How long a closed consultation still listens for a payment made on a checkout page left open. */
export const LATE_PAYMENT_GRACE_MS = 24 * HOUR;
