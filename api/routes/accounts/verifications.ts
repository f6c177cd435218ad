import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import { submitVerification } from '../../../services/accounts/verification.ts';
import { findVerification, listVerifications } from '../../../services/accounts/read-models/verifications.ts';
import { hashBody, idempotent } from '../../idempotency.ts';
import { PageQuery, pageOf, pageRequest, toPage } from '../../pagination.ts';
import { currentUser } from '../../plugins/auth.ts';
import { IdempotencyHeaders, IdParams, problemResponses, Uuid } from '../../schemas.ts';
import { VerificationKind, VerificationView, verificationView } from './verification-view.ts';

// ACC-4: submit a court act (16–17) or a representative's proof of authority; follow its status.
const verificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, temporal, faults } = app.deps;
  const tags = ['verifications'];
  const security = [{ bearerAuth: [] }];
  app.addHook('onRequest', app.authenticate);

  app.post(
    '/me/verifications',
    {
      schema: {
        tags,
        security,
        description: 'Starts the verification workflow; an admin decides. Answers 202 with a Location to follow.',
        headers: IdempotencyHeaders,
        body: z.object({
          kind: VerificationKind,
          documentFileId: Uuid,
          note: z.string().max(2000).optional(),
        }),
        response: { 202: VerificationView, ...problemResponses(400, 401, 403, 409, 422, 503) },
      },
    },
    async (request, reply) => {
      const userId = currentUser(request).userId;
      const { body } = await idempotent(db, request, reply, { status: 202, requestHash: hashBody(request.body) }, async () =>
        verificationView(await submitVerification({ db, temporal, faults }, userId, request.body, request.headers['idempotency-key'])),
      );
      return reply.header('location', `/v1/verifications/${body.id}`).send(body);
    },
  );

  app.get(
    '/me/verifications',
    { schema: { tags, security, querystring: PageQuery, response: { 200: pageOf(VerificationView), ...problemResponses(400, 401) } } },
    async (request) => {
      const rows = await listVerifications(db, { userId: currentUser(request).userId }, pageRequest(request.query));
      return toPage(rows, request.query.limit, (row) => row.submittedAt, verificationView);
    },
  );

  app.get(
    '/verifications/:id',
    { schema: { tags, security, params: IdParams, response: { 200: VerificationView, ...problemResponses(400, 401, 404) } } },
    async (request) => {
      const reader = currentUser(request);
      const row = await findVerification(db, request.params.id);
      if (!row || (row.userId !== reader.userId && reader.role !== 'admin')) {
        throw new DomainError('NOT_FOUND', 'No such verification request.');
      }
      return verificationView(row);
    },
  );
};

export default verificationRoutes;
