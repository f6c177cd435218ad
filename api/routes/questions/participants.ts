import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { choose, declineAll } from '../../../services/questions/bids.ts';
import { askForClarification, clarify } from '../../../services/questions/moderation.ts';
import { RATING_COMMENT_MAX_CHARS, rateAnswer } from '../../../services/questions/ratings.ts';
import { answerDateProposal, answerExtras, cancelAfterMissedDate, complainAbout } from '../../../services/questions/rounds.ts';
import { hashBody, idempotent } from '../../idempotency.ts';
import { IdempotencyHeaders, IdParams, problemResponses } from '../../schemas.ts';
import { actorOf, FileIds, keyOf, ProposalParams, questionDeps, RoundParams, Text, viewAfter } from './shared.ts';
import { QuestionView } from './views.ts';

// The client's side of a question (QA-1…QA-10), and the clarification requests both the
// administration (QA-1) and the chosen specialist (QA-5) make. Each answers with the question as
// the caller sees it after the command. Strangers get 404.
const participantRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const deps = questionDeps(app);
  const tags = ['questions'];
  const security = [{ bearerAuth: [] }];
  const answers = { 200: QuestionView, ...problemResponses(400, 401, 403, 404, 409, 422, 503) };
  const client = app.requireRole('client');

  app.post(
    '/:id/clarification-requests',
    {
      onRequest: app.requireRole('admin', 'specialist'),
      schema: {
        tags,
        security,
        headers: IdempotencyHeaders,
        params: IdParams,
        description:
          'Asks the client for a clarification: the administration while moderating (QA-1), or the chosen specialist at any ' +
          'point before answering (QA-5). One open request at a time. A clarification does not move the promised date: ' +
          'only a new date the specialist proposes and the client accepts does (POST …/date-proposals).',
        body: z.object({ text: Text(4000, 5) }),
        response: answers,
      },
    },
    async (request, reply) => {
      const by = actorOf(request);
      const { body } = await idempotent(db, request, reply, { status: 200, requestHash: hashBody(request.body) }, async () =>
        viewAfter(deps, await askForClarification(deps, request.params.id, by, request.body.text, keyOf(request)), by),
      );
      return reply.send(body);
    },
  );

  app.post(
    '/:id/clarifications',
    {
      onRequest: client,
      schema: {
        tags,
        security,
        headers: IdempotencyHeaders,
        params: IdParams,
        description: 'QA-1, QA-2, QA-5: the client answers the open request for clarification (text, and files of yours if need be).',
        body: z.object({ text: Text(8000, 2), fileIds: FileIds }),
        response: answers,
      },
    },
    async (request, reply) => {
      const by = actorOf(request);
      const { body } = await idempotent(db, request, reply, { status: 200, requestHash: hashBody(request.body) }, async () =>
        viewAfter(deps, await clarify(deps, request.params.id, by, request.body, keyOf(request)), by),
      );
      return reply.send(body);
    },
  );

  app.post(
    '/:id/choice',
    {
      onRequest: client,
      schema: {
        tags,
        security,
        params: IdParams,
        description:
          'QA-4: the client chooses one live bid at the version they saw, confirming readiness to pay its price ' +
          '(`confirmsPayment: true`, required for a paid bid; ACC-5 applies). The other bidders are told. Also the way ' +
          'to choose another bid after a missed date (QA-10). Nothing is charged now: a paid answer is paid after its ' +
          'preview (QA-6).',
        body: z.object({ bidId: z.string().regex(/^bid-\d{1,6}$/), bidVersion: z.number().int().min(1), confirmsPayment: z.boolean() }),
        response: answers,
      },
    },
    async (request) => {
      const by = actorOf(request);
      return viewAfter(deps, await choose(deps, request.params.id, by, request.body), by);
    },
  );

  app.post(
    '/:id/decline-bids',
    {
      onRequest: client,
      schema: {
        tags,
        security,
        params: IdParams,
        description: 'QA-4: the client declines every bid; the question closes.',
        response: answers,
      },
    },
    async (request) => {
      const by = actorOf(request);
      return viewAfter(deps, await declineAll(deps, request.params.id, by), by);
    },
  );

  app.post(
    '/:id/date-proposal/answer',
    {
      onRequest: client,
      schema: {
        tags,
        security,
        params: IdParams,
        description: "QA-5, QA-10: the client accepts or rejects the specialist's proposed new publication date.",
        body: z.object({ accept: z.boolean() }),
        response: answers,
      },
    },
    async (request) => {
      const by = actorOf(request);
      return viewAfter(deps, await answerDateProposal(deps, request.params.id, by, request.body.accept), by);
    },
  );

  app.post(
    '/:id/cancel-round',
    {
      onRequest: client,
      schema: {
        tags,
        security,
        params: IdParams,
        description:
          'QA-10: after the promised date passed without publication, the client cancels the round at no cost (or instead ' +
          'waits for a new date, or chooses another bid).',
        response: answers,
      },
    },
    async (request) => {
      const by = actorOf(request);
      return viewAfter(deps, await cancelAfterMissedDate(deps, request.params.id, by), by);
    },
  );

  app.post(
    '/:id/extras/:proposalId/answer',
    {
      onRequest: client,
      schema: {
        tags,
        security,
        params: ProposalParams,
        description:
          "QA-7: the client orders the specialist's proposal of additional drawings — a new round of the same question that " +
          'runs QA-4…QA-6 again (confirm readiness to pay for a paid one) — or declines it.',
        body: z.discriminatedUnion('order', [
          z.object({ order: z.literal(true), confirmsPayment: z.boolean() }),
          z.object({ order: z.literal(false) }),
        ]),
        response: answers,
      },
    },
    async (request) => {
      const by = actorOf(request);
      return viewAfter(deps, await answerExtras(deps, request.params.id, request.params.proposalId, by, request.body), by);
    },
  );

  app.post(
    '/:id/rounds/:round/complaint',
    {
      onRequest: client,
      schema: {
        tags,
        security,
        headers: IdempotencyHeaders,
        params: RoundParams,
        description:
          "QA-9: the client complains about a round's answer, within 3 working days (platform calendar, holidays included) " +
          "of the full answer opening; later → 422 COMPLAINT_WINDOW_CLOSED; once per round. The specialist's earning from " +
          'it is frozen until the administration decides (within 2 working days, else it escalates).',
        body: z.object({ reason: Text(4000, 10) }),
        response: answers,
      },
    },
    async (request, reply) => {
      const by = actorOf(request);
      const { id, round } = request.params;
      const { body } = await idempotent(db, request, reply, { status: 200, requestHash: hashBody(request.body) }, async () =>
        viewAfter(deps, await complainAbout(deps, id, round, by, request.body.reason, keyOf(request)), by),
      );
      return reply.send(body);
    },
  );

  app.post(
    '/:id/rounds/:round/rating',
    {
      onRequest: client,
      schema: {
        tags,
        security,
        params: RoundParams,
        description:
          "QA-8: the client rates a round's answer (1–5 whole stars) with an optional comment, once per answer (409 " +
          "QUESTION_ALREADY_RATED); only an answer open to them. It joins the specialist's profile average.",
        body: z.object({ score: z.number().int().min(1).max(5), comment: z.string().trim().max(RATING_COMMENT_MAX_CHARS).optional() }),
        response: {
          201: z.object({
            questionId: z.string(),
            round: z.number().int(),
            specialistId: z.string(),
            score: z.number().int(),
            comment: z.string().nullable(),
            createdAt: z.string(),
          }),
          ...problemResponses(400, 401, 403, 404, 409, 503),
        },
      },
    },
    async (request, reply) => {
      const by = actorOf(request);
      const rating = await rateAnswer(deps, request.params.id, request.params.round, by, request.body);
      return reply.code(201).send({
        questionId: rating.questionId,
        round: rating.round,
        specialistId: rating.specialistId,
        score: rating.score,
        comment: rating.comment,
        createdAt: rating.createdAt.toISOString(),
      });
    },
  );
};

export default participantRoutes;
