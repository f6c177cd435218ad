import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.ts';
import { clientsOrder, readableOrder } from '../../services/order-access.ts';
import { cancellationQuote, openCheckoutOf, orderDocuments, orderFile } from '../../services/order-cabinet.ts';
import { actorOf, liveOrderState, orderUpdate } from '../../services/order-commands.ts';
import { placeOrder } from '../../services/order-placement.ts';
import { agreeToProposal, cancelOrder, requestCallExtension, supplyClarification } from '../../workflows/order-messages.ts';
import { hashBody, idempotent } from '../idempotency.ts';
import { afterCursor, orderForPaging, PageQuery, pageOf, toPage } from '../pagination.ts';
import { currentUser } from '../plugins/auth.ts';
import { IdParams, problemResponses, Uuid } from '../schemas.ts';
import {
  CheckoutView, OrderDetail, orderDetail, OrderDocumentView, OrderOutcomeView, outcomeView, OrderStatus, OrderView, orderView, PlacedOrder,
} from './order-views.ts';

// The client's side of orders (EL-ORD-1…4, EL-REF-1, EL-DONE-1): place and pay, follow,
// cancel after seeing the refund quote, answer the lawyer, download the results.

const PlaceOrderBody = z.object({
  serviceId: Uuid,
  request: z.string().trim().min(10, 'describe your question in at least 10 characters').max(20_000),
  documentFileIds: z.array(Uuid).max(20).default([]).refine((ids) => new Set(ids).size === ids.length, 'each file once'),
  declaredPages: z.record(Uuid, z.number().int().min(1).max(5000)).default({}).describe('EL-DOC-2: pages of each Word file'),
  slotAt: z.string().max(40).optional().describe('EL-ORAL-1: oral advice only; Baku time unless an offset is given'),
  contractFields: z.record(z.string().max(100), z.string().max(2000)).optional().describe('EL-CON-1: the template\'s fields'),
});

const RequiredIdempotencyKey = z.object({
  'idempotency-key': z.string().min(8).max(200).describe('Required: a retry with the same key returns the same order, never a second one.'),
});

const QuoteView = z.object({
  refundBps: z.number().int(),
  refunded: z.number().int(),
  kept: z.number().int(),
  paid: z.number().int(),
  policyVersion: z.string(),
  quotedAt: z.string(),
  validUntil: z.string().nullable().describe('confirm before this instant, or ask for a new quote'),
});

const ordersRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, temporal, storage, config } = app.deps;
  const tags = ['orders'];
  const security = [{ bearerAuth: [] }];
  app.addHook('onRequest', app.authenticate);

  app.post(
    '/orders',
    {
      onRequest: app.requireRole('client'),
      schema: {
        tags, security, headers: RequiredIdempotencyKey, body: PlaceOrderBody,
        description: 'EL-ORD-1/2: places an order and opens its payment; pay at `checkout.checkoutUrl`. An unpaid order expires.',
        response: { 201: PlacedOrder, ...problemResponses(400, 401, 403, 409, 422, 503) },
      },
    },
    async (request, reply) => {
      const userId = currentUser(request).userId;
      const key = request.headers['idempotency-key'];
      const deps = { db, temporal, storage, paymentWindowMinutes: config.ORDER_PAYMENT_WINDOW_MINUTES };
      const { body } = await idempotent(db, request, reply, { status: 201, requestHash: hashBody(request.body) }, async () => {
        const placed = await placeOrder(deps, userId, key, request.body);
        return { order: orderView(placed.order), checkout: placed.checkout };
      });
      return reply.header('location', `/v1/orders/${body.order.id}`).send(body);
    },
  );

  app.get(
    '/orders',
    {
      schema: {
        tags, security, description: 'My orders, newest first.',
        querystring: PageQuery.extend({ status: OrderStatus.optional() }),
        response: { 200: pageOf(OrderView), ...problemResponses(400, 401) },
      },
    },
    async (request) => {
      const { limit, cursor, status } = request.query;
      const rows = await db.order.findMany({
        where: { clientId: currentUser(request).userId, ...(status && { status }), ...afterCursor(cursor) },
        orderBy: orderForPaging(),
        take: limit + 1,
      });
      return toPage(rows, limit, (row) => row.createdAt, orderView);
    },
  );

  app.get(
    '/orders/:id',
    { schema: { tags, security, params: IdParams, response: { 200: OrderDetail, ...problemResponses(400, 401, 404, 503) } } },
    async (request) => {
      const order = await readableOrder(db, request.params.id, currentUser(request));
      return orderDetail(order, await liveOrderState(temporal, order.id));
    },
  );

  app.get(
    '/orders/:id/checkout',
    {
      schema: {
        tags, security, params: IdParams, description: 'Where to pay for the order (while it awaits payment).',
        response: { 200: CheckoutView, ...problemResponses(400, 401, 404, 409, 503) },
      },
    },
    async (request) => {
      const order = await clientsOrder(db, request.params.id, currentUser(request));
      const state = await liveOrderState(temporal, order.id);
      if (!state) throw new DomainError('ORDER_CLOSED', `The order is already ${order.status.replace(/_/g, ' ')}.`);
      return openCheckoutOf(state);
    },
  );

  app.get(
    '/orders/:id/cancellation-quote',
    {
      schema: {
        tags, security, params: IdParams,
        description: 'EL-REF-1: what a cancellation now would refund. Confirm with POST …/cancellation and `acceptedRefundBps`.',
        response: { 200: QuoteView, ...problemResponses(400, 401, 404, 409, 503) },
      },
    },
    async (request) => {
      const order = await clientsOrder(db, request.params.id, currentUser(request));
      const state = await liveOrderState(temporal, order.id);
      if (!state) throw new DomainError('ORDER_CLOSED', `The order is already ${order.status.replace(/_/g, ' ')}.`);
      const quote = cancellationQuote(state, Date.now());
      return { ...quote, quotedAt: new Date(quote.quotedAt).toISOString(), validUntil: quote.validUntil === null ? null : new Date(quote.validUntil).toISOString() };
    },
  );

  app.post(
    '/orders/:id/cancellation',
    {
      schema: {
        tags, security, params: IdParams, body: z.object({ acceptedRefundBps: z.number().int().min(0).max(10_000) }),
        description: 'EL-REF-1: cancels at the quoted share; a stale quote is refused (REFUND_QUOTE_EXPIRED).',
        response: { 200: OrderOutcomeView, ...problemResponses(400, 401, 403, 404, 409, 503) },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const order = await clientsOrder(db, request.params.id, user);
      return outcomeView(await orderUpdate(temporal, order, cancelOrder, { by: actorOf(user), acceptedRefundBps: request.body.acceptedRefundBps }));
    },
  );

  app.post(
    '/orders/:id/clarifications',
    {
      schema: {
        tags, security, params: IdParams,
        body: z.object({ note: z.string().trim().min(1).max(20_000), fileIds: z.array(Uuid).max(20).default([]) }),
        description: 'EL-ORD-4: answers the lawyer\'s question; the service time starts again.',
        response: { 200: OrderDetail, ...problemResponses(400, 401, 403, 404, 409, 503) },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const order = await clientsOrder(db, request.params.id, user);
      const { fileIds, note } = request.body;
      const own = await db.storedFile.count({ where: { id: { in: fileIds }, ownerId: user.userId } });
      if (own !== fileIds.length) throw new DomainError('VALIDATION_FAILED', 'Refer only to files you uploaded.', [{ path: 'fileIds', message: 'no such file of yours' }]);
      const state = await orderUpdate(temporal, order, supplyClarification, { by: actorOf(user), note, fileIds });
      await db.orderDocument.createMany({ data: fileIds.map((fileId) => ({ orderId: order.id, fileId, role: 'clarification' as const })), skipDuplicates: true });
      return orderDetail(order, state);
    },
  );

  app.post(
    '/orders/:id/proposal-agreement',
    {
      schema: {
        tags, security, params: IdParams, description: 'EL-ORAL-2 / EL-DOC-1: agrees to the lawyer\'s proposed time or extra days.',
        response: { 200: OrderDetail, ...problemResponses(400, 401, 403, 404, 409, 503) },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const order = await clientsOrder(db, request.params.id, user);
      return orderDetail(order, await orderUpdate(temporal, order, agreeToProposal, { by: actorOf(user) }));
    },
  );

  app.post(
    '/orders/:id/call-extension',
    {
      schema: {
        tags, security, params: IdParams, description: 'EL-ORAL-3: 30 more minutes at the same tariff; pay at `checkoutUrl`.',
        response: { 200: CheckoutView, ...problemResponses(400, 401, 403, 404, 409, 503) },
      },
    },
    async (request) => {
      const user = currentUser(request);
      return orderUpdate(temporal, await clientsOrder(db, request.params.id, user), requestCallExtension, { by: actorOf(user) });
    },
  );

  app.get(
    '/orders/:id/documents',
    {
      schema: {
        tags, security, params: IdParams, description: 'EL-DONE-1: the order\'s attachments, clarifications and deliverables.',
        response: { 200: z.object({ items: z.array(OrderDocumentView) }), ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const order = await readableOrder(db, request.params.id, currentUser(request));
      return { items: await orderDocuments(db, order.id) };
    },
  );

  app.get(
    '/orders/:id/documents/:fileId/content',
    {
      schema: {
        tags, security, params: z.object({ id: Uuid, fileId: Uuid }),
        response: { 200: z.any().describe('the file\'s bytes, with its media type'), ...problemResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const reader = currentUser(request);
      const order = await readableOrder(db, request.params.id, reader);
      const file = await orderFile(db, order, request.params.fileId, reader);
      return reply
        .type(file.mediaType)
        .header('content-length', file.sizeBytes)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.originalName)}`)
        .header('x-content-type-options', 'nosniff')
        .send(await storage.read(file.storageKey));
    },
  );
};

export default ordersRoutes;
