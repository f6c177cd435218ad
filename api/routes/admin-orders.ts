import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.ts';
import { readableOrder } from '../../services/order-access.ts';
import { actorOf, orderUpdate } from '../../services/order-commands.ts';
import { assignLawyer, refuseOrder } from '../../workflows/order-messages.ts';
import { afterCursor, orderForPaging, PageQuery, pageOf, toPage } from '../pagination.ts';
import { currentUser } from '../plugins/auth.ts';
import { IdParams, problemResponses, Uuid } from '../schemas.ts';
import { OrderDetail, orderDetail, OrderOutcomeView, outcomeView, OrderStatus, OrderView, orderView } from './order-views.ts';

// Administrators: every order, the overdue list (deadline passed, not delivered), assigning
// a lawyer (EL-ORD-3) and refusing a service (EL-REF-3, §10.4). Lists read the DB mirror.

const adminOrdersRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, temporal } = app.deps;
  const tags = ['admin', 'orders'];
  const security = [{ bearerAuth: [] }];
  app.addHook('onRequest', app.requireRole('admin'));

  app.get(
    '/admin/orders',
    {
      schema: {
        tags, security, description: 'All orders, newest first, optionally filtered.',
        querystring: PageQuery.extend({ status: OrderStatus.optional(), clientId: Uuid.optional(), lawyerId: Uuid.optional() }),
        response: { 200: pageOf(OrderView), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit, cursor, status, clientId, lawyerId } = request.query;
      const rows = await db.order.findMany({
        where: { ...(status && { status }), ...(clientId && { clientId }), ...(lawyerId && { lawyerId }), ...afterCursor(cursor) },
        orderBy: orderForPaging(),
        take: limit + 1,
      });
      return toPage(rows, limit, (row) => row.createdAt, orderView);
    },
  );

  app.get(
    '/admin/orders/overdue',
    {
      schema: {
        tags, security, description: 'Open orders whose delivery deadline has passed (`overdueSince` set by the workflow).',
        querystring: PageQuery,
        response: { 200: pageOf(OrderView), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const rows = await db.order.findMany({
        where: { overdueSince: { not: null }, ...afterCursor(cursor) },
        orderBy: orderForPaging(),
        take: limit + 1,
      });
      return toPage(rows, limit, (row) => row.createdAt, orderView);
    },
  );

  app.post(
    '/admin/orders/:id/assignment',
    {
      schema: {
        tags, security, params: IdParams, body: z.object({ lawyerId: Uuid }),
        description: 'EL-ORD-3: assigns a lawyer (role `specialist`) to a paid order, or replaces the assigned one.',
        response: { 200: OrderDetail, ...problemResponses(400, 401, 403, 404, 409, 422, 503) },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const order = await readableOrder(db, request.params.id, user);
      const lawyer = await db.user.findUnique({ where: { id: request.body.lawyerId } });
      if (!lawyer || lawyer.role !== 'specialist' || lawyer.suspendedAt !== null) {
        throw new DomainError('VALIDATION_FAILED', 'Assign an active lawyer.', [{ path: 'lawyerId', message: 'no active user with the role specialist' }]);
      }
      return orderDetail(order, await orderUpdate(temporal, order, assignLawyer, { by: actorOf(user), lawyerId: lawyer.id }));
    },
  );

  app.post(
    '/admin/orders/:id/refusal',
    {
      schema: {
        tags, security, params: IdParams, body: z.object({ reason: z.string().trim().min(3).max(2000) }),
        description: 'EL-REF-3: the platform refuses the service; 85 % of a paid price goes back.',
        response: { 200: OrderOutcomeView, ...problemResponses(400, 401, 403, 404, 409, 503) },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const order = await readableOrder(db, request.params.id, user);
      return outcomeView(await orderUpdate(temporal, order, refuseOrder, { by: actorOf(user), reason: request.body.reason }));
    },
  );
};

export default adminOrdersRoutes;
