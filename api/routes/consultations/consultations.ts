import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { readConsultationFor } from '../../../services/consultations/commands.ts';
import { answerOffer, complainAbout, endBySpecialist } from '../../../services/consultations/participants.ts';
import { listConsultations } from '../../../services/consultations/read-models/consultations.ts';
import { hashBody, idempotencyOf, idempotent } from '../../idempotency.ts';
import { PageQuery, pageOf, pageRequest, toPage } from '../../pagination.ts';
import { currentUser } from '../../plugins/auth.ts';
import { IdempotencyHeaders, IdParams, problemResponses, Uuid } from '../../schemas.ts';
import { consultationView, ConsultationView, readingView } from './views.ts';
import { OfferTermsBody } from './offer-terms.ts';

// The participants' side of a consultation (CHAT-2…CHAT-5): read it live, answer an offer, end it
// (the specialist), complain (the client). Offers are made in the conversation
// (POST /v1/conversations/:id/offers). Strangers get 404, never 403.
const consultationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, temporal, config, faults } = app.deps;
  const tags = ['consultations'];
  const security = [{ bearerAuth: [] }];
  const opening = {
    db,
    temporal,
    faults,
    terms: { currency: config.CONSULTATION_CURRENCY, commissionBps: config.CONSULTATION_COMMISSION_BPS },
  };
  const by = (request: FastifyRequest) => {
    const user = currentUser(request);
    return { userId: user.userId, role: user.role };
  };
  const keyOf = (request: FastifyRequest) => idempotencyOf(request)?.key ?? randomUUID();
  const answers = { 200: ConsultationView, ...problemResponses(400, 401, 403, 404, 409, 422, 503) };

  app.get(
    '/',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        description: 'My consultations (as client or specialist), newest first.',
        querystring: PageQuery,
        response: { 200: pageOf(ConsultationView), ...problemResponses(400, 401) },
      },
    },
    async (request) => {
      const rows = await listConsultations(db, { participantId: by(request).userId }, pageRequest(request.query));
      return toPage(
        rows,
        request.query.limit,
        (row) => row.openedAt,
        (row) => readingView({ row, state: row.state as never, source: 'mirror' }),
      );
    },
  );

  app.get(
    '/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        params: IdParams,
        description:
          "The consultation with its workflow's live state (`source: workflow`): offers, payment (with `checkoutUrl`), the " +
          'session and the time left (CHAT-4), the complaint window (CHAT-5). Falls back to the database copy if the workflow ' +
          'does not answer within WORKFLOW_QUERY_TIMEOUT_MS. 404 for anyone but its two participants and admins.',
        response: { 200: ConsultationView, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) =>
      readingView(await readConsultationFor(db, temporal, request.params.id, by(request), config.WORKFLOW_QUERY_TIMEOUT_MS)),
  );

  app.post(
    '/:id/offers/:offerId/answer',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        headers: IdempotencyHeaders,
        params: z.object({ id: Uuid, offerId: z.string().regex(/^offer-\d{1,6}$/, 'an offer id like offer-1') }),
        description:
          'CHAT-2: the other side answers the open offer: `accept` (CHAT-3: a payment opens in the chat; pay at ' +
          '`payments[].checkoutUrl` within the payment window — 2 h by default — or it lapses with no obligation), `decline`, or ' +
          '`counter` with new terms (a new offer version; the old one stays visible). An offer not answered within 24 h expires. ' +
          'Answering an offer that has been replaced is refused (409 CONSULTATION_OFFER_CHANGED).',
        body: z.discriminatedUnion('answer', [
          z.object({ answer: z.literal('accept') }),
          z.object({ answer: z.literal('decline') }),
          OfferTermsBody.extend({ answer: z.literal('counter') }),
        ]),
        response: answers,
      },
    },
    async (request, reply) => {
      const { id, offerId } = request.params;
      const { body } = await idempotent(db, request, reply, { status: 200, requestHash: hashBody(request.body) }, async () =>
        consultationView(await answerOffer(opening, id, offerId, by(request), request.body, keyOf(request)), 'workflow'),
      );
      return reply.send(body);
    },
  );

  app.post(
    '/:id/end',
    {
      onRequest: app.requireRole('specialist'),
      schema: {
        tags,
        security,
        params: IdParams,
        description:
          'CHAT-4: the specialist ends the consultation. At that moment the frozen price, less the commission, goes to the ' +
          "specialist's balance (withdrawable per PAY-5), and the client's complaint window (3 working days, CHAT-5) opens. " +
          'If the specialist never ends it, both sides are told at the agreed end and it completes by itself 24 h later (the ' +
          "client's complaint window then counts from that moment). If the client disappears after paying, nothing changes: the " +
          'specialist answers, ends it and is paid.',
        response: answers,
      },
    },
    async (request) => consultationView(await endBySpecialist(opening, request.params.id, by(request)), 'workflow'),
  );

  app.post(
    '/:id/complaint',
    {
      onRequest: app.requireRole('client'),
      schema: {
        tags,
        security,
        headers: IdempotencyHeaders,
        params: IdParams,
        description:
          'CHAT-5: the client complains that the advice was not given properly. Our reading of the rule: within 3 working ' +
          'days (platform calendar, Tashkent) of the end; later → 422 COMPLAINT_WINDOW_CLOSED; one complaint per consultation. ' +
          "The reason is posted in the conversation (it becomes part of the transcript); the specialist's earnings from it " +
          'cannot be withdrawn until the administration decides (within 2 working days, else it escalates).',
        body: z.object({ reason: z.string().trim().min(10, 'say in a sentence what was wrong').max(4000) }),
        response: answers,
      },
    },
    async (request, reply) => {
      const { body } = await idempotent(db, request, reply, { status: 200, requestHash: hashBody(request.body) }, async () =>
        consultationView(
          await complainAbout(
            { ...opening, queryTimeoutMs: config.WORKFLOW_QUERY_TIMEOUT_MS },
            request.params.id,
            by(request),
            request.body.reason,
            keyOf(request),
          ),
          'workflow',
        ),
      );
      return reply.send(body);
    },
  );
};

export default consultationRoutes;
