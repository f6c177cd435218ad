import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { conversationFor, startConversation, viewerOf, type StartConversationDeps } from '../../../services/conversations/conversations.ts';
import { markRead } from '../../../services/conversations/read-markers.ts';
import { conversationItem, conversationsOf, readMarkersOf } from '../../../services/conversations/read-models/conversations.ts';
import { totalUnread } from '../../../services/conversations/read-models/unread.ts';
import { hashBody, refuseReusedKey } from '../../idempotency.ts';
import { PageQuery, pageOf, pageRequest, toPage } from '../../pagination.ts';
import { currentUser } from '../../plugins/auth.ts';
import { IdempotencyHeaders, IdParams, problemResponses, Uuid } from '../../schemas.ts';
import { ConversationView, conversationView, ReadMarkerView, Seq } from './views.ts';

// CHAT-1: a client starts a conversation with a specialist; both participants list, read and
// mark it read. Administrators may read any conversation (GET) but not write in it.
const conversationRoutes: FastifyPluginAsyncZod<StartConversationDeps> = async (app, startDeps) => {
  const { db } = app.deps;
  const tags = ['conversations'];
  const security = [{ bearerAuth: [] }];
  app.addHook('onRequest', app.authenticate);

  app.post(
    '/conversations',
    {
      schema: {
        tags,
        security,
        description:
          'CHAT-1: only a client starts a conversation with a specialist, one per pair: 201 when this request started it, ' +
          '200 with the same conversation when it already exists (a retry included).',
        headers: IdempotencyHeaders,
        body: z.object({ specialistId: Uuid }),
        response: { 200: ConversationView, 201: ConversationView, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const reader = currentUser(request);
      const key = request.headers['idempotency-key'];
      // Retries are harmless by the pair's own key; the same Idempotency-Key with another specialist is still refused.
      if (key) await refuseReusedKey(db, { scope: `${reader.userId} POST /v1/conversations`, key, requestHash: hashBody(request.body) });
      const started = await startConversation(
        db,
        { clientId: reader.userId, specialistId: request.body.specialistId },
        startDeps.assertCanReceiveChats ? { assertCanReceiveChats: startDeps.assertCanReceiveChats } : {},
      );
      const view = conversationView(await conversationItem(db, started.conversation, reader.userId));
      return reply
        .code(started.created ? 201 : 200)
        .header('location', `/v1/conversations/${view.id}`)
        .send(view);
    },
  );

  app.get(
    '/conversations',
    {
      schema: {
        tags,
        security,
        description: "The reader's conversations, most recent activity first, each with its last message and unread count.",
        querystring: PageQuery,
        response: {
          200: pageOf(ConversationView).extend({ totalUnread: z.number().int().describe('Unread messages in all conversations.') }),
          ...problemResponses(400, 401),
        },
      },
    },
    async (request) => {
      const userId = currentUser(request).userId;
      const [rows, unread] = await Promise.all([conversationsOf(db, userId, pageRequest(request.query)), totalUnread(db, userId)]);
      // The cursor's instant is the conversation's lastMessageAt (the list's order).
      const keyed = rows.map((row) => ({ ...row, id: row.conversation.id }));
      return { ...toPage(keyed, request.query.limit, (row) => row.conversation.lastMessageAt, conversationView), totalUnread: unread };
    },
  );

  app.get(
    '/conversations/:id',
    {
      schema: {
        tags,
        security,
        params: IdParams,
        response: { 200: ConversationView.extend({ readMarkers: z.array(ReadMarkerView) }), ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const reader = currentUser(request);
      const conversation = await conversationFor(db, request.params.id, reader, 'read');
      const [item, markers] = await Promise.all([
        conversationItem(db, conversation, viewerOf(conversation, reader)),
        readMarkersOf(db, conversation.id),
      ]);
      return {
        ...conversationView(item),
        readMarkers: markers.map((marker) => ({ userId: marker.userId, lastReadSeq: marker.lastReadSeq.toString() })),
      };
    },
  );

  app.post(
    '/conversations/:id/read',
    {
      schema: {
        tags,
        security,
        description: "Moves the reader's read marker up to `upToSeq` (never backwards, never past the last message).",
        params: IdParams,
        body: z.object({ upToSeq: Seq }),
        response: { 200: z.object({ lastReadSeq: z.string(), unreadCount: z.number().int() }), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const reader = currentUser(request);
      const conversation = await conversationFor(db, request.params.id, reader, 'write');
      const marked = await markRead(db, { conversationId: conversation.id, userId: reader.userId, upToSeq: request.body.upToSeq });
      return { lastReadSeq: marked.lastReadSeq.toString(), unreadCount: marked.unreadCount };
    },
  );
};

export default conversationRoutes;
