import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { QUESTION_TOPICS } from '../../../domain/questions/topics.ts';
import { answersFor } from '../../../services/questions/answers.ts';
import {
  askQuestion,
  QUESTION_MAX_ATTACHMENTS,
  QUESTION_TEXT_MAX_CHARS,
  QUESTION_TITLE_MAX_CHARS,
} from '../../../services/questions/asking.ts';
import { questionInFullFor, readQuestionFor } from '../../../services/questions/commands.ts';
import { historyFor } from '../../../services/questions/entries.ts';
import { clientQuestions, publicQuestions, specialistQuestions } from '../../../services/questions/read-models/questions.ts';
import { questionDetail } from '../../../services/questions/read-models/detail.ts';
import { isVettedSpecialist } from '../../../services/specialists/vetting.ts';
import { hashBody, idempotent } from '../../idempotency.ts';
import { PageQuery, pageOf, pageRequest, toPage } from '../../pagination.ts';
import { currentUser } from '../../plugins/auth.ts';
import { IdempotencyHeaders, IdParams, problemResponses, Uuid } from '../../schemas.ts';
import { actorOf, keyOf, questionDeps } from './shared.ts';
import { AnswerView, answerView, EntryView, entryView, QuestionSummary, questionSummary, QuestionView, questionView } from './views.ts';

// Questions (QA-1…QA-6): asking, the public list, a question's page, its history and answers.
// The list and a published question's page are public (a visitor sees no attachments); the rest
// needs a login. Strangers get 404, never 403.
const questionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, temporal, config } = app.deps;
  const deps = questionDeps(app);
  const tags = ['questions'];
  const security = [{ bearerAuth: [] }];
  /** A visitor is welcome; a token, when sent, must be valid. */
  const optionalLogin = async (request: FastifyRequest) => {
    if (request.headers.authorization !== undefined) await app.authenticate(request);
  };
  const readerOf = (request: FastifyRequest) => (request.auth ? { userId: request.auth.userId, role: request.auth.role } : null);

  app.post(
    '/',
    {
      onRequest: app.requireRole('client'),
      schema: {
        tags,
        security,
        headers: IdempotencyHeaders,
        description:
          'QA-1: asks a question: title, text, topic and attachments (files you uploaded through POST /v1/files). The ' +
          'administration checks that it fits the service (within 1 working day, else it escalates): it publishes it, ' +
          'asks you for a clarification, returns it with a recommendation or deletes it. To ask a returned (or deleted) ' +
          'question again, send `previousQuestionId`: every field you leave out is taken from the old question. ' +
          'Needs the current Terms accepted (ACC-5). 202 with the question; its page is at `Location`.',
        body: z.object({
          title: z.string().trim().min(5).max(QUESTION_TITLE_MAX_CHARS).optional(),
          text: z.string().trim().min(20, 'describe the question in a few sentences').max(QUESTION_TEXT_MAX_CHARS).optional(),
          topic: z.enum(QUESTION_TOPICS).optional(),
          attachmentFileIds: z.array(Uuid).max(QUESTION_MAX_ATTACHMENTS).optional(),
          previousQuestionId: Uuid.optional(),
        }),
        response: { 202: QuestionView, ...problemResponses(400, 401, 403, 404, 409, 422, 503) },
      },
    },
    async (request, reply) => {
      const by = actorOf(request);
      const { body } = await idempotent(db, request, reply, { status: 202, requestHash: hashBody(request.body) }, async () => {
        const id = await askQuestion(deps, by.userId, request.body, keyOf(request));
        const reading = await readQuestionFor(db, temporal, id, by, config.WORKFLOW_QUERY_TIMEOUT_MS);
        return questionView({ ...(await questionDetail(db, reading.row, reading.state, by)), source: reading.source, reader: by });
      });
      return reply.header('location', `/v1/questions/${body.id}`).send(body);
    },
  );

  app.get(
    '/',
    {
      onRequest: optionalLogin,
      schema: {
        tags,
        description:
          'The public list of published questions, newest first; `topic` narrows it, `q` finds text (any case) in the title ' +
          'or the question. Public; attachments are listed for vetted specialists only (the ones who may bid, QA-3).',
        querystring: PageQuery.extend({
          topic: z.enum(QUESTION_TOPICS).optional(),
          q: z
            .string()
            .trim()
            .min(1)
            .max(100)
            .refine((v) => !v.includes('\u0000'), 'may not contain U+0000')
            .optional(),
        }),
        response: { 200: pageOf(QuestionSummary), ...problemResponses(400, 401) },
      },
    },
    async (request) => {
      const reader = readerOf(request);
      const vetted = reader?.role === 'specialist' && (await isVettedSpecialist(db, reader.userId));
      const withAttachments = vetted || reader?.role === 'admin';
      const rows = await publicQuestions(db, { topic: request.query.topic, q: request.query.q }, pageRequest(request.query));
      return toPage(
        rows,
        request.query.limit,
        (row) => row.publishedAt!,
        (row) => questionSummary(row, withAttachments),
      );
    },
  );

  app.get(
    '/mine',
    {
      onRequest: app.requireRole('client', 'specialist'),
      schema: {
        tags,
        security,
        description: "My questions: a client's own, newest first; a specialist's, those they were chosen for.",
        querystring: PageQuery,
        response: { 200: pageOf(QuestionSummary), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const page = pageRequest(request.query);
      const rows = user.role === 'client' ? await clientQuestions(db, user.userId, page) : await specialistQuestions(db, user.userId, page);
      return toPage(
        rows,
        request.query.limit,
        (row) => row.createdAt,
        (row) => questionSummary(row, true),
      );
    },
  );

  app.get(
    '/:id',
    {
      onRequest: optionalLogin,
      schema: {
        tags,
        params: IdParams,
        description:
          "The question with its workflow's live state: moderation, bids side by side with each specialist's rating " +
          '(QA-3, QA-4), rounds with their promised date, payment (`payments[].checkoutUrl`, QA-6), answer digest and ' +
          'complaint window (QA-9), extra-drawings proposals (QA-7). The client and the administration see it all; a ' +
          'specialist their own bids and rounds; a visitor a published question without attachments.',
        response: { 200: QuestionView, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const reader = readerOf(request);
      const reading = await readQuestionFor(db, temporal, request.params.id, reader, config.WORKFLOW_QUERY_TIMEOUT_MS);
      return questionView({ ...(await questionDetail(db, reading.row, reading.state, reader)), source: reading.source, reader });
    },
  );

  app.get(
    '/:id/history',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        params: IdParams,
        description:
          "Everything said in the question's history, oldest first (QA-1, QA-2, QA-5, QA-9): the question as asked, the " +
          "administration's requests, recommendations and reasons, clarifications, bid explanations (the bidder's own and, " +
          'for the client, all), extras proposals, complaint reasons, notes.',
        response: { 200: z.object({ items: z.array(EntryView) }), ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const reader = actorOf(request);
      const row = await questionInFullFor(db, temporal, request.params.id, reader);
      return { items: (await historyFor(db, row, reader)).map(entryView) };
    },
  );

  app.get(
    '/:id/answers',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        params: IdParams,
        description:
          'QA-6: the answers, by round. The client sees a published preview with the SHA-256 `digest` of the full answer; ' +
          '`full` stays null (and its files unreadable) until the payment reached the platform — a free answer opens at ' +
          'once. Check after paying: SHA-256 of `{"body":<full.body>,"files":[{"id":<id>,"sha256":<the file\'s sha256>},…]}` ' +
          '(JSON, no spaces, files in order) equals `digest`.',
        response: { 200: z.object({ items: z.array(AnswerView) }), ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const reader = actorOf(request);
      const row = await questionInFullFor(db, temporal, request.params.id, reader);
      return { items: (await answersFor(db, row, reader)).map(answerView) };
    },
  );
};

export default questionRoutes;
