import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.ts';
import { parseOrderDateTime } from '../../domain/order-deadlines.ts';
import type { OrderState } from '../../domain/order-model.ts';
import { readableOrder, type OrderRow } from '../../services/order-access.ts';
import { actorOf, orderUpdate } from '../../services/order-commands.ts';
import {
  acceptOrder, deliver, endCall, extendDeadline, proposeExtension, proposeReschedule, reportClientNoShow, requestClarification, startCall,
  type Actor,
} from '../../workflows/order-messages.ts';
import { afterCursor, orderForPaging, PageQuery, pageOf, toPage } from '../pagination.ts';
import { currentUser } from '../plugins/auth.ts';
import { IdParams, problemResponses, Uuid } from '../schemas.ts';
import { OrderDetail, orderDetail, OrderStatus, OrderView, orderView } from './order-views.ts';

// Lawyers (role `specialist`): their queue and their orders, and the commands they send
// (EL-ORD-3 take, EL-DONE-1 deliver, EL-WR-2 / EL-DOC-1 extend, EL-ORAL-2/3 reschedule and call).
// The workflow's validators decide whether a command fits the order's state; a refusal comes
// back as the validator's error code.

const Reason = z.string().trim().min(3).max(2000);
const commandResponses = { 200: OrderDetail, ...problemResponses(400, 401, 403, 404, 409, 422, 503) };

const lawyerOrdersRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, temporal } = app.deps;
  const tags = ['lawyer'];
  const security = [{ bearerAuth: [] }];
  app.addHook('onRequest', app.requireRole('specialist'));

  const list = (path: string, description: string, where: (userId: string) => object) =>
    app.get(
      path,
      { schema: { tags, security, description, querystring: PageQuery.extend({ status: OrderStatus.optional() }), response: { 200: pageOf(OrderView), ...problemResponses(400, 401, 403) } } },
      async (request) => {
        const { limit, cursor, status } = request.query;
        const rows = await db.order.findMany({
          // The route's own condition comes last, so the status filter can only narrow it.
          where: { ...(status && { status }), ...where(currentUser(request).userId), ...afterCursor(cursor) },
          orderBy: orderForPaging(),
          take: limit + 1,
        });
        return toPage(rows, limit, (row) => row.createdAt, orderView);
      },
    );
  list('/lawyer/orders', 'My assigned orders, newest first.', (userId) => ({ lawyerId: userId }));
  list('/lawyer/orders/queue', 'Orders waiting for a lawyer; take one with POST …/acceptance.', () => ({ lawyerId: null, status: 'awaiting_lawyer' }));

  // One route per command: find the order the lawyer may see, send the update, show the result.
  function command<B extends z.ZodType>(path: string, description: string, body: B, send: (order: OrderRow, by: Actor, body: z.infer<B>) => Promise<OrderState>) {
    app.post(
      `/lawyer/orders/:id/${path}`,
      { schema: { tags, security, description, params: IdParams, body, response: commandResponses } },
      async (request) => {
        const user = currentUser(request);
        const order = await readableOrder(db, request.params.id, user);
        return orderDetail(order, await send(order, actorOf(user), request.body as z.infer<B>));
      },
    );
  }
  const noBody = z.object({}).default({});

  command('acceptance', 'EL-ORD-3: takes an order from the queue.', noBody, (order, by) => orderUpdate(temporal, order, acceptOrder, { by }));
  command(
    'deliveries',
    'EL-DONE-1: delivers the result: a file the lawyer uploaded (/v1/files); it lands in the client\'s cabinet.',
    z.object({ fileId: Uuid, note: z.string().max(2000).optional() }),
    async (order, by, { fileId, note }) => {
      const file = await db.storedFile.findUnique({ where: { id: fileId } });
      if (!file || file.ownerId !== by.userId) {
        throw new DomainError('VALIDATION_FAILED', 'Upload the result first, then refer to it.', [{ path: 'fileId', message: 'no such file of yours' }]);
      }
      return orderUpdate(temporal, order, deliver, { by, fileId, ...(note !== undefined && { note }) });
    },
  );
  command('clarification-requests', 'EL-ORD-4: asks the client for clarification.', z.object({ question: z.string().trim().min(3).max(5000) }),
    (order, by, { question }) => orderUpdate(temporal, order, requestClarification, { by, question }));
  command('deadline-extension', 'EL-WR-2: extends written advice once by 4 calendar days, with a reason.', z.object({ reason: Reason }),
    (order, by, { reason }) => orderUpdate(temporal, order, extendDeadline, { by, reason }));
  command('extension-proposals', 'EL-DOC-1: proposes extra days; binding once the client agrees.', z.object({ days: z.number().int().min(1).max(30), reason: Reason }),
    (order, by, { days, reason }) => orderUpdate(temporal, order, proposeExtension, { by, days, reason }));
  command(
    'reschedule-proposals',
    'EL-ORAL-2: proposes a later time (at most 3 calendar days after the booked one); binding once the client agrees.',
    z.object({ slotAt: z.string().max(40).describe('Baku time unless an offset is given') }),
    (order, by, { slotAt }) => {
      const slot = parseOrderDateTime(slotAt);
      if (slot === null) throw new DomainError('VALIDATION_FAILED', 'The time is not readable.', [{ path: 'slotAt', message: 'a date-time like 2026-11-27T10:00' }]);
      return orderUpdate(temporal, order, proposeReschedule, { by, slotAt: slot });
    },
  );
  command('call-start', 'EL-ORAL-3: opens the call (from 15 minutes before the slot); it lasts 30 minutes.', noBody, (order, by) => orderUpdate(temporal, order, startCall, { by }));
  command('call-end', 'EL-ORAL-3: ends the call; the consultation is delivered.', noBody, (order, by) => orderUpdate(temporal, order, endCall, { by }));
  command('client-no-show', 'The client did not come (15 minutes after the slot).', noBody, (order, by) => orderUpdate(temporal, order, reportClientNoShow, { by }));
};

export default lawyerOrdersRoutes;
