import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.ts';
import { createService, updateService } from '../../services/catalogue.ts';
import { hashBody, idempotent } from '../idempotency.ts';
import { afterCursor, orderForPaging, PageQuery, pageOf, toPage } from '../pagination.ts';
import { IdempotencyHeaders, IdParams, problemResponses } from '../schemas.ts';
import { CatalogueServiceView, catalogueServiceView, ServiceKind } from './order-views.ts';

// The service catalogue (E-LEGAL §6): anyone may browse it; admins add services and edit
// prices. Orders copy the price when placed (PAY-4), so an edit never changes an existing order.

const Minor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const ServiceBody = z.object({
  kind: ServiceKind,
  title: z.string().trim().min(3).max(200),
  description: z.string().max(5000).default(''),
  price: Minor.describe('minor units; per page for document_review and translation (EL-DOC-2)'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like AZN'),
  docDays: z.number().int().nullable().default(null),
  commissionBps: z.number().int().min(0).max(10_000).default(2000),
  contractTemplateId: z.string().max(100).nullable().default(null),
  subscriptionUnit: z.enum(['week', 'month', 'quarter']).nullable().default(null),
  subscriptionPeriods: z.number().int().min(1).max(120).nullable().default(null),
  active: z.boolean().default(true),
});
const ServiceChanges = z
  .object({
    title: z.string().trim().min(3).max(200),
    description: z.string().max(5000),
    price: Minor,
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like AZN'),
    docDays: z.number().int().nullable(),
    commissionBps: z.number().int().min(0).max(10_000),
    active: z.boolean(),
  })
  .partial()
  .refine((changes) => Object.keys(changes).length > 0, 'change at least one field');

const catalogueRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const tags = ['catalogue'];
  const security = [{ bearerAuth: [] }];

  app.get(
    '/catalogue',
    {
      schema: {
        tags,
        description: 'The services on offer with their current prices (public).',
        querystring: PageQuery.extend({ kind: ServiceKind.optional() }),
        response: { 200: pageOf(CatalogueServiceView), ...problemResponses(400) },
      },
    },
    async (request) => {
      const { limit, cursor, kind } = request.query;
      const rows = await db.catalogueService.findMany({
        where: { active: true, ...(kind && { kind }), ...afterCursor(cursor) },
        orderBy: orderForPaging(),
        take: limit + 1,
      });
      return toPage(rows, limit, (row) => row.createdAt, catalogueServiceView);
    },
  );

  app.get(
    '/catalogue/:id',
    { schema: { tags, params: IdParams, response: { 200: CatalogueServiceView, ...problemResponses(400, 404) } } },
    async (request) => {
      const row = await db.catalogueService.findUnique({ where: { id: request.params.id } });
      if (!row || !row.active) throw new DomainError('NOT_FOUND', 'No such service.');
      return catalogueServiceView(row);
    },
  );

  app.post(
    '/admin/catalogue',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags,
        security,
        headers: IdempotencyHeaders,
        body: ServiceBody,
        response: { 201: CatalogueServiceView, ...problemResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const { body } = await idempotent(db, request, reply, { status: 201, requestHash: hashBody(request.body) }, async () =>
        catalogueServiceView(await createService(db, request.body)),
      );
      return reply.header('location', `/v1/catalogue/${body.id}`).send(body);
    },
  );

  app.patch(
    '/admin/catalogue/:id',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags,
        security,
        description: 'Edits a service (e.g. its price). Orders already placed keep their price (PAY-4).',
        params: IdParams,
        body: ServiceChanges,
        response: { 200: CatalogueServiceView, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => catalogueServiceView(await updateService(db, request.params.id, request.body)),
  );
};

export default catalogueRoutes;
