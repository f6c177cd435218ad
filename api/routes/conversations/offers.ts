import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { offerInConversation } from '../../../services/consultations/participants.ts';
import { hashBody, idempotencyOf, idempotent } from '../../idempotency.ts';
import { currentUser } from '../../plugins/auth.ts';
import { IdempotencyHeaders, IdParams, problemResponses } from '../../schemas.ts';
import { OfferTermsBody } from '../consultations/offer-terms.ts';
import { consultationView, ConsultationView } from '../consultations/views.ts';

// CHAT-2: an offer is made in a conversation, by either side. The first offer (or the first after
// a consultation ended) opens the conversation's next consultation, a workflow of its own.
const conversationOfferRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, temporal, config, faults } = app.deps;
  const opening = {
    db,
    temporal,
    faults,
    terms: { currency: config.CONSULTATION_CURRENCY, commissionBps: config.CONSULTATION_COMMISSION_BPS },
  };

  app.post(
    '/:id/offers',
    {
      onRequest: app.requireRole('client', 'specialist'),
      schema: {
        tags: ['consultations'],
        security: [{ bearerAuth: [] }],
        headers: IdempotencyHeaders,
        params: IdParams,
        description:
          'CHAT-2: offers a paid consultation in this conversation. The client offers with a summary of the problem, price and ' +
          'duration, and the specialist accepts, declines or counters; or the specialist offers ("offer consultation": price and ' +
          'duration) and the client answers. One open offer at a time (409 CONSULTATION_OFFER_OPEN); it expires after 24 h. ' +
          'Answers: POST /v1/consultations/{consultationId}/offers/{offerId}/answer.',
        body: OfferTermsBody,
        response: { 200: ConsultationView, ...problemResponses(400, 401, 403, 404, 409, 422, 503) },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const key = idempotencyOf(request)?.key ?? randomUUID();
      const { body } = await idempotent(db, request, reply, { status: 200, requestHash: hashBody(request.body) }, async () => {
        const state = await offerInConversation(opening, request.params.id, { userId: user.userId, role: user.role }, request.body, key);
        return consultationView(state, 'workflow');
      });
      return reply.send(body);
    },
  );
};

export default conversationOfferRoutes;
