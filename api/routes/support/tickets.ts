import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { registerInbound } from '../../../services/support/intake.ts';
import { findTicket, liveTicketState, runOperatorCommand, type OperatorCommand } from '../../../services/support/tickets.ts';
import { supportSettings } from '../../../services/support/ticket-workflows.ts';
import { ticketHistory, ticketQueue } from '../../../services/support/read-models/tickets.ts';
import { decodeQueueCursor, queueNextCursor } from './queue-cursor.ts';
import { decodeCursor, PageQuery, pageOf, toPage } from '../../pagination.ts';
import { currentUser } from '../../plugins/auth.ts';
import { IdempotencyHeaders, Phone, problemResponses, Uuid } from '../../schemas.ts';
import { Priority, Stir, TicketEventView, TicketNumberParams, TicketStatus, TicketView, ticketView } from './views.ts';
import { TICKET_QUESTION_TOPICS } from '../../../domain/tickets/contract.ts';

// Operator work (operators and admins/supervisors): log a phone call, the queue ordered by
// next deadline, a ticket with its history, and the commands of the ticket workflow.

const PhoneCall = z.object({
  phone: Phone,
  subject: z.string().trim().min(3).max(300),
  notes: z.string().trim().min(1).max(10_000),
  callId: z.string().min(1).max(200).optional().describe("The telephony system's call id; makes logging the same call twice harmless"),
  recordingUrl: z.url().optional().describe('SUP-7: link to the call recording, for quality review'),
  priority: Priority.optional(),
  customerName: z.string().trim().min(2).max(200).optional(),
  organisation: z.string().trim().min(2).max(300).optional(),
  stir: Stir.optional(),
});

const commandResponse = { 202: TicketView, ...problemResponses(400, 401, 403, 404, 409, 422) };

const supportRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, temporal, config } = app.deps;
  const deps = { db, temporal, settings: supportSettings(config) };
  const tags = ['support'];
  const security = [{ bearerAuth: [] }];
  app.addHook('onRequest', app.requireRole('operator', 'admin'));

  app.post(
    '/tickets',
    {
      schema: {
        tags,
        security,
        headers: IdempotencyHeaders,
        body: PhoneCall,
        description: 'Logs a phone call as a ticket (SUP-1). Idempotent on callId, else on the Idempotency-Key.',
        response: { 202: TicketView, ...problemResponses(400, 401, 403, 503) },
      },
    },
    async (request, reply) => {
      const call = request.body;
      const key = request.headers['idempotency-key'];
      const result = await registerInbound(deps, {
        channel: 'phone',
        externalId: call.callId ?? (key ? `key:${currentUser(request).userId}:${key}` : randomUUID()),
        subject: call.subject,
        body: call.notes,
        contact: { phone: call.phone },
        priority: call.priority,
        recordingUrl: call.recordingUrl,
        identity: { customerName: call.customerName, organisation: call.organisation, stir: call.stir },
      });
      const row = await findTicket(deps, result.number);
      // The workflow's state has the call's deadlines (and the first response met) from its first
      // step; the mirror shows them a moment later. The mirror answers if the workflow cannot.
      const live = await liveTicketState(deps, row.number).catch(() => undefined);
      return reply.code(202).header('location', `/v1/support/tickets/${row.number}`).send(ticketView(row, live));
    },
  );

  app.get(
    '/tickets',
    {
      schema: {
        tags,
        security,
        description: 'The queue: open tickets, the most urgent next deadline first (tickets without one last).',
        querystring: PageQuery.extend({ status: TicketStatus.optional() }),
        response: { 200: pageOf(TicketView), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit, cursor, status } = request.query;
      const rows = await ticketQueue(db, { status }, { limit, after: decodeQueueCursor(cursor) });
      return { items: rows.slice(0, limit).map((row) => ticketView(row)), nextCursor: queueNextCursor(rows, limit) };
    },
  );

  app.get(
    '/tickets/:number',
    { schema: { tags, security, params: TicketNumberParams, response: { 200: TicketView, ...problemResponses(400, 401, 403, 404) } } },
    async (request) => {
      const row = await findTicket(deps, request.params.number);
      // The workflow's own state is the freshest; the mirror answers if Temporal cannot.
      const live = await liveTicketState(deps, row.number).catch(() => undefined);
      return ticketView(row, live);
    },
  );

  app.get(
    '/tickets/:number/history',
    {
      schema: {
        tags,
        security,
        params: TicketNumberParams,
        description:
          "Every action, SLA warning, breach and escalation, oldest first. Page on with `cursor` = the last page's `nextCursor`.",
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(200),
          after: z.iso.datetime().optional().describe('Only entries after this instant'),
          cursor: z.string().max(200).optional(),
        }),
        response: { 200: pageOf(TicketEventView), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const row = await findTicket(deps, request.params.number);
      const { limit, after, cursor } = request.query;
      const events = await ticketHistory(
        db,
        row.id,
        { since: after === undefined ? undefined : new Date(after) },
        { limit, after: decodeCursor(cursor) },
      );
      return toPage(
        events,
        limit,
        (e) => e.at,
        (e) => ({ id: e.id, kind: e.kind, at: e.at.toISOString(), actorId: e.actorId, detail: e.detail }),
      );
    },
  );

  const command = <B extends z.ZodType>(
    path: string,
    description: string,
    body: B,
    toCommand: (body: z.infer<B>, userId: string) => OperatorCommand,
  ) =>
    app.post(
      `/tickets/:number/${path}`,
      { schema: { tags, security, description, params: TicketNumberParams, body, response: commandResponse } },
      async (request, reply) => {
        const userId = currentUser(request).userId;
        const state = await runOperatorCommand(deps, request.params.number, userId, toCommand(request.body as z.infer<B>, userId));
        return reply.code(202).send(ticketView(await findTicket(deps, request.params.number), state));
      },
    );

  command(
    'assign',
    'Assigns the ticket; without assigneeId the caller takes it.',
    z.object({ assigneeId: Uuid.optional() }),
    (b, userId) => ({ type: 'assign', assigneeId: b.assigneeId ?? userId }),
  );
  command(
    'reply',
    'Answers the customer; the first answer stops the first-response clock (SUP-3).',
    z.object({ message: z.string().trim().min(1).max(10_000) }),
    (b) => ({ type: 'reply', message: b.message }),
  );
  command(
    'ask',
    'Asks the customer (SUP-6) or requests name, organisation and STIR (about=identity, SUP-5). ' +
      'While the ticket waits, the resolution clock is paused when the policy says so (on by default: SUPPORT_PAUSE_RESOLUTION_WHILE_WAITING).',
    z.object({ message: z.string().trim().min(1).max(10_000), about: z.enum(TICKET_QUESTION_TOPICS).default('question') }),
    (b) => ({ type: 'askCustomer', message: b.message, about: b.about }),
  );
  command(
    'identity',
    'Records name, organisation and STIR (SUP-5), e.g. as told on the phone.',
    z.object({
      customerName: z.string().trim().min(2).max(200).optional(),
      organisation: z.string().trim().min(2).max(300).optional(),
      stir: Stir.optional(),
    }),
    (b) => ({ type: 'recordIdentity', identity: b }),
  );
  command(
    'priority',
    'Sets the priority; the resolution target is recomputed from registration (SUP-4).',
    z.object({ priority: Priority }),
    (b) => ({ type: 'setPriority', priority: b.priority }),
  );
  command(
    'resolve',
    "Resolves the ticket; needs the customer's identity (SUP-5).",
    z.object({ resolution: z.string().trim().min(1).max(10_000) }),
    (b) => ({ type: 'resolve', resolution: b.resolution }),
  );
  command(
    'reopen',
    'Reopens a resolved ticket within 7 days; the time it spent resolved does not count.',
    z.object({ reason: z.string().trim().min(1).max(2000) }),
    (b) => ({ type: 'reopen', reason: b.reason }),
  );
};

export default supportRoutes;
