import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { readableOrder } from '../../services/order-access.ts';
import { actorOf, orderUpdate } from '../../services/order-commands.ts';
import { correctPageCount, recordExtraItem } from '../../workflows/order-messages.ts';
import { currentUser } from '../plugins/auth.ts';
import { IdParams, problemResponses } from '../schemas.ts';
import { CheckoutView, OrderDetail, orderDetail } from './order-views.ts';

// Corrections staff make to an order — the assigned lawyer or an admin (the workflow checks
// which): EL-DOC-3's corrected page count (the client pays the difference) and EL-CRT-1's
// costs agreed apart from the price.

const orderCorrectionsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, temporal } = app.deps;
  const tags = ['orders'];
  const security = [{ bearerAuth: [] }];
  app.addHook('onRequest', app.requireRole('specialist', 'admin'));

  app.post(
    '/orders/:id/page-count',
    {
      schema: {
        tags, security, params: IdParams, body: z.object({ pages: z.number().int().min(1).max(5000) }),
        description: 'EL-DOC-3: corrects an under-declared Word page count; the client has 3 calendar days to pay the difference at `checkoutUrl`.',
        response: { 200: CheckoutView, ...problemResponses(400, 401, 403, 404, 409, 503) },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const order = await readableOrder(db, request.params.id, user);
      return orderUpdate(temporal, order, correctPageCount, { by: actorOf(user), pages: request.body.pages });
    },
  );

  app.post(
    '/orders/:id/extra-items',
    {
      schema: {
        tags, security, params: IdParams,
        body: z.object({
          kind: z.enum(['travel', 'state_duty', 'power_of_attorney', 'other']),
          description: z.string().trim().min(3).max(500),
          amount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
          currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code like AZN'),
        }),
        description: 'EL-CRT-1: records a cost agreed with the client apart from the price (travel, state duty, power of attorney).',
        response: { 200: OrderDetail, ...problemResponses(400, 401, 403, 404, 409, 503) },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const order = await readableOrder(db, request.params.id, user);
      return orderDetail(order, await orderUpdate(temporal, order, recordExtraItem, { by: actorOf(user), item: request.body }));
    },
  );
};

export default orderCorrectionsRoutes;
