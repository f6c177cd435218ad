import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { COMPLAINT_DECISIONS, type ConsultationState } from '../../../domain/consultations/contract.ts';
import { decideComplaintAs } from '../../../services/consultations/arbitration.ts';
import { evidencePack } from '../../../services/consultations/evidence.ts';
import { acknowledgeEscalation, FLAG_REVIEW_OUTCOMES, reviewFlag } from '../../../services/consultations/flags.ts';
import { complaintQueue, flagQueue, openEscalations } from '../../../services/consultations/read-models/consultations.ts';
import { hashBody, idempotencyOf, idempotent } from '../../idempotency.ts';
import { PageQuery, pageOf, pageRequest, toPage } from '../../pagination.ts';
import { currentUser } from '../../plugins/auth.ts';
import { IdempotencyHeaders, IdParams, problemResponses } from '../../schemas.ts';
import { consultationView, ConsultationView, readingView } from './views.ts';

// Administrators and consultations: the complaint queue and its evidence (CHAT-5), the decision,
// the off-platform flags (CHAT-6, PAY-7) and the escalations.
const adminConsultationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, temporal, config, faults } = app.deps;
  const tags = ['admin: consultations'];
  const security = [{ bearerAuth: [] }];
  const opening = {
    db,
    temporal,
    faults,
    terms: { currency: config.CONSULTATION_CURRENCY, commissionBps: config.CONSULTATION_COMMISSION_BPS },
  };
  app.addHook('onRequest', app.requireRole('admin'));
  const by = (request: FastifyRequest) => ({ userId: currentUser(request).userId, role: currentUser(request).role });
  const iso = (d: Date | null) => (d === null ? null : d.toISOString());

  app.get(
    '/complaints',
    {
      schema: {
        tags,
        security,
        description: 'CHAT-5: consultations under complaint, the earliest decision deadline first (at most 100).',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) }),
        response: { 200: z.object({ items: z.array(ConsultationView) }), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const rows = await complaintQueue(db, request.query.limit);
      return { items: rows.map((row) => readingView({ row, state: row.state as unknown as ConsultationState | null, source: 'mirror' })) };
    },
  );

  const MessageView = z.object({
    id: z.string(),
    seq: z.string(),
    senderId: z.string().nullable(),
    kind: z.string(),
    body: z.string().nullable(),
    fileIds: z.array(z.string()),
    systemCode: z.string().nullable(),
    flagKinds: z.array(z.string()),
    createdAt: z.string(),
  });
  const FlagView = z
    .object({
      id: z.string(),
      consultationId: z.string(),
      conversationId: z.string(),
      messageId: z.string(),
      senderId: z.string(),
      kinds: z.array(z.string()),
      createdAt: z.string(),
      reviewedAt: z.string().nullable(),
      reviewOutcome: z.string().nullable(),
      reviewNote: z.string().nullable(),
    })
    .meta({ id: 'ConsultationFlag' });
  const flagView = (f: Awaited<ReturnType<typeof reviewFlag>>) => ({
    ...f,
    createdAt: f.createdAt.toISOString(),
    reviewedAt: iso(f.reviewedAt),
  });

  app.get(
    '/:id/evidence',
    {
      schema: {
        tags,
        security,
        params: IdParams,
        description:
          'CHAT-5: the evidence pack — the consultation (every offer version, payments, session, complaint), the ' +
          "conversation's transcript (newest 500 messages, oldest first), the payments as the acquirer recorded them, and the " +
          'off-platform flags.',
        response: {
          200: z.object({
            consultation: ConsultationView,
            transcript: z.array(MessageView),
            transcriptTruncated: z.boolean(),
            payments: z.array(
              z.object({
                id: z.string(),
                key: z.string(),
                amount: z.number().int(),
                currency: z.string(),
                status: z.string(),
                settledAt: z.string().nullable(),
                refunded: z.number().int(),
              }),
            ),
            flags: z.array(FlagView),
          }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const pack = await evidencePack(db, request.params.id);
      return {
        consultation: readingView({ row: pack.row, state: pack.state, source: 'mirror' }),
        transcript: pack.transcript.map((m) => ({
          id: m.id,
          seq: m.seq.toString(),
          senderId: m.senderId,
          kind: m.kind,
          body: m.body,
          fileIds: m.fileIds,
          systemCode: m.systemCode,
          flagKinds: m.flagKinds,
          createdAt: m.createdAt.toISOString(),
        })),
        transcriptTruncated: pack.transcriptTruncated,
        payments: pack.payments.map((p) => ({
          id: p.id,
          key: p.key,
          amount: Number(p.amount),
          currency: p.currency,
          status: p.status,
          settledAt: iso(p.settledAt),
          refunded: p.refunds.filter((r) => r.status !== 'failed').reduce((sum, r) => sum + Number(r.amount), 0),
        })),
        flags: pack.flags.map(flagView),
      };
    },
  );

  app.post(
    '/:id/complaint/decision',
    {
      schema: {
        tags,
        security,
        headers: IdempotencyHeaders,
        params: IdParams,
        description:
          "CHAT-5: decides the complaint. `reject`: the specialist keeps the earnings. `full_refund`: the price returns to the client's " +
          'balance. `partial_refund` with `refundAmount` (above 0, below the price): that amount returns to the client; the rest stays ' +
          'split as on completion. The client takes a refund from the balance to the card (PAY-6). `note` is posted in the chat.',
        body: z.object({
          decision: z.enum(COMPLAINT_DECISIONS),
          refundAmount: z.number().int().positive().optional().describe('minor units; only for partial_refund'),
          note: z.string().trim().min(1).max(4000).optional(),
        }),
        response: { 200: ConsultationView, ...problemResponses(400, 401, 403, 404, 409, 422, 503) },
      },
    },
    async (request, reply) => {
      const key = idempotencyOf(request)?.key ?? randomUUID();
      const { body } = await idempotent(db, request, reply, { status: 200, requestHash: hashBody(request.body) }, async () =>
        consultationView(await decideComplaintAs(opening, request.params.id, by(request), request.body, key), 'workflow'),
      );
      return reply.send(body);
    },
  );

  app.get(
    '/flags',
    {
      schema: {
        tags,
        security,
        description:
          'CHAT-6 / PAY-7: flagged messages asking to pay or contact outside the platform, newest first; `reviewed=true` for the done ones.',
        querystring: PageQuery.extend({ reviewed: z.enum(['true', 'false']).default('false') }),
        response: { 200: pageOf(FlagView), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit, cursor, reviewed } = request.query;
      const rows = await flagQueue(db, { reviewed: reviewed === 'true', page: pageRequest({ limit, cursor }) });
      return toPage(rows, limit, (row) => row.createdAt, flagView);
    },
  );

  app.post(
    '/flags/:id/review',
    {
      schema: {
        tags,
        security,
        params: IdParams,
        description:
          'CHAT-6: the verdict on a flag — `dismissed` (ordinary talk) or `confirmed` (PAY-7 broken). Once; repeating the same verdict is a no-op.',
        body: z.object({ outcome: z.enum(FLAG_REVIEW_OUTCOMES), note: z.string().trim().min(1).max(2000).optional() }),
        response: { 200: FlagView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => flagView(await reviewFlag(db, request.params.id, by(request).userId, request.body.outcome, request.body.note)),
  );

  const EscalationView = z.object({
    id: z.string(),
    consultationId: z.string(),
    reason: z.string(),
    detail: z.string(),
    createdAt: z.string(),
    acknowledgedAt: z.string().nullable(),
  });
  const escalationView = (e: Awaited<ReturnType<typeof acknowledgeEscalation>>) => ({
    id: e.id,
    consultationId: e.consultationId,
    reason: e.reason,
    detail: e.detail,
    createdAt: e.createdAt.toISOString(),
    acknowledgedAt: iso(e.acknowledgedAt),
  });

  app.get(
    '/escalations',
    {
      schema: {
        tags,
        security,
        description:
          'Overdue complaint decisions (CHAT-5) and repeated off-platform requests (CHAT-6) nobody has acknowledged, newest first.',
        querystring: PageQuery,
        response: { 200: pageOf(EscalationView), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const rows = await openEscalations(db, pageRequest(request.query));
      return toPage(rows, request.query.limit, (row) => row.createdAt, escalationView);
    },
  );

  app.post(
    '/escalations/:id/acknowledgement',
    {
      schema: {
        tags,
        security,
        params: IdParams,
        description: 'Acknowledges an escalation (it leaves the open list); repeating it is a no-op.',
        response: { 200: EscalationView, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => escalationView(await acknowledgeEscalation(db, request.params.id, by(request).userId)),
  );
};

export default adminConsultationRoutes;
