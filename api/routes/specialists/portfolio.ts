import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import { findPortfolioItem, isPortfolioPublic, portfolioPage } from '../../../services/specialists/read-models/portfolio.ts';
import { PageQuery, pageOf } from '../../pagination.ts';
import { IdParams, problemResponses } from '../../schemas.ts';
import {
  decodePortfolioCursor,
  portfolioItemView,
  PortfolioItemView,
  portfolioLimits,
  portfolioPageOf,
  PublicItemParams,
  sendPortfolioAsset,
} from './portfolio-views.ts';

// ACC-7: a specialist's portfolio on the public profile. Public like the profile (a visitor
// looks before registering), and like it shown only while the specialist is listed (CHAT-1,
// ACC-6): for anyone else every route answers 404, assets included.
const portfolioRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, storage, config } = app.deps;
  const tags = ['specialists'];
  const requirePublic = async (specialistId: string) => {
    if (!(await isPortfolioPublic(db, specialistId))) throw new DomainError('NOT_FOUND', 'No such specialist in the directory.');
  };

  app.get(
    '/specialists/:id/portfolio',
    {
      schema: {
        tags,
        description: `ACC-7: a listed specialist's portfolio in its order, in cursor pages (\`?limit=&cursor=\`). ${portfolioLimits(config.UPLOAD_MAX_BYTES)}`,
        params: IdParams,
        querystring: PageQuery,
        response: { 200: pageOf(PortfolioItemView), ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      await requirePublic(request.params.id);
      const { limit, cursor } = request.query;
      const rows = await portfolioPage(db, request.params.id, { limit, after: decodePortfolioCursor(cursor) });
      return portfolioPageOf(rows, limit, (row) => portfolioItemView(row, 'public'));
    },
  );

  app.get(
    '/specialists/:id/portfolio/:itemId/:asset',
    {
      schema: {
        tags,
        description:
          "ACC-7: an item's thumbnail or web copy (WebP, metadata removed) or, for a PDF, the document (a download). " +
          "An image's original is not served.",
        params: PublicItemParams,
        response: { 200: z.any().describe('the bytes, with their media type'), ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const { id, itemId, asset } = request.params;
      await requirePublic(id);
      const item = await findPortfolioItem(db, id, itemId);
      if (!item) throw new DomainError('NOT_FOUND', 'No such work in this portfolio.');
      return sendPortfolioAsset(reply, storage, item, asset, 'public, max-age=300');
    },
  );
};

export default portfolioRoutes;
