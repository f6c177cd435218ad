import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { bid, changeBid, withdraw } from '../../../services/questions/bids.ts';
import { ANSWER_BODY_MAX_CHARS, ANSWER_MAX_FILES } from '../../../services/questions/answers.ts';
import { proposeDate, proposeExtras, publish } from '../../../services/questions/rounds.ts';
import { hashBody, idempotent } from '../../idempotency.ts';
import { IdempotencyHeaders, IdParams, problemResponses, Uuid } from '../../schemas.ts';
import { actorOf, BidParams, keyOf, questionDeps, Text, viewAfter } from './shared.ts';
import { QuestionView } from './views.ts';

// The specialist's side of a question: bids (QA-3), new dates (QA-5, QA-10), the answer (QA-6)
// and extra drawings (QA-7). Vetted specialists only (CHAT-1 vetting; SPECIALIST_NOT_VETTED).
const specialistQuestionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const deps = questionDeps(app);
  const tags = ['questions: specialists'];
  const security = [{ bearerAuth: [] }];
  const answers = { 200: QuestionView, ...problemResponses(400, 401, 403, 404, 409, 422, 503) };
  app.addHook('onRequest', app.requireRole('specialist'));

  const BidBody = z.object({
    price: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).describe("minor units of the question's currency; 0 = free"),
    explanation: Text(4000, 5).describe('QA-3: how the price is formed (complexity, area, number of drawings …)'),
    promisedAt: z.iso.datetime({ offset: true }).describe('QA-3: the promised publication date, 1 to 30 days from now'),
  });
  const offerOf = (body: z.infer<typeof BidBody>) => ({ ...body, promisedAt: Date.parse(body.promisedAt) });

  app.post(
    '/:id/bids',
    {
      schema: {
        tags,
        security,
        headers: IdempotencyHeaders,
        params: IdParams,
        description:
          'QA-3: bids on a published question: a price (0 = free; answers without drawings are often free), the ' +
          'explanation of the price, and the promised publication date — the API accepts 1 to 30 days from now (typically ' +
          '3–10; 422 QUESTION_BID_DATE_OUT_OF_RANGE otherwise). One live bid per specialist (409 QUESTION_BID_EXISTS); ' +
          'edit or withdraw it until the client chooses.',
        body: BidBody,
        response: answers,
      },
    },
    async (request, reply) => {
      const by = actorOf(request);
      const { body } = await idempotent(db, request, reply, { status: 200, requestHash: hashBody(request.body) }, async () =>
        viewAfter(deps, await bid(deps, request.params.id, by, offerOf(request.body), keyOf(request)), by),
      );
      return reply.send(body);
    },
  );

  app.put(
    '/:id/bids/:bidId',
    {
      schema: {
        tags,
        security,
        params: BidParams,
        description: 'QA-3: edits your live bid (a new version: a client choosing the old one is told it changed).',
        body: BidBody,
        response: answers,
      },
    },
    async (request) => {
      const by = actorOf(request);
      return viewAfter(deps, await changeBid(deps, request.params.id, request.params.bidId, by, offerOf(request.body), keyOf(request)), by);
    },
  );

  app.delete(
    '/:id/bids/:bidId',
    { schema: { tags, security, params: BidParams, description: 'QA-3: withdraws your live bid.', response: answers } },
    async (request) => {
      const by = actorOf(request);
      return viewAfter(deps, await withdraw(deps, request.params.id, request.params.bidId, by), by);
    },
  );

  app.post(
    '/:id/date-proposals',
    {
      schema: {
        tags,
        security,
        params: IdParams,
        description:
          "QA-5, QA-10: the round's specialist proposes a new publication date (1 to 30 days from now); it binds only once " +
          'the client accepts. After a missed date it is how the client may be won back.',
        body: z.object({ promisedAt: z.iso.datetime({ offset: true }) }),
        response: answers,
      },
    },
    async (request) => {
      const by = actorOf(request);
      return viewAfter(deps, await proposeDate(deps, request.params.id, by, Date.parse(request.body.promisedAt)), by);
    },
  );

  const Part = z.object({
    body: z.string().max(ANSWER_BODY_MAX_CHARS).default(''),
    fileIds: z.array(Uuid).max(ANSWER_MAX_FILES).default([]).describe('drawings and documents you uploaded through POST /v1/files'),
  });

  app.post(
    '/:id/answer',
    {
      schema: {
        tags,
        security,
        params: IdParams,
        description:
          "QA-6: the round's specialist publishes the answer by the promised date. A free round: `full` is published at " +
          'once. A paid round: send `preview` (showing the scope and quality of the work) and `full`; the preview is ' +
          'published with the SHA-256 digest of the full answer, and the full answer opens to the client once the payment ' +
          'reached the platform. Nobody but you reads `full` before that.',
        body: z.object({ preview: Part.optional(), full: Part }),
        response: answers,
      },
    },
    async (request) => {
      const by = actorOf(request);
      return viewAfter(deps, await publish(deps, request.params.id, by, request.body), by);
    },
  );

  app.post(
    '/:id/extras',
    {
      schema: {
        tags,
        security,
        headers: IdempotencyHeaders,
        params: IdParams,
        description:
          'QA-7: after an answer, proposes additional drawings: what, the price (0 = free) and the promised date. The client ' +
          'orders it (a new round: QA-4…QA-6 again) or declines; it expires after 7 days.',
        body: z.object({
          description: Text(4000, 5),
          price: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
          promisedAt: z.iso.datetime({ offset: true }),
        }),
        response: answers,
      },
    },
    async (request, reply) => {
      const by = actorOf(request);
      const proposal = { ...request.body, promisedAt: Date.parse(request.body.promisedAt) };
      const { body } = await idempotent(db, request, reply, { status: 200, requestHash: hashBody(request.body) }, async () =>
        viewAfter(deps, await proposeExtras(deps, request.params.id, by, proposal, keyOf(request)), by),
      );
      return reply.send(body);
    },
  );
};

export default specialistQuestionRoutes;
