import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import { parseOrderDateTime } from '../../../domain/orders/deadlines.ts';
import type { OrderState } from '../../../domain/orders/model.ts';
import { readingAfter, readOrderFor, sendOrderCommand } from '../../../services/orders/commands.ts';
import {
  acceptOrder,
  answerLanguage,
  correctPageCount,
  deliver,
  endCall,
  extendDeadline,
  proposeExtension,
  proposeReschedule,
  recordExtraItem,
  reportClientNoShow,
  requestClarification,
  startCall,
} from '../../../domain/orders/contract.ts';
import { recordDeliverable, requireDeliverableFile } from '../../../services/orders/documents.ts';
import { lawyerQueue, listOrders } from '../../../services/orders/read-models/orders.ts';
import { PageQuery, pageOf, pageRequest, toPage } from '../../pagination.ts';
import { currentUser } from '../../plugins/auth.ts';
import { vettedSpecialistsOnly } from '../../specialist-gate.ts';
import { IdParams, problemResponses, Uuid } from '../../schemas.ts';
import { CheckoutView, OrderDetail, orderDetail, OrderView, orderView } from './views.ts';
import { EXTRA_ITEM_KINDS } from '../../../domain/orders/enums.ts';

// The lawyer's side of orders (EL-ORD-3, EL-WR-2, EL-DOC-1/3, EL-ORAL-2/3, EL-CRT-1, EL-DONE-1).
const orderStaffRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, temporal, config } = app.deps;
  const tags = ['orders: lawyers'];
  const security = [{ bearerAuth: [] }];
  // CHAT-1: every route here shows clients' data, so a specialist needs approved credentials first.
  const vetted = vettedSpecialistsOnly(db);
  const asLawyer = [app.requireRole('specialist'), vetted];
  const asLawyerOrAdmin = [app.requireRole('specialist', 'admin'), vetted];
  const by = (request: FastifyRequest) => {
    const user = currentUser(request);
    return { userId: user.userId, role: user.role };
  };
  // The state after the command, not the mirror the workflow writes a moment later.
  const detail = async (orderId: string, state: OrderState) => orderDetail(await readingAfter(db, orderId, state));
  const answers = { 200: OrderDetail, ...problemResponses(400, 401, 403, 404, 409, 422) };

  app.get(
    '/lawyer/queue',
    {
      onRequest: asLawyer,
      schema: {
        tags,
        security,
        description: 'Paid orders no lawyer has taken yet.',
        querystring: PageQuery,
        response: { 200: pageOf(OrderView), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const rows = await lawyerQueue(db, pageRequest(request.query));
      return toPage(rows, request.query.limit, (row) => row.createdAt, orderView);
    },
  );

  app.get(
    '/lawyer/orders',
    {
      onRequest: asLawyer,
      schema: {
        tags,
        security,
        description: 'Orders assigned to me.',
        querystring: PageQuery,
        response: { 200: pageOf(OrderView), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const rows = await listOrders(db, { lawyerId: by(request).userId }, pageRequest(request.query));
      return toPage(rows, request.query.limit, (row) => row.createdAt, orderView);
    },
  );

  app.post(
    '/orders/:id/accept',
    { onRequest: asLawyer, schema: { tags, security, params: IdParams, description: 'Take an order from the queue.', response: answers } },
    async (request) => detail(request.params.id, await sendOrderCommand(db, temporal, request.params.id, acceptOrder, { by: by(request) })),
  );

  app.post(
    '/orders/:id/language-request/answer',
    {
      onRequest: asLawyer,
      schema: {
        tags,
        security,
        params: IdParams,
        description: 'EL-LANG-1: accept or decline the language the client asked for; declined, the service stays in Azerbaijani.',
        body: z.object({ accept: z.boolean() }),
        response: answers,
      },
    },
    async (request) =>
      detail(
        request.params.id,
        await sendOrderCommand(db, temporal, request.params.id, answerLanguage, { by: by(request), ...request.body }),
      ),
  );

  app.post(
    '/orders/:id/deliveries',
    {
      onRequest: asLawyer,
      schema: {
        tags,
        security,
        params: IdParams,
        description: "EL-DONE-1: deliver the written result (an uploaded file of yours) to the client's cabinet.",
        body: z.object({ fileId: Uuid, note: z.string().max(2000).optional() }),
        response: answers,
      },
    },
    async (request) => {
      const { order } = await readOrderFor(db, temporal, request.params.id, by(request), config.WORKFLOW_QUERY_TIMEOUT_MS);
      const file = await requireDeliverableFile(db, request.body.fileId, by(request).userId);
      const state = await sendOrderCommand(db, temporal, order.id, deliver, { by: by(request), ...request.body });
      await recordDeliverable(db, order.id, file.id);
      return detail(order.id, state);
    },
  );

  app.post(
    '/orders/:id/deadline-extension',
    {
      onRequest: asLawyer,
      schema: {
        tags,
        security,
        params: IdParams,
        description: 'EL-WR-2: once, 4 calendar days, with a reason.',
        body: z.object({ reason: z.string().trim().min(3).max(2000) }),
        response: answers,
      },
    },
    async (request) =>
      detail(
        request.params.id,
        await sendOrderCommand(db, temporal, request.params.id, extendDeadline, { by: by(request), ...request.body }),
      ),
  );

  app.post(
    '/orders/:id/extension-proposal',
    {
      onRequest: asLawyer,
      schema: {
        tags,
        security,
        params: IdParams,
        description: 'EL-DOC-1: propose extra days; binding once the client agrees.',
        body: z.object({ days: z.number().int().min(1).max(30), reason: z.string().trim().min(3).max(2000) }),
        response: answers,
      },
    },
    async (request) =>
      detail(
        request.params.id,
        await sendOrderCommand(db, temporal, request.params.id, proposeExtension, { by: by(request), ...request.body }),
      ),
  );

  app.post(
    '/orders/:id/reschedule-proposal',
    {
      onRequest: asLawyer,
      schema: {
        tags,
        security,
        params: IdParams,
        description: 'EL-ORAL-2: propose a later time, at most 3 calendar days after the booked one.',
        body: z.object({ slot: z.string().max(40) }),
        response: answers,
      },
    },
    async (request) => {
      const slotAt = parseOrderDateTime(request.body.slot);
      if (slotAt === null)
        throw new DomainError('VALIDATION_FAILED', 'The new time is not a date-time.', [
          { path: 'slot', message: 'like 2026-12-01T10:00' },
        ]);
      return detail(
        request.params.id,
        await sendOrderCommand(db, temporal, request.params.id, proposeReschedule, { by: by(request), slotAt }),
      );
    },
  );

  app.post(
    '/orders/:id/clarification-requests',
    {
      onRequest: asLawyer,
      schema: {
        tags,
        security,
        params: IdParams,
        description: 'EL-ORD-4: ask the client; the clock restarts when they answer.',
        body: z.object({ question: z.string().trim().min(3).max(5000) }),
        response: answers,
      },
    },
    async (request) =>
      detail(
        request.params.id,
        await sendOrderCommand(db, temporal, request.params.id, requestClarification, { by: by(request), ...request.body }),
      ),
  );

  for (const [path, update, description] of [
    ['call/start', startCall, 'EL-ORAL-3: open the call (from 15 minutes before the slot); it is cut after 30 minutes.'],
    ['call/end', endCall, 'EL-ORAL-3: end the call; the service is delivered.'],
    ['call/client-no-show', reportClientNoShow, 'The client did not come (15 minutes after the slot): the service counts as given.'],
  ] as const) {
    app.post(
      `/orders/:id/${path}`,
      { onRequest: asLawyer, schema: { tags, security, params: IdParams, description, response: answers } },
      async (request) => detail(request.params.id, await sendOrderCommand(db, temporal, request.params.id, update, { by: by(request) })),
    );
  }

  app.post(
    '/orders/:id/page-count',
    {
      onRequest: asLawyerOrAdmin,
      schema: {
        tags,
        security,
        params: IdParams,
        description: 'EL-DOC-3: set the right page count of a Word file; the client has 3 calendar days to pay the difference.',
        body: z.object({ pages: z.number().int().min(1).max(10_000) }),
        response: { 200: CheckoutView, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => ({
      orderId: request.params.id,
      ...(await sendOrderCommand(db, temporal, request.params.id, correctPageCount, { by: by(request), ...request.body })),
    }),
  );

  app.post(
    '/orders/:id/extra-items',
    {
      onRequest: asLawyerOrAdmin,
      schema: {
        tags,
        security,
        params: IdParams,
        description: 'EL-CRT-1: a cost agreed apart from the price (travel outside Baku/Sumgayit/Absheron, state duty, power of attorney).',
        body: z.object({
          kind: z.enum(EXTRA_ITEM_KINDS),
          description: z.string().trim().min(3).max(500),
          amount: z.number().int().min(0),
          currency: z.string().regex(/^[A-Z]{3}$/),
        }),
        response: answers,
      },
    },
    async (request) =>
      detail(
        request.params.id,
        await sendOrderCommand(db, temporal, request.params.id, recordExtraItem, { by: by(request), item: request.body }),
      ),
  );
};

export default orderStaffRoutes;
