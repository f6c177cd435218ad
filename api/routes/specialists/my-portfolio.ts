import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import { PORTFOLIO_CAPTION_MAX_LENGTH } from '../../../domain/specialists/portfolio.ts';
import { addPortfolioItem, captionPortfolioItem, removePortfolioItem, reorderPortfolio } from '../../../services/specialists/portfolio.ts';
import { findPortfolioItem, portfolioPage } from '../../../services/specialists/read-models/portfolio.ts';
import { hashBody, idempotent } from '../../idempotency.ts';
import { PageQuery, pageOf } from '../../pagination.ts';
import { currentUser } from '../../plugins/auth.ts';
import { IdempotencyHeaders, IdParams, problemResponses } from '../../schemas.ts';
import {
  AddPortfolioItemBody,
  AssetParams,
  CaptionBody,
  decodePortfolioCursor,
  myPortfolioItemView,
  MyPortfolioItemView,
  portfolioLimits,
  portfolioPageOf,
  ReorderBody,
  sendPortfolioAsset,
} from './portfolio-views.ts';

// ACC-7: a specialist's own portfolio. Any specialist edits theirs, vetted or not (they build it
// with their profile before the credentials are approved); the public sees it only while they
// are listed (GET /v1/specialists/{id}/portfolio). Items are the owner's only: another user's
// item id answers 404, as if it did not exist.
const myPortfolioRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, storage, config } = app.deps;
  const tags = ['specialists'];
  const security = [{ bearerAuth: [] }];
  app.addHook('onRequest', app.requireRole('specialist'));
  const limits = portfolioLimits(config.UPLOAD_MAX_BYTES);
  const ownItem = async (specialistId: string, itemId: string) => {
    const item = await findPortfolioItem(db, specialistId, itemId);
    if (!item) throw new DomainError('NOT_FOUND', 'No such item in your portfolio.');
    return item;
  };

  app.get(
    '/me/portfolio',
    {
      schema: {
        tags,
        security,
        description: `My portfolio in its order, in cursor pages (\`?limit=&cursor=\`). ${limits}`,
        querystring: PageQuery,
        response: { 200: pageOf(MyPortfolioItemView), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const rows = await portfolioPage(db, currentUser(request).userId, { limit, after: decodePortfolioCursor(cursor) });
      return portfolioPageOf(rows, limit, myPortfolioItemView);
    },
  );

  app.post(
    '/me/portfolio',
    {
      schema: {
        tags,
        security,
        description:
          `ACC-7: add a work to the end of my portfolio: upload the file with POST /v1/files, then add it here by its id. ${limits} ` +
          'Adding the same file again with the same caption returns its item; with another caption it is refused (409).',
        headers: IdempotencyHeaders,
        body: AddPortfolioItemBody,
        response: { 201: MyPortfolioItemView, ...problemResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const specialistId = currentUser(request).userId;
      const result = await idempotent(db, request, reply, { status: 201, requestHash: hashBody(request.body) }, async () => {
        const item = await addPortfolioItem(db, storage, specialistId, request.body);
        return myPortfolioItemView(await ownItem(specialistId, item.id));
      });
      return reply.header('location', `/v1/me/portfolio/${result.body.id}`).send(result.body);
    },
  );

  app.put(
    '/me/portfolio/order',
    {
      schema: {
        tags,
        security,
        description: 'ACC-7: put my portfolio in a new order: list every item once, first shown first. Returns the first page.',
        body: ReorderBody,
        response: { 200: pageOf(MyPortfolioItemView), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const specialistId = currentUser(request).userId;
      await reorderPortfolio(db, specialistId, request.body.itemIds);
      const limit = 100;
      return portfolioPageOf(await portfolioPage(db, specialistId, { limit }), limit, myPortfolioItemView);
    },
  );

  app.get(
    '/me/portfolio/:id',
    {
      schema: { tags, security, params: IdParams, response: { 200: MyPortfolioItemView, ...problemResponses(400, 401, 403, 404) } },
    },
    async (request) => myPortfolioItemView(await ownItem(currentUser(request).userId, request.params.id)),
  );

  app.patch(
    '/me/portfolio/:id',
    {
      schema: {
        tags,
        security,
        description: `Change an item's caption (at most ${PORTFOLIO_CAPTION_MAX_LENGTH} characters).`,
        params: IdParams,
        body: CaptionBody,
        response: { 200: MyPortfolioItemView, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const specialistId = currentUser(request).userId;
      await captionPortfolioItem(db, specialistId, request.params.id, request.body.caption);
      return myPortfolioItemView(await ownItem(specialistId, request.params.id));
    },
  );

  app.delete(
    '/me/portfolio/:id',
    {
      schema: {
        tags,
        security,
        description: 'Take a work out of my portfolio; its thumbnail and web copy are deleted, the uploaded file stays mine.',
        params: IdParams,
        response: { 204: z.null(), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await removePortfolioItem(db, storage, currentUser(request).userId, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me/portfolio/:id/:asset',
    {
      schema: {
        tags,
        security,
        description: "An item's thumbnail or web copy, or a PDF's document: what the public sees while I am listed.",
        params: AssetParams,
        response: { 200: z.any().describe('the bytes, with their media type'), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const item = await ownItem(currentUser(request).userId, request.params.id);
      return sendPortfolioAsset(reply, storage, item, request.params.asset, 'private, max-age=60');
    },
  );
};

export default myPortfolioRoutes;
