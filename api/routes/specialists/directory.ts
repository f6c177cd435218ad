import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import { findListedPhoto, findListedSpecialist, listSpecialists } from '../../../services/specialists/read-models/directory.ts';
import { pageOf } from '../../pagination.ts';
import { IdParams, problemResponses } from '../../schemas.ts';
import { decodeDirectoryCursor, DirectoryQuery, directoryPage, SpecialistView, specialistView } from './views.ts';

// CHAT-1: the public directory of specialists a client can start a chat with. Public: a visitor
// looks before registering. Only listed specialists (approved credentials, not suspended, ACC-6).
const directoryRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, storage } = app.deps;
  const tags = ['specialists'];
  const notListed = () => new DomainError('NOT_FOUND', 'No such specialist in the directory.');

  app.get(
    '/specialists',
    {
      schema: {
        tags,
        description:
          'CHAT-1: search listed specialists by name, area, language and city; filter by rating and price; sort; cursor pages (`?limit=&cursor=`, the cursor belongs to its sort).',
        querystring: DirectoryQuery,
        response: { 200: pageOf(SpecialistView), ...problemResponses(400) },
      },
    },
    async (request) => {
      const { limit, cursor, sort, q, area, language, city, minRating, maxPrice, currency } = request.query;
      if (maxPrice !== undefined && currency === undefined) {
        throw new DomainError('VALIDATION_FAILED', 'A maximum price needs its currency: prices in different currencies do not compare.', [
          { path: 'currency', message: 'required with maxPrice' },
        ]);
      }
      const filter = {
        name: q,
        area,
        language,
        city,
        minRatingCenti: minRating === undefined ? undefined : Math.round(minRating * 100),
        maxPrice: maxPrice === undefined ? undefined : BigInt(maxPrice),
        currency,
      };
      const rows = await listSpecialists(db, filter, sort, { limit, after: decodeDirectoryCursor(sort, cursor) });
      return directoryPage(rows, limit, sort);
    },
  );

  app.get(
    '/specialists/:id',
    {
      schema: {
        tags,
        description:
          "A listed specialist's public profile; 404 for anyone not listed (credentials not approved, suspended). " +
          'Their portfolio of works (ACC-7) is at GET /v1/specialists/{id}/portfolio.',
        params: IdParams,
        response: { 200: SpecialistView, ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const profile = await findListedSpecialist(db, request.params.id);
      if (!profile) throw notListed();
      return specialistView(profile);
    },
  );

  app.get(
    '/specialists/:id/photo',
    {
      schema: {
        tags,
        description: "A listed specialist's photo (JPEG or PNG).",
        params: IdParams,
        response: { 200: z.any().describe('the image bytes, with their media type'), ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const file = await findListedPhoto(db, request.params.id);
      if (!file) throw new DomainError('NOT_FOUND', 'This specialist has no photo in the directory.');
      return reply
        .type(file.mediaType)
        .header('content-length', file.sizeBytes)
        .header('cache-control', 'public, max-age=300')
        .header('x-content-type-options', 'nosniff')
        .send(await storage.read(file.storageKey));
    },
  );
};

export default directoryRoutes;
