import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import { decideCardReview, resubmitCorrectedCard, submitCard } from '../../../services/support/card-moderation.ts';
import { hashBody, idempotent } from '../../idempotency.ts';
import { cardsInState, findCard } from '../../../services/support/read-models/catalogue-cards.ts';
import { PageQuery, pageOf, pageRequest, toPage } from '../../pagination.ts';
import { currentUser } from '../../plugins/auth.ts';
import { IdempotencyHeaders, IdParams, problemResponses } from '../../schemas.ts';
import { CARD_DECISIONS, CARD_RECORDED_STATES, type CardRecordedState } from '../../../domain/card-moderation/contract.ts';

// SUP-8: National Catalogue cards — senders submit and resubmit, admins review within 5 days.

const CardView = z
  .object({
    id: z.string(),
    title: z.string(),
    content: z.record(z.string(), z.unknown()),
    status: z.enum(CARD_RECORDED_STATES),
    round: z.number().int().describe('1 for the first submission, +1 per resubmission'),
    submittedAt: z.string(),
    reviewDueAt: z.string().describe("SUP-8: 5 days after this round's submission"),
    errors: z.array(z.string()).describe('What the reviewer asked to correct'),
    escalatedAt: z.string().nullable(),
    decidedAt: z.string().nullable(),
  })
  .meta({ id: 'CatalogueCard' });

function cardView(card: {
  id: string;
  title: string;
  content: unknown;
  status: CardRecordedState;
  round: number;
  submittedAt: Date;
  reviewDueAt: Date;
  errors: string[];
  escalatedAt: Date | null;
  decidedAt: Date | null;
}): z.infer<typeof CardView> {
  return {
    id: card.id,
    title: card.title,
    content: card.content as Record<string, unknown>,
    status: card.status,
    round: card.round,
    submittedAt: card.submittedAt.toISOString(),
    reviewDueAt: card.reviewDueAt.toISOString(),
    errors: card.errors,
    escalatedAt: card.escalatedAt?.toISOString() ?? null,
    decidedAt: card.decidedAt?.toISOString() ?? null,
  };
}

/** How deeply a JSON value nests (a scalar is 0), counted without recursion. */
function nestingDepth(value: unknown): number {
  let deepest = 0;
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (current === null || typeof current !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    for (const inner of Object.values(current)) pending.push([inner, depth + 1]);
  }
  return deepest;
}

const MAX_CONTENT_DEPTH = 32;

// A card is a document of fields, not an arbitrary tree: nesting thousands of levels deep
// fails in the database and in serialisation (a 500), so it is refused here.
const CardContent = z
  .record(z.string(), z.unknown())
  .refine((content) => nestingDepth(content) <= MAX_CONTENT_DEPTH, `must not nest deeper than ${MAX_CONTENT_DEPTH} levels`);

const CardBody = z.object({ title: z.string().trim().min(3).max(300), content: CardContent });

const catalogueCardRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, temporal, faults } = app.deps;
  const security = [{ bearerAuth: [] }];
  const tags = ['catalogue cards'];

  app.post(
    '/catalogue-cards',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        headers: IdempotencyHeaders,
        body: CardBody,
        response: { 202: CardView, ...problemResponses(400, 401, 403, 503) },
      },
    },
    async (request, reply) => {
      const userId = currentUser(request).userId;
      const { body } = await idempotent(db, request, reply, { status: 202, requestHash: hashBody(request.body) }, async () =>
        cardView(await submitCard({ db, temporal, faults }, userId, request.body, { idempotencyKey: request.headers['idempotency-key'] })),
      );
      return reply.header('location', `/v1/catalogue-cards/${body.id}`).send(body);
    },
  );

  app.get(
    '/catalogue-cards/:id',
    {
      onRequest: app.authenticate,
      schema: { tags, security, params: IdParams, response: { 200: CardView, ...problemResponses(400, 401, 404) } },
    },
    async (request) => {
      const reader = currentUser(request);
      const card = await findCard(db, request.params.id);
      if (!card || (card.submitterId !== reader.userId && reader.role !== 'admin'))
        throw new DomainError('NOT_FOUND', 'No such catalogue card.');
      return cardView(card);
    },
  );

  app.post(
    '/catalogue-cards/:id/resubmit',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        params: IdParams,
        body: CardBody.partial({ title: true }),
        description: 'Resubmits a returned card after correction; a new 5-day review starts (SUP-8).',
        response: { 202: CardView, ...problemResponses(400, 401, 404, 409) },
      },
    },
    async (request, reply) => {
      const card = await resubmitCorrectedCard(db, temporal, currentUser(request).userId, request.params.id, request.body);
      return reply.code(202).send(cardView(card));
    },
  );

  app.get(
    '/admin/support/card-reviews',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags,
        security,
        querystring: PageQuery.extend({ status: z.enum(CARD_RECORDED_STATES).default('in_review') }),
        response: { 200: pageOf(CardView), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit, cursor, status } = request.query;
      const rows = await cardsInState(db, status, pageRequest({ limit, cursor }));
      return toPage(rows, limit, (row) => row.submittedAt, cardView);
    },
  );

  app.post(
    '/admin/support/card-reviews/:id/decision',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags,
        security,
        params: IdParams,
        description: 'Approves the card, or returns it to the sender with the errors to correct (SUP-8).',
        body: z.object({ decision: z.enum(CARD_DECISIONS), errors: z.array(z.string().trim().min(3).max(500)).max(50).default([]) }),
        response: { 202: CardView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const card = await decideCardReview(db, temporal, request.params.id, currentUser(request).userId, request.body);
      return reply.code(202).send(cardView(card));
    },
  );
};

export default catalogueCardRoutes;
