import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import { FEEDBACK_CATEGORIES, ticketLabel } from '../../../domain/tickets/contract.ts';
import { assertParticipant } from '../../../services/conversations/conversations.ts';
import { findMyFeedback, replyToFeedback, sendFeedback, type FeedbackDeps } from '../../../services/support/feedback.ts';
import { feedbackOf, feedbackThread } from '../../../services/support/read-models/feedback.ts';
import { supportSettings } from '../../../services/support/ticket-workflows.ts';
import { hashBody, refuseReusedKey, releaseReusedKey } from '../../idempotency.ts';
import { PageQuery, pageOf, pageRequest, toPage } from '../../pagination.ts';
import { currentUser } from '../../plugins/auth.ts';
import { IdempotencyHeaders, problemResponses, Uuid } from '../../schemas.ts';
import { TicketNumberParams } from './views.ts';
import { FeedbackMessageView, feedbackMessageView, FeedbackReceipt, FeedbackThread, FeedbackView, feedbackView } from './feedback-views.ts';

// CHAT-7 / ACC-8 "Feedback": any logged-in user writes to the administration, from a chat or
// anywhere in the cabinet, and follows the answer here. Each feedback is a support ticket of
// channel `feedback`; operators answer it through /v1/support/tickets/:number/reply.

const FeedbackText = z.string().trim().min(1).max(4000);

const NewFeedback = z.object({
  text: FeedbackText,
  conversationId: Uuid.optional().describe('CHAT-7: the conversation the feedback is about; you must take part in it'),
  category: z.enum(FEEDBACK_CATEGORIES).optional(),
});

const RequiredKey = z.object({
  'idempotency-key': z
    .string()
    .min(8)
    .max(200)
    .describe('Required: the same key returns the same feedback (200); the same key with another body is refused (422).'),
});

const feedbackRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, temporal, config } = app.deps;
  // CHAT-7: feedback about a chat must name a conversation the sender takes part in.
  const deps: FeedbackDeps = { db, temporal, settings: supportSettings(config), assertParticipant };
  const tags = ['feedback'];
  const security = [{ bearerAuth: [] }];
  app.addHook('onRequest', app.authenticate);

  app.post(
    '/me/feedback',
    {
      schema: {
        tags,
        security,
        description:
          'CHAT-7 / ACC-8: sends feedback to the administration. It becomes a support ticket (channel feedback) answered in ' +
          'GET /v1/me/feedback/{number}. 201 when registered; 200 when the Idempotency-Key was seen before (the same feedback).',
        headers: RequiredKey,
        body: NewFeedback,
        response: { 200: FeedbackReceipt, 201: FeedbackReceipt, ...problemResponses(400, 401, 403, 404, 422, 503) },
      },
    },
    async (request, reply) => {
      const { userId } = currentUser(request);
      const key = request.headers['idempotency-key'];
      // Another body under a key already used is refused (422), not answered with the first feedback.
      const claim = { scope: 'POST /v1/me/feedback', key: `${userId}:${key}`, requestHash: hashBody(request.body) };
      await refuseReusedKey(db, claim);
      const receipt = await sendFeedback(deps, { userId, idempotencyKey: key, ...request.body }).catch(async (error: unknown) => {
        // Refused before anything was registered (not a participant): the key is free for a corrected body.
        if (error instanceof DomainError && error.code !== 'DEPENDENCY_UNAVAILABLE') await releaseReusedKey(db, claim);
        throw error;
      });
      return reply
        .code(receipt.duplicate ? 200 : 201)
        .header('location', `/v1/me/feedback/${receipt.number}`)
        .send({ number: receipt.number, label: ticketLabel(receipt.number), status: receipt.status, duplicate: receipt.duplicate });
    },
  );

  app.get(
    '/me/feedback',
    {
      schema: {
        tags,
        security,
        description: 'ACC-8: my feedback, newest first, with its status and the latest reply from the administration.',
        querystring: PageQuery,
        response: { 200: pageOf(FeedbackView), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const page = pageRequest(request.query);
      const rows = await feedbackOf(db, currentUser(request).userId, page);
      return toPage(rows, page.limit, (row) => row.registeredAt, feedbackView);
    },
  );

  app.get(
    '/me/feedback/:number',
    {
      schema: {
        tags,
        security,
        description:
          "ACC-8: one of my feedback tickets and its thread, oldest first: my messages and the administration's replies. " +
          "Page on with `cursor` = the last page's `nextCursor`. Someone else's feedback answers 404.",
        params: TicketNumberParams,
        querystring: PageQuery.extend({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: FeedbackThread, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const ticket = await findMyFeedback(db, currentUser(request).userId, request.params.number);
      const page = pageRequest(request.query);
      const messages = toPage(await feedbackThread(db, ticket.id, page), page.limit, (m) => m.createdAt, feedbackMessageView);
      return { ...feedbackView(ticket), messages: messages.items, nextCursor: messages.nextCursor };
    },
  );

  app.post(
    '/me/feedback/:number/messages',
    {
      schema: {
        tags,
        security,
        description:
          'ACC-8: answers the administration in my feedback thread while the ticket is open (409 once it is resolved: send new feedback). ' +
          '201 when added; 200 when the Idempotency-Key was seen before.',
        params: TicketNumberParams,
        headers: IdempotencyHeaders,
        body: z.object({ text: FeedbackText }),
        response: { 200: FeedbackMessageView, 201: FeedbackMessageView, ...problemResponses(400, 401, 403, 404, 409, 422, 503) },
      },
    },
    async (request, reply) => {
      const { userId } = currentUser(request);
      const key = request.headers['idempotency-key'];
      const { number } = request.params;
      const claim = key && {
        scope: `POST /v1/me/feedback/${number}/messages`,
        key: `${userId}:${key}`,
        requestHash: hashBody(request.body),
      };
      if (claim) await refuseReusedKey(db, claim);
      const sent = await replyToFeedback(deps, { userId, number, text: request.body.text, idempotencyKey: key }).catch(
        async (error: unknown) => {
          // Refused (not mine, resolved): nothing was registered, so the key is free for another body.
          if (claim && error instanceof DomainError && error.code !== 'DEPENDENCY_UNAVAILABLE') await releaseReusedKey(db, claim);
          throw error;
        },
      );
      return reply.code(sent.duplicate ? 200 : 201).send(feedbackMessageView(sent.message));
    },
  );
};

export default feedbackRoutes;
