import type { QuestionSettings } from '../contract.ts';

// The question's timings and bounds. Each is a setting (QuestionInput.settings) with a default
// chosen here, and the reason for it.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const DEFAULT_QUESTION_SETTINGS: QuestionSettings = {
  // QA-1, QA-2: 1 working day of the platform calendar per moderation turn (the question as
  // asked, then again after a clarification). Moderation is a quick subject check; a client
  // waiting longer than a working day for the list is a client lost. Missed: the administration
  // is escalated to once per turn; the decision stays a person's (nothing is published by a timer).
  moderationWorkingDays: 1,
  // QA-1: 14 days for the client to answer the administration's request; then the question
  // lapses (nothing was promised or paid) and the client may ask again.
  clarificationWaitMs: 14 * DAY,
  // QA-3, QA-4: a published question takes bids and waits for the client's choice for 30 days;
  // then it lapses and the bidders are released. The seed's dates are 3–10 days out, so a month
  // leaves room for several bids and for the client to compare them.
  biddingWindowMs: 30 * DAY,
  // QA-3: the promised publication date is 1 to 30 days after the bid (or the proposal of a new
  // date). The seed's "usually 3–10 days" is typical, not a bound: a one-line free answer may come
  // tomorrow, a full set of drawings may need weeks; under a day is no promise at all, and over
  // a month the question's facts (a renovation, a purchase) will have moved on.
  minPromiseLeadMs: 1 * DAY,
  maxPromiseLeadMs: 30 * DAY,
  // QA-6: a preview waits 7 days for the payment. The client's "readiness to pay" (QA-4) is a
  // declaration, not a debt the platform collects: unpaid after the window, the round closes
  // `unpaid` without obligation on either side; the full answer never opens, the specialist is
  // told, and a payment made later on a checkout left open goes back to the card (PAY-6).
  previewPaymentWindowMs: 7 * DAY,
  // QA-10: after a missed date the client may wait for a new date, choose another bid or cancel.
  // If for 14 days nobody acts (no new date accepted, no publication), the round is cancelled at
  // no cost, as the client could have done, so a question never hangs on a vanished specialist.
  overdueCloseMs: 14 * DAY,
  // QA-7: an extra-drawings proposal stays open 7 days for the client's order.
  proposalTtlMs: 7 * DAY,
  // QA-9: 3 working days of the platform calendar (holidays included) — the seed's row 9 — counted
  // from the moment the full answer opened to the client: the same instant PAY-5's 3 working days
  // count from (row 6), so a complaint always comes before the earning could be withdrawn.
  complaintWorkingDays: 3,
  // QA-9: 2 working days for the administration to decide, as for consultations (CHAT-5); then escalation.
  arbitrationWorkingDays: 2,
};

export const resolveSettings = (overrides: Partial<QuestionSettings> = {}): QuestionSettings => ({
  ...DEFAULT_QUESTION_SETTINGS,
  ...overrides,
});

/** How long a question still listens for a payment made on a checkout page left open after its window. */
export const LATE_PAYMENT_GRACE_MS = 24 * HOUR;
