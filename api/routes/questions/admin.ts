import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { COMPLAINT_DECISIONS, type QuestionState } from '../../../domain/questions/contract.ts';
import { answerViewFor } from '../../../services/questions/answers.ts';
import { acknowledgeQuestionEscalation } from '../../../services/questions/escalations.ts';
import { questionEvidencePack } from '../../../services/questions/evidence.ts';
import { deleteAsAdmin, publishAsAdmin, returnAsAdmin } from '../../../services/questions/moderation.ts';
import { questionDetail } from '../../../services/questions/read-models/detail.ts';
import { complaintQueue, moderationQueue, openQuestionEscalations } from '../../../services/questions/read-models/questions.ts';
import { decide } from '../../../services/questions/rounds.ts';
import { hashBody, idempotent } from '../../idempotency.ts';
import { PageQuery, pageOf, pageRequest, toPage } from '../../pagination.ts';
import { IdempotencyHeaders, IdParams, problemResponses } from '../../schemas.ts';
import { actorOf, keyOf, questionDeps, RoundParams, Text, viewAfter } from './shared.ts';
import { AnswerView, answerView, EntryView, entryView, QuestionView, questionView } from './views.ts';

// Administrators and questions: moderation with its deadline (QA-1, QA-2), complaints with the
// evidence pack and the decision (QA-9), and the escalations (QA-1, QA-9, QA-10). Clarification
// requests go through POST /v1/questions/{id}/clarification-requests.
const adminQuestionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const deps = questionDeps(app);
  const tags = ['admin: questions'];
  const security = [{ bearerAuth: [] }];
  const answers = { 200: QuestionView, ...problemResponses(400, 401, 403, 404, 409, 422, 503) };
  app.addHook('onRequest', app.requireRole('admin'));
  const Limit = z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) });

  const queueOf = async (rows: Awaited<ReturnType<typeof moderationQueue>>, by: ReturnType<typeof actorOf>) =>
    Promise.all(
      rows.map(async (row) =>
        questionView({
          ...(await questionDetail(db, row, row.state as unknown as QuestionState | null, by)),
          source: 'mirror',
          reader: by,
        }),
      ),
    );

  app.get(
    '/moderation',
    {
      schema: {
        tags,
        security,
        description:
          'QA-1, QA-2: questions awaiting moderation (new, or clarified by the client), the earliest deadline ' +
          '(`moderation.decideBy`, 1 working day per turn; then it escalates) first (at most 100).',
        querystring: Limit,
        response: { 200: z.object({ items: z.array(QuestionView) }), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => ({ items: await queueOf(await moderationQueue(db, request.query.limit), actorOf(request)) }),
  );

  app.post(
    '/:id/publish',
    {
      schema: {
        tags,
        security,
        params: IdParams,
        description: 'QA-1, QA-2: publishes the question to the public list.',
        response: answers,
      },
    },
    async (request) => {
      const by = actorOf(request);
      return viewAfter(deps, await publishAsAdmin(deps, request.params.id, by), by);
    },
  );

  app.post(
    '/:id/delete',
    {
      schema: {
        tags,
        security,
        headers: IdempotencyHeaders,
        params: IdParams,
        description:
          'QA-1: deletes an off-topic question; QA-2: deletes one whose clarification is unsatisfactory. The reason (with a ' +
          'recommendation for asking properly) is kept in its history; the client may ask again.',
        body: z.object({ reason: Text(4000, 5) }),
        response: answers,
      },
    },
    async (request, reply) => {
      const by = actorOf(request);
      const { body } = await idempotent(db, request, reply, { status: 200, requestHash: hashBody(request.body) }, async () =>
        viewAfter(deps, await deleteAsAdmin(deps, request.params.id, by, request.body.reason, keyOf(request)), by),
      );
      return reply.send(body);
    },
  );

  app.post(
    '/:id/return',
    {
      schema: {
        tags,
        security,
        headers: IdempotencyHeaders,
        params: IdParams,
        description:
          'QA-1: returns a question that fits the service but is badly worded, with a recommendation; the client may ask ' +
          'it again starting from the old text (POST /v1/questions with `previousQuestionId`).',
        body: z.object({ recommendation: Text(4000, 5) }),
        response: answers,
      },
    },
    async (request, reply) => {
      const by = actorOf(request);
      const { body } = await idempotent(db, request, reply, { status: 200, requestHash: hashBody(request.body) }, async () =>
        viewAfter(deps, await returnAsAdmin(deps, request.params.id, by, request.body.recommendation, keyOf(request)), by),
      );
      return reply.send(body);
    },
  );

  app.get(
    '/complaints',
    {
      schema: {
        tags,
        security,
        description: 'QA-9: questions with a complaint awaiting a decision, the earliest deadline first (at most 100).',
        querystring: Limit,
        response: { 200: z.object({ items: z.array(QuestionView) }), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => ({ items: await queueOf(await complaintQueue(db, request.query.limit), actorOf(request)) }),
  );

  app.get(
    '/:id/evidence',
    {
      schema: {
        tags,
        security,
        params: IdParams,
        description:
          "QA-9: the evidence pack — the question and its workflow's state, its whole history, every answer (in full once " +
          'the client complained about it, with its digest), the payments as the acquirer recorded them, the ratings.',
        response: {
          200: z.object({
            question: QuestionView,
            history: z.array(EntryView),
            answers: z.array(AnswerView),
            payments: z.array(
              z.object({
                id: z.string(),
                key: z.string(),
                amount: z.number().int(),
                currency: z.string(),
                status: z.string(),
                settledAt: z.string().nullable(),
                refunded: z.number().int(),
              }),
            ),
            ratings: z.array(z.object({ round: z.number().int(), score: z.number().int(), comment: z.string().nullable() })),
          }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const by = actorOf(request);
      const pack = await questionEvidencePack(db, request.params.id);
      return {
        question: questionView({ ...(await questionDetail(db, pack.row, pack.state, by)), source: 'mirror', reader: by }),
        history: pack.history.map(entryView),
        answers: pack.answers.flatMap((a) => {
          const view = answerViewFor(a, pack.row, by);
          return view ? [answerView(view)] : [];
        }),
        payments: pack.payments.map((p) => ({
          id: p.id,
          key: p.key,
          amount: Number(p.amount),
          currency: p.currency,
          status: p.status,
          settledAt: p.settledAt?.toISOString() ?? null,
          refunded: p.refunds.reduce((sum, r) => sum + Number(r.amount), 0),
        })),
        ratings: pack.ratings.map((r) => ({ round: r.round, score: r.score, comment: r.comment })),
      };
    },
  );

  app.post(
    '/:id/rounds/:round/complaint/decision',
    {
      schema: {
        tags,
        security,
        headers: IdempotencyHeaders,
        params: RoundParams,
        description:
          "QA-9: decides the complaint about a round's answer: `reject` (the specialist keeps the earning), `full_refund` " +
          "or `partial_refund` with `refundAmount` (back to the client's balance, taken from the specialist's frozen " +
          'earning). The note is kept in the history for both sides.',
        body: z.object({
          decision: z.enum(COMPLAINT_DECISIONS),
          refundAmount: z.number().int().min(1).optional(),
          note: Text(4000, 2).optional(),
        }),
        response: answers,
      },
    },
    async (request, reply) => {
      const by = actorOf(request);
      const { id, round } = request.params;
      const { body } = await idempotent(db, request, reply, { status: 200, requestHash: hashBody(request.body) }, async () =>
        viewAfter(deps, await decide(deps, id, round, by, request.body, keyOf(request)), by),
      );
      return reply.send(body);
    },
  );

  const EscalationView = z
    .object({
      id: z.string(),
      questionId: z.string(),
      reason: z.string(),
      detail: z.string(),
      createdAt: z.string(),
      acknowledgedAt: z.string().nullable(),
    })
    .meta({ id: 'QuestionEscalation' });
  const escalationView = (e: Awaited<ReturnType<typeof acknowledgeQuestionEscalation>>) => ({
    id: e.id,
    questionId: e.questionId,
    reason: e.reason,
    detail: e.detail,
    createdAt: e.createdAt.toISOString(),
    acknowledgedAt: e.acknowledgedAt?.toISOString() ?? null,
  });

  app.get(
    '/escalations',
    {
      schema: {
        tags,
        security,
        description:
          'Escalations nobody acknowledged yet, newest first: moderation overdue (QA-1), a missed promised date (QA-10), arbitration overdue (QA-9).',
        querystring: PageQuery,
        response: { 200: pageOf(EscalationView), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const rows = await openQuestionEscalations(db, pageRequest(request.query));
      return toPage(rows, request.query.limit, (row) => row.createdAt, escalationView);
    },
  );

  app.post(
    '/escalations/:id/acknowledge',
    {
      schema: {
        tags,
        security,
        params: IdParams,
        description: 'Takes an escalation in hand.',
        response: { 200: EscalationView, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => escalationView(await acknowledgeQuestionEscalation(db, request.params.id, actorOf(request).userId)),
  );
};

export default adminQuestionRoutes;
