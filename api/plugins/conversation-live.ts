import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../../infra/db.ts';
import { MessageFeed } from '../../services/conversations/live-feed.ts';
import { participantsOf } from '../../services/conversations/read-models/conversations.ts';
import { EventStreams } from '../sse.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** This process's live delivery of conversation messages: its one LISTEN connection and its open streams. */
    conversationLive: { feed: MessageFeed; streams: EventStreams };
  }
}

// One listener per API process (connected at the first stream, not at start), shared by every
// stream; closing the app ends the streams first (they never end by themselves, and the server
// would wait for them), then the listener.
async function conversationLive(app: FastifyInstance, options: { db: Db; databaseUrl: string }) {
  const feed = new MessageFeed({
    databaseUrl: options.databaseUrl,
    participantsOf: (conversationId) => participantsOf(options.db, conversationId),
    onError: (error, context) => app.log.warn({ err: error }, context),
  });
  const streams = new EventStreams();
  app.decorate('conversationLive', { feed, streams });
  app.addHook('preClose', async () => streams.endAll());
  app.addHook('onClose', async () => feed.close());
}

export default fp(conversationLive, { name: 'conversation-live' });
