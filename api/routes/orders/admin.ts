import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import { ORDER_STATUSES } from '../../../domain/orders/model.ts';
import { readingAfter, sendOrderCommand } from '../../../services/orders/commands.ts';
import { assignLawyer, refuseOrder } from '../../../domain/orders/contract.ts';
import { isVettedSpecialist } from '../../../services/specialists/vetting.ts';
import { findUser } from '../../../services/accounts/read-models/users.ts';
import { listOrders } from '../../../services/orders/read-models/orders.ts';
import { PageQuery, pageOf, pageRequest, toPage } from '../../pagination.ts';
import { currentUser } from '../../plugins/auth.ts';
import { IdParams, problemResponses, Uuid } from '../../schemas.ts';
import { OrderDetail, orderDetail, OrderView, orderView, OutcomeView, outcomeView } from './views.ts';

// Administrators and orders: all orders, the overdue list, assigning a lawyer (EL-ORD-3) and
// refusing a service (EL-REF-3).
const adminOrderRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, temporal } = app.deps;
  const tags = ['admin'];
  const security = [{ bearerAuth: [] }];
  app.addHook('onRequest', app.requireRole('admin'));
  const by = (request: Parameters<typeof currentUser>[0]) => ({ userId: currentUser(request).userId, role: currentUser(request).role });

  app.get(
    '/',
    {
      schema: {
        tags,
        security,
        description: 'All orders, newest first, optionally of one status, client or lawyer.',
        querystring: PageQuery.extend({ status: z.enum(ORDER_STATUSES).optional(), clientId: Uuid.optional(), lawyerId: Uuid.optional() }),
        response: { 200: pageOf(OrderView), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit, cursor, status, clientId, lawyerId } = request.query;
      const rows = await listOrders(db, { status, clientId, lawyerId }, pageRequest({ limit, cursor }));
      return toPage(rows, limit, (row) => row.createdAt, orderView);
    },
  );

  app.get(
    '/overdue',
    {
      schema: {
        tags,
        security,
        description: 'Orders whose delivery deadline has passed, newest first.',
        querystring: PageQuery,
        response: { 200: pageOf(OrderView), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const rows = await listOrders(db, { overdue: true }, pageRequest(request.query));
      return toPage(rows, request.query.limit, (row) => row.createdAt, orderView);
    },
  );

  app.post(
    '/:id/assignment',
    {
      schema: {
        tags,
        security,
        params: IdParams,
        description: 'EL-ORD-3: route a paid order to a lawyer.',
        body: z.object({ lawyerId: Uuid }),
        response: { 200: OrderDetail, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const lawyer = await findUser(db, request.body.lawyerId);
      // CHAT-1: only a specialist whose credentials are approved may see a client's order.
      if (!lawyer || !(await isVettedSpecialist(db, lawyer.id))) {
        throw new DomainError('VALIDATION_FAILED', 'Assign an active lawyer whose credentials are approved.', [
          { path: 'lawyerId', message: 'not an active, vetted specialist' },
        ]);
      }
      const state = await sendOrderCommand(db, temporal, request.params.id, assignLawyer, { by: by(request), lawyerId: lawyer.id });
      return orderDetail(await readingAfter(db, request.params.id, state));
    },
  );

  app.post(
    '/:id/refusal',
    {
      schema: {
        tags,
        security,
        params: IdParams,
        description: 'EL-REF-3: the platform refuses the service (§10.4); the client gets the fee back minus 15 %.',
        body: z.object({ reason: z.string().trim().min(3).max(2000) }),
        response: { 200: OutcomeView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      outcomeView(await sendOrderCommand(db, temporal, request.params.id, refuseOrder, { by: by(request), ...request.body })),
  );
};

export default adminOrderRoutes;
