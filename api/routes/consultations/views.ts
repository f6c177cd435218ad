import { z } from 'zod';
import {
  COMPLAINT_DECISIONS,
  CONSULTATION_PARTIES,
  CONSULTATION_PAYMENT_STATUSES,
  CONSULTATION_STATUSES,
  OFFER_STATUSES,
  SESSION_END_REASONS,
  type ConsultationState,
} from '../../../domain/consultations/contract.ts';
import type { ConsultationReading } from '../../../services/consultations/commands.ts';

// How consultations look over the API. Instants in the workflow's state are epoch milliseconds,
// amounts integer minor units of `currency` (PAY-1), as the workflow keeps them.
const epochMs = z.number().describe('epoch milliseconds');
const amount = z.number().int();

const OfferView = z
  .object({
    id: z.string().describe('answer the open offer by this id; a stale id is refused (409 CONSULTATION_OFFER_CHANGED)'),
    version: z.number().int(),
    by: z.enum(CONSULTATION_PARTIES),
    price: amount,
    durationMinutes: z.number().int(),
    summaryMessageId: z.string().nullable().describe("CHAT-2: the client's problem summary, a message in the conversation"),
    madeAt: epochMs,
    expiresAt: epochMs,
    status: z.enum(OFFER_STATUSES),
    answeredAt: epochMs.nullable(),
    counters: z.string().nullable(),
  })
  .meta({ id: 'ConsultationOffer', description: 'CHAT-2: every version stays visible' });

const PaymentView = z
  .object({
    key: z.string(),
    offerId: z.string(),
    amount,
    paymentId: z.string().nullable(),
    checkoutUrl: z.string().nullable().describe('CHAT-3: where the client pays, inside the chat'),
    status: z.enum(CONSULTATION_PAYMENT_STATUSES),
    openedAt: epochMs,
    expiresAt: epochMs,
    paidAt: epochMs.nullable(),
  })
  .meta({ id: 'ConsultationPayment' });

const SessionView = z
  .object({
    offerId: z.string(),
    price: amount,
    durationMinutes: z.number().int(),
    startedAt: epochMs,
    endsAt: epochMs.describe('CHAT-4: the agreed end; both sides see the time left'),
    timeUpAt: epochMs.nullable(),
    endedAt: epochMs.nullable(),
    endReason: z.enum(SESSION_END_REASONS).nullable(),
  })
  .meta({ id: 'ConsultationSession' });

const ComplaintView = z
  .object({
    openedAt: epochMs,
    reasonMessageId: z.string(),
    decideBy: epochMs.describe('CHAT-5: the administration decides by then, or it escalates'),
    escalatedAt: epochMs.nullable(),
    decision: z.enum(COMPLAINT_DECISIONS).nullable(),
    refundAmount: amount.nullable(),
    decidedAt: epochMs.nullable(),
  })
  .meta({ id: 'ConsultationComplaint' });

export const ConsultationView = z
  .object({
    id: z.string(),
    conversationId: z.string(),
    clientId: z.string(),
    specialistId: z.string(),
    status: z.enum(CONSULTATION_STATUSES),
    currency: z.string(),
    commissionBps: z.number().int().describe("the platform's commission in basis points (1500 = 15 %)"),
    openedAt: epochMs,
    offers: z.array(OfferView),
    payments: z.array(PaymentView),
    session: SessionView.nullable(),
    timeLeftMs: z.number().int().nullable().describe('CHAT-4: until the agreed end, while the session runs'),
    complaintDeadline: epochMs.nullable().describe('CHAT-5: end + 3 working days (platform calendar); complaints before it'),
    complaint: ComplaintView.nullable(),
    settlement: z
      .object({ at: epochMs, toSpecialist: amount, toPlatform: amount, returnedToClient: amount })
      .nullable()
      .describe('PAY-2: how the frozen price was split; the parts add up to the price'),
    closedAt: epochMs.nullable(),
    source: z.enum(['workflow', 'mirror']).describe("`workflow`: live; `mirror`: the database copy, the workflow didn't answer in time"),
  })
  .meta({ id: 'Consultation' });
export type ConsultationView = z.infer<typeof ConsultationView>;

export function consultationView(state: ConsultationState, source: 'workflow' | 'mirror', now = Date.now()): ConsultationView {
  const session = state.session;
  return {
    id: state.consultationId,
    conversationId: state.conversationId,
    clientId: state.clientId,
    specialistId: state.specialistId,
    status: state.status,
    currency: state.currency,
    commissionBps: state.commissionBps,
    openedAt: state.openedAt,
    offers: state.offers,
    payments: state.payments,
    session,
    timeLeftMs: session && state.status === 'in_session' ? Math.max(0, session.endsAt - now) : null,
    complaintDeadline: state.complaintDeadline,
    complaint: state.complaint,
    settlement: state.settlement,
    closedAt: state.closedAt,
    source,
  };
}

/** A reading whose workflow never answered nor mirrored yet: the row's own columns. */
export function readingView(reading: ConsultationReading): ConsultationView {
  if (reading.state) return consultationView(reading.state, reading.source);
  const { row } = reading;
  return {
    id: row.id,
    conversationId: row.conversationId,
    clientId: row.clientId,
    specialistId: row.specialistId,
    status: row.status,
    currency: row.currency,
    commissionBps: row.commissionBps,
    openedAt: row.openedAt.getTime(),
    offers: [],
    payments: [],
    session: null,
    timeLeftMs: null,
    complaintDeadline: null,
    complaint: null,
    settlement: null,
    closedAt: null,
    source: 'mirror',
  };
}
