import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { MESSAGE_BODY_MAX_CHARS, MESSAGE_MAX_ATTACHMENTS } from '../../../domain/conversations/model.ts';
import { conversationFor, viewerOf } from '../../../services/conversations/conversations.ts';
import { sendParticipantMessage } from '../../../services/consultations/flags.ts';
import { messagePage } from '../../../services/conversations/read-models/messages.ts';
import { hashBody, idempotent } from '../../idempotency.ts';
import { currentUser } from '../../plugins/auth.ts';
import { IdempotencyHeaders, IdParams, problemResponses, Uuid } from '../../schemas.ts';
import { MessageView, messageView, Seq } from './views.ts';

// A conversation's messages: the history by seq (newest first, or catching up after a seq) and
// a participant's new message. CHAT-6: a message asking to pay outside the platform is stored
// and delivered, marked with the detector's `flagKinds`.
const messageRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, temporal, config, faults } = app.deps;
  const consultations = {
    db,
    temporal,
    faults,
    terms: { currency: config.CONSULTATION_CURRENCY, commissionBps: config.CONSULTATION_COMMISSION_BPS },
    log: (error: unknown) => app.log.warn({ err: error }, 'CHAT-6: a flagged message could not be reported to its consultation'),
  };
  const tags = ['conversations'];
  const security = [{ bearerAuth: [] }];
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/conversations/:id/messages',
    {
      schema: {
        tags,
        security,
        description:
          'Newest first, older than `before` when given; with `after`, oldest first from just after that seq (catching up). ' +
          'Continue with `nextCursor` in the same parameter.',
        params: IdParams,
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(100).default(50),
          before: Seq.optional(),
          after: Seq.optional(),
        }),
        response: { 200: z.object({ items: z.array(MessageView), nextCursor: z.string().nullable() }), ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const reader = currentUser(request);
      const conversation = await conversationFor(db, request.params.id, reader, 'read');
      const { limit, before, after } = request.query;
      const rows = await messagePage(db, conversation.id, viewerOf(conversation, reader), { limit, before, after });
      const page = rows.slice(0, limit);
      return { items: page.map(messageView), nextCursor: rows.length > limit ? page.at(-1)!.seq.toString() : null };
    },
  );

  app.post(
    '/conversations/:id/messages',
    {
      schema: {
        tags,
        security,
        description:
          `A participant's message: text of 1…${MESSAGE_BODY_MAX_CHARS} characters, or at least one attachment (files you uploaded ` +
          'through /v1/files). CHAT-6 / PAY-7: a text asking to pay or talk outside the platform is delivered, marked (`flagKinds`) ' +
          'and queued for the administration; its sender gets a nudge in the chat, and repeated flags escalate.',
        headers: IdempotencyHeaders,
        params: IdParams,
        body: z
          .object({
            body: z
              .string()
              .refine((text) => [...text].length <= MESSAGE_BODY_MAX_CHARS, `must be at most ${MESSAGE_BODY_MAX_CHARS} characters`)
              .optional(),
            fileIds: z.array(Uuid).max(MESSAGE_MAX_ATTACHMENTS).default([]),
          })
          .refine((message) => (message.body?.trim() ?? '') !== '' || message.fileIds.length > 0, {
            message: 'A message needs text or at least one attachment.',
            path: ['body'],
          }),
        response: { 201: MessageView, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const reader = currentUser(request);
      const conversation = await conversationFor(db, request.params.id, reader, 'write');
      const key = request.headers['idempotency-key'];
      const { body } = await idempotent(db, request, reply, { status: 201, requestHash: hashBody(request.body) }, async () =>
        messageView(
          await sendParticipantMessage(consultations, {
            conversationId: conversation.id,
            senderId: reader.userId,
            body: request.body.body,
            fileIds: request.body.fileIds,
            clientKey: key,
          }),
        ),
      );
      return body;
    },
  );
};

export default messageRoutes;
