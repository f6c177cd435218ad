import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import { refundQuote, splitByShare } from '../../../domain/orders/refund-policy.ts';
import { liveOrderState, readingAfter, readOrderFor, sendOrderCommand } from '../../../services/orders/commands.ts';
import { placeOrder } from '../../../services/orders/placement.ts';
import {
  agreeToProposal,
  cancelOrder,
  requestCallExtension,
  requestLanguage,
  supplyClarification,
} from '../../../domain/orders/contract.ts';
import { hashBody, idempotent } from '../../idempotency.ts';
import { attachClarificationFiles } from '../../../services/orders/documents.ts';
import { listOrders, orderDocuments, orderRow } from '../../../services/orders/read-models/orders.ts';
import { PageQuery, pageOf, pageRequest, toPage } from '../../pagination.ts';
import { currentUser } from '../../plugins/auth.ts';
import { vettedSpecialistsOnly } from '../../specialist-gate.ts';
import { IdempotencyHeaders, IdParams, problemResponses, Uuid } from '../../schemas.ts';
import { CheckoutView, OrderDetail, orderDetail, OrderView, orderView, OutcomeView, outcomeView, RefundQuoteView } from './views.ts';
import { ORDER_DOCUMENT_ROLES } from '../../../domain/orders/enums.ts';
import { SERVICE_LANGUAGES } from '../../../domain/orders/model.ts';

// The client's side of an order (EL-ORD-1…4, EL-REF-1/2): place, pay, follow, clarify, cancel.
const orderRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, temporal, storage, config, faults } = app.deps;
  const queryTimeoutMs = config.WORKFLOW_QUERY_TIMEOUT_MS;
  const tags = ['orders'];
  const security = [{ bearerAuth: [] }];
  const asClient = app.requireRole('client');
  // CHAT-1: a specialist sees a queued order's client data only with approved credentials.
  const readers = [app.authenticate, vettedSpecialistsOnly(db)];
  const by = (request: Parameters<typeof currentUser>[0]) => {
    const user = currentUser(request);
    return { userId: user.userId, role: user.role };
  };

  app.post(
    '/',
    {
      onRequest: asClient,
      schema: {
        tags,
        security,
        // Required here, not optional as elsewhere: the order id derives from it, so a retried request
        // can never make a second order (and a second order needs a new key).
        headers: z.object({ 'idempotency-key': IdempotencyHeaders.shape['idempotency-key'].unwrap() }),
        description:
          'EL-ORD-1/2: places an order and opens its payment; go to `checkoutUrl` to pay. Unpaid, it expires with no obligation. Send a fresh Idempotency-Key per order; retries with the same key return the same order.',
        body: z.object({
          serviceId: Uuid,
          form: z.record(z.string(), z.unknown()).default({}).describe('the order form: the question, facts, wishes'),
          documentFileIds: z.array(Uuid).max(20).default([]),
          slot: z.string().max(40).optional().describe('EL-ORAL-1: oral advice time, ≥ 48 h ahead; without an offset it is Baku time'),
          declaredPages: z.number().int().min(1).max(10_000).optional().describe('EL-DOC-2: page count of attached Word files'),
          contract: z.object({ templateId: z.string().max(100), fields: z.record(z.string(), z.unknown()) }).optional(),
          previousOrderId: Uuid.optional().describe('EL-CRT-1: the lower instance this court order continues'),
          language: z
            .enum(SERVICE_LANGUAGES)
            .optional()
            .describe('EL-LANG-1: services are given in Azerbaijani; another language is asked of the lawyer, who accepts or declines'),
        }),
        response: { 201: CheckoutView.extend({ order: OrderView }), ...problemResponses(400, 401, 403, 409, 422, 503) },
      },
    },
    async (request, reply) => {
      const clientId = by(request).userId;
      const key = request.headers['idempotency-key'];
      const { body } = await idempotent(db, request, reply, { status: 201, requestHash: hashBody(request.body) }, async () => {
        const placed = await placeOrder(
          { db, temporal, storage, paymentWindowMinutes: config.ORDER_PAYMENT_WINDOW_MINUTES, faults },
          clientId,
          request.body,
          key,
        );
        const row = await orderRow(db, placed.orderId);
        return { orderId: placed.orderId, paymentId: placed.paymentId, checkoutUrl: placed.checkoutUrl, order: orderView(row) };
      });
      return reply.header('location', `/v1/orders/${body.orderId}`).send(body);
    },
  );

  app.get(
    '/',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        description: 'My orders as a client, newest first.',
        querystring: PageQuery,
        response: { 200: pageOf(OrderView), ...problemResponses(400, 401) },
      },
    },
    async (request) => {
      const rows = await listOrders(db, { clientId: by(request).userId }, pageRequest(request.query));
      return toPage(rows, request.query.limit, (row) => row.createdAt, orderView);
    },
  );

  app.get(
    '/:id',
    {
      onRequest: readers,
      schema: {
        tags,
        security,
        params: IdParams,
        description:
          "The order with its workflow's live state (`source: workflow`). If the workflow does not answer within " +
          'WORKFLOW_QUERY_TIMEOUT_MS (2 s by default; no worker running, Temporal unreachable) the answer comes at once from ' +
          'the database copy instead (`source: mirror`), as fresh as `mirroredAt`. 404 for anyone who may not see the order.',
        response: { 200: OrderDetail, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => orderDetail(await readOrderFor(db, temporal, request.params.id, by(request), queryTimeoutMs)),
  );

  app.get(
    '/:id/checkout',
    {
      onRequest: asClient,
      schema: {
        tags,
        security,
        params: IdParams,
        description: 'Where to pay an unpaid order.',
        response: { 200: CheckoutView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      // Read from the state, not the `checkout` update: a page reload must not add events to the
      // history, and a closed workflow is answered by liveOrderState's mapping (orders-api change).
      const state = await liveOrderState(db, temporal, request.params.id, by(request), queryTimeoutMs);
      const charge = state.charges.find((c) => c.purpose === 'order');
      if (state.outcome || charge?.status !== 'awaiting_payment' || !charge.paymentId || !charge.checkoutUrl) {
        throw new DomainError('ORDER_STATE_CONFLICT', 'The order is not waiting for payment.');
      }
      return { orderId: state.orderId, paymentId: charge.paymentId, checkoutUrl: charge.checkoutUrl };
    },
  );

  app.get(
    '/:id/refund-quote',
    {
      onRequest: asClient,
      schema: {
        tags,
        security,
        params: IdParams,
        description: 'EL-REF-1: what a cancellation now returns, valid until `validUntil`.',
        response: { 200: RefundQuoteView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const state = await liveOrderState(db, temporal, request.params.id, by(request), queryTimeoutMs);
      if (state.paidAt === null) throw new DomainError('ORDER_STATE_CONFLICT', 'Nothing was paid: cancelling costs nothing.');
      if (state.deliverables.length > 0)
        throw new DomainError('ORDER_ALREADY_DELIVERED', 'A delivered service is not refunded (EL-REF-2).');
      const quote = refundQuote(state.price, state.paidAt, Date.now());
      // Later payments (call extension, page difference) are split by the same share.
      const paid = state.charges.filter((c) => c.paidAt !== null);
      const parts = paid.map((c) => splitByShare(c.amount, quote.refundBps));
      return {
        ...quote,
        refunded: parts.reduce((sum, p) => sum + p.refunded, 0),
        kept: parts.reduce((sum, p) => sum + p.kept, 0),
        quotedAt: new Date(quote.quotedAt).toISOString(),
        validUntil: quote.validUntil === null ? null : new Date(quote.validUntil).toISOString(),
      };
    },
  );

  app.post(
    '/:id/cancel',
    {
      onRequest: asClient,
      schema: {
        tags,
        security,
        params: IdParams,
        description: 'EL-REF-1: confirm the quoted share; a quote past its tier boundary is refused (REFUND_QUOTE_EXPIRED).',
        body: z.object({ acceptedRefundBps: z.number().int().min(0).max(10_000) }),
        response: { 200: OutcomeView, ...problemResponses(400, 401, 403, 404, 409, 503) },
      },
    },
    async (request) =>
      outcomeView(await sendOrderCommand(db, temporal, request.params.id, cancelOrder, { by: by(request), ...request.body })),
  );

  app.post(
    '/:id/clarifications',
    {
      onRequest: asClient,
      schema: {
        tags,
        security,
        params: IdParams,
        description: 'EL-ORD-4: clarifications or more documents; the service time starts again from now.',
        body: z.object({ note: z.string().trim().min(1).max(5000), fileIds: z.array(Uuid).max(20).default([]) }),
        response: { 200: OrderDetail, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { order } = await readOrderFor(db, temporal, request.params.id, by(request), queryTimeoutMs);
      await attachClarificationFiles(db, order, request.body.fileIds);
      const state = await sendOrderCommand(db, temporal, order.id, supplyClarification, { by: by(request), ...request.body });
      return orderDetail(await readingAfter(db, order.id, state));
    },
  );

  app.post(
    '/:id/language-request',
    {
      onRequest: asClient,
      schema: {
        tags,
        security,
        params: IdParams,
        description:
          'EL-LANG-1: services are given in Azerbaijani, the state language (§5.8); ask for another language here. The lawyer on ' +
          'the order accepts or declines; until then the service stays in the agreed language (`state.language`).',
        body: z.object({ language: z.enum(SERVICE_LANGUAGES) }),
        response: { 200: OrderDetail, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const state = await sendOrderCommand(db, temporal, request.params.id, requestLanguage, { by: by(request), ...request.body });
      return orderDetail(await readingAfter(db, request.params.id, state));
    },
  );

  app.post(
    '/:id/agreement',
    {
      onRequest: asClient,
      schema: {
        tags,
        security,
        params: IdParams,
        description: "EL-ORAL-2 / EL-DOC-1: agree to the lawyer's proposed new time or extra days.",
        response: { 200: OrderDetail, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const state = await sendOrderCommand(db, temporal, request.params.id, agreeToProposal, { by: by(request) });
      return orderDetail(await readingAfter(db, request.params.id, state));
    },
  );

  app.post(
    '/:id/call-extension',
    {
      onRequest: asClient,
      schema: {
        tags,
        security,
        params: IdParams,
        description: 'EL-ORAL-3: pay for 30 more minutes at the same tariff.',
        response: { 200: CheckoutView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ({
      orderId: request.params.id,
      ...(await sendOrderCommand(db, temporal, request.params.id, requestCallExtension, { by: by(request) })),
    }),
  );

  app.get(
    '/:id/documents',
    {
      onRequest: readers,
      schema: {
        tags,
        security,
        params: IdParams,
        description: 'EL-ORD-2 / EL-DONE-1: the documents of an order; download each through /v1/files/{fileId}/content.',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                fileId: z.string(),
                role: z.enum(ORDER_DOCUMENT_ROLES),
                pages: z.number().int().nullable(),
                originalName: z.string(),
                mediaType: z.string(),
              }),
            ),
          }),
          ...problemResponses(400, 401, 404),
        },
      },
    },
    async (request) => {
      // Decided on the workflow's state: the lawyer who just took the order reads its documents at once.
      const { order } = await readOrderFor(db, temporal, request.params.id, by(request), queryTimeoutMs);
      return { items: await orderDocuments(db, order.id) };
    },
  );
};

export default orderRoutes;
