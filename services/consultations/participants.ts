import {
  acceptOffer,
  complain,
  counterOffer,
  declineOffer,
  endConsultation,
  makeOffer,
  type Actor,
  type ConsultationState,
  type OfferTerms,
} from '../../domain/consultations/contract.ts';
import { requireEligibleToOrder } from '../accounts/eligibility.ts';
import { sendParticipantMessage } from './flags.ts';
import { readConsultationFor, sendConsultationCommand } from './commands.ts';
import { activeConsultation, type OpeningDeps } from './opening.ts';

// What the two participants do with a consultation (CHAT-2…CHAT-5). Text a command carries (the
// client's problem summary, a complaint's reason) is posted as an ordinary message first, so it
// stays in the conversation's transcript (and passes the CHAT-6 detector); the workflow hears its id.

/** Posts `text` as the actor's message (idempotent on `key`) and returns its id. */
async function textMessage(deps: OpeningDeps, conversationId: string, by: Actor, text: string, key: string): Promise<string> {
  const message = await sendParticipantMessage(deps, { conversationId, senderId: by.userId, body: text, fileIds: [], clientKey: key });
  return message.id;
}

/** CHAT-2: either side offers price and duration in a conversation; the first offer opens a consultation. */
export async function offerInConversation(
  deps: OpeningDeps,
  conversationId: string,
  by: Actor,
  offer: { price: number; durationMinutes: number; summary?: string | undefined },
  key: string,
): Promise<ConsultationState> {
  // ACC-4/5/6: a client offering to pay must be allowed to buy services (Terms accepted, …).
  if (by.role === 'client') await requireEligibleToOrder(deps.db, by.userId);
  const consultationId = await activeConsultation(deps, conversationId, by.userId);
  const terms: OfferTerms = { price: offer.price, durationMinutes: offer.durationMinutes };
  if (offer.summary) terms.summaryMessageId = await textMessage(deps, conversationId, by, offer.summary, `offer-summary/${key}`);
  return sendConsultationCommand(deps.db, deps.temporal, consultationId, makeOffer, { by, ...terms });
}

export type OfferAnswer =
  | { answer: 'accept' }
  | { answer: 'decline' }
  | { answer: 'counter'; price: number; durationMinutes: number; summary?: string | undefined };

/** CHAT-2: the other side accepts, declines or counters the open offer (named by its id). */
export async function answerOffer(
  deps: OpeningDeps,
  consultationId: string,
  offerId: string,
  by: Actor,
  answer: OfferAnswer,
  key: string,
): Promise<ConsultationState> {
  const { db, temporal } = deps;
  // ACC-4/5/6: accepting or countering commits the client to pay: the same checks as an order.
  if (by.role === 'client' && answer.answer !== 'decline') await requireEligibleToOrder(db, by.userId);
  if (answer.answer === 'accept') return sendConsultationCommand(db, temporal, consultationId, acceptOffer, { by, offerId });
  if (answer.answer === 'decline') return sendConsultationCommand(db, temporal, consultationId, declineOffer, { by, offerId });
  const terms: OfferTerms = { price: answer.price, durationMinutes: answer.durationMinutes };
  if (answer.summary) {
    const row = await db.consultation.findUniqueOrThrow({ where: { id: consultationId } });
    terms.summaryMessageId = await textMessage(deps, row.conversationId, by, answer.summary, `offer-summary/${key}`);
  }
  return sendConsultationCommand(db, temporal, consultationId, counterOffer, { by, offerId, ...terms });
}

/** CHAT-4: the specialist ends the consultation. */
export const endBySpecialist = (deps: OpeningDeps, consultationId: string, by: Actor) =>
  sendConsultationCommand(deps.db, deps.temporal, consultationId, endConsultation, { by });

/** CHAT-5: the client complains, within 3 working days of the end; the reason joins the transcript. */
export async function complainAbout(
  deps: OpeningDeps & { queryTimeoutMs: number },
  consultationId: string,
  by: Actor,
  reason: string,
  key: string,
) {
  // When the workflow would refuse anyway (not the client's, not ended, window passed), it says why
  // before any text is posted (the empty reason is checked after those). Read live: the mirror may
  // not show the end yet.
  const { row, state } = await readConsultationFor(deps.db, deps.temporal, consultationId, by, deps.queryTimeoutMs);
  const status = state?.status ?? row.status;
  const deadline = state ? state.complaintDeadline : (row.complaintDeadline?.getTime() ?? null);
  const open = status === 'ended' && (deadline === null || deadline > Date.now());
  if (row.clientId !== by.userId || !open) {
    return sendConsultationCommand(deps.db, deps.temporal, consultationId, complain, { by, reasonMessageId: '' });
  }
  const reasonMessageId = await textMessage(deps, row.conversationId, by, reason, `complaint/${key}`);
  return sendConsultationCommand(deps.db, deps.temporal, consultationId, complain, { by, reasonMessageId });
}
