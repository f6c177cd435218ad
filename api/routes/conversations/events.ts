import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { conversationFor, viewerOf } from '../../../services/conversations/conversations.ts';
import { conversationMessagesAfter, latestSeq, userMessagesAfter } from '../../../services/conversations/read-models/messages.ts';
import { currentUser } from '../../plugins/auth.ts';
import { HEARTBEAT_MS, resumeAfter } from '../../sse.ts';
import { IdParams, problemResponses } from '../../schemas.ts';
import { messageView, Seq } from './views.ts';

const STREAM_DESCRIPTION =
  'Server-Sent Events (text/event-stream). Each new message is an event `message` whose id is its seq and whose data is the ' +
  'message as JSON (ConversationMessage). Reconnect with `Last-Event-ID` (an EventSource does it by itself) or `?after=<seq>` ' +
  `to get what was missed first; without either, the stream starts with the next message. A comment line every ${HEARTBEAT_MS / 1000} s ` +
  'keeps proxies from closing it. Needs `Authorization: Bearer`: a browser uses a fetch-based SSE reader (EventSource cannot send headers).';

const streamSchema = {
  querystring: z.object({ after: Seq.optional() }),
  headers: z.object({ 'last-event-id': z.string().max(32).optional() }),
  produces: ['text/event-stream'],
  response: { 200: z.string().describe('text/event-stream'), ...problemResponses(400, 401, 404, 503) },
};

// Live delivery of conversation messages (CHAT-3: both sides see system messages at once too).
// Several API instances each hear every insert through PostgreSQL's NOTIFY (services/conversations/live-feed.ts).
const conversationEventRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const { feed, streams } = app.conversationLive;
  const tags = ['conversations'];
  const security = [{ bearerAuth: [] }];
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/conversations/:id/events',
    { schema: { tags, security, description: STREAM_DESCRIPTION, params: IdParams, ...streamSchema } },
    async (request, reply) => {
      const reader = currentUser(request);
      const conversation = await conversationFor(db, request.params.id, reader, 'read');
      const viewer = viewerOf(conversation, reader);
      const after = resumeAfter(request, request.query.after) ?? (await latestSeq(db, conversation.id));
      await streams.stream(request, reply, {
        after,
        subscribe: (wake) => feed.subscribeConversation(conversation.id, wake),
        readAfter: (seq, limit) => conversationMessagesAfter(db, conversation.id, viewer, seq, limit),
        event: (row) => ({ event: 'message', data: messageView(row) }),
      });
    },
  );

  app.get(
    '/me/events',
    {
      schema: {
        tags,
        security,
        description: `Every conversation of the reader in one stream (the cabinet). ${STREAM_DESCRIPTION}`,
        ...streamSchema,
      },
    },
    async (request, reply) => {
      const userId = currentUser(request).userId;
      const after = resumeAfter(request, request.query.after) ?? (await latestSeq(db));
      await streams.stream(request, reply, {
        after,
        subscribe: (wake) => feed.subscribeUser(userId, wake),
        readAfter: (seq, limit) => userMessagesAfter(db, userId, seq, limit),
        event: (row) => ({ event: 'message', data: messageView(row) }),
      });
    },
  );
};

export default conversationEventRoutes;
