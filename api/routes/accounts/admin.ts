import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { setRole, setSuspension } from '../../../services/accounts/accounts.ts';
import { publishTerms } from '../../../services/accounts/terms.ts';
import { decide } from '../../../services/accounts/verification.ts';
import { listUsers } from '../../../services/accounts/read-models/users.ts';
import { listVerifications } from '../../../services/accounts/read-models/verifications.ts';
import { hashBody, idempotent } from '../../idempotency.ts';
import { PageQuery, pageOf, pageRequest, toPage } from '../../pagination.ts';
import { currentUser } from '../../plugins/auth.ts';
import { IdempotencyHeaders, IdParams, problemResponses, Role, UserView, userView } from '../../schemas.ts';
import {
  ACCOUNT_VERIFICATION_KINDS,
  SPECIALIST_CREDENTIAL_KINDS,
  VERIFICATION_KINDS,
  type VerificationKind as VerificationKindName,
} from '../../../domain/verification/contract.ts';
import { VerificationKind, VerificationStatus, VerificationView, verificationView } from './verification-view.ts';

const KINDS_OF_PURPOSE = { account: ACCOUNT_VERIFICATION_KINDS, specialist: SPECIALIST_CREDENTIAL_KINDS } as const;

// Administration: users (ACC-6 suspension, roles), verification decisions (ACC-4), Terms (ACC-5).
const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, temporal } = app.deps;
  const security = [{ bearerAuth: [] }];
  app.addHook('onRequest', app.requireRole('admin'));

  app.get(
    '/users',
    {
      schema: {
        tags: ['admin'],
        security,
        querystring: PageQuery.extend({ role: Role.optional(), suspended: z.enum(['true', 'false']).optional() }),
        response: { 200: pageOf(UserView), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit, cursor, role, suspended } = request.query;
      const filter = { role, suspended: suspended === undefined ? undefined : suspended === 'true' };
      const rows = await listUsers(db, filter, pageRequest({ limit, cursor }));
      return toPage(rows, limit, (row) => row.createdAt, userView);
    },
  );

  app.post(
    '/users/:id/suspension',
    {
      schema: {
        tags: ['admin'],
        security,
        description:
          'ACC-6: suspend an account registered with false data; its sessions end at once. An admin cannot suspend ' +
          'their own account (422 ADMIN_SELF_CHANGE) nor the last active admin (422 LAST_ADMIN).',
        params: IdParams,
        body: z.object({ reason: z.string().trim().min(3).max(500) }),
        response: { 200: UserView, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) => userView(await setSuspension(db, currentUser(request).userId, request.params.id, { reason: request.body.reason })),
  );

  app.delete(
    '/users/:id/suspension',
    { schema: { tags: ['admin'], security, params: IdParams, response: { 200: UserView, ...problemResponses(400, 401, 403, 404) } } },
    async (request) => userView(await setSuspension(db, currentUser(request).userId, request.params.id, null)),
  );

  app.put(
    '/users/:id/role',
    {
      schema: {
        tags: ['admin'],
        security,
        description: 'An admin cannot change their own role (422 ADMIN_SELF_CHANGE) nor demote the last active admin (422 LAST_ADMIN).',
        params: IdParams,
        body: z.object({ role: Role }),
        response: { 200: UserView, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) => userView(await setRole(db, currentUser(request).userId, request.params.id, request.body.role)),
  );

  app.get(
    '/verifications',
    {
      schema: {
        tags: ['admin'],
        security,
        description:
          'Verification requests, newest first. `purpose=account`: ACC-4 documents (a court act, a representative’s authority); ' +
          '`purpose=specialist`: CHAT-1 credentials (diploma, licence, advocate’s certificate); or one `kind`.',
        querystring: PageQuery.extend({
          status: VerificationStatus.optional(),
          purpose: z.enum(['account', 'specialist']).optional(),
          kind: VerificationKind.optional(),
        }),
        response: { 200: pageOf(VerificationView), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit, cursor, status, purpose, kind } = request.query;
      const ofPurpose: readonly VerificationKindName[] = purpose === undefined ? VERIFICATION_KINDS : KINDS_OF_PURPOSE[purpose];
      const kinds = purpose === undefined && kind === undefined ? undefined : ofPurpose.filter((k) => kind === undefined || k === kind);
      const rows = await listVerifications(db, { status, kinds }, pageRequest({ limit, cursor }));
      return toPage(rows, limit, (row) => row.submittedAt, verificationView);
    },
  );

  app.post(
    '/verifications/:id/decision',
    {
      schema: {
        tags: ['admin'],
        security,
        description: 'ACC-4: approve or reject. Answers 202: the workflow records the outcome and tells the user.',
        params: IdParams,
        body: z.discriminatedUnion('decision', [
          z.object({ decision: z.literal('approve'), reason: z.string().max(1000).optional() }),
          z.object({ decision: z.literal('reject'), reason: z.string().trim().min(3, 'say why, for the user').max(1000) }),
        ]),
        response: { 202: VerificationView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const admin = currentUser(request);
      const row = await decide(db, temporal, request.params.id, { ...request.body, adminId: admin.userId });
      return reply.code(202).header('location', `/v1/verifications/${row.id}`).send(verificationView(row));
    },
  );

  app.post(
    '/terms',
    {
      schema: {
        tags: ['admin'],
        security,
        description: 'ACC-5: publish a new Terms version; clients must accept it before their next order.',
        headers: IdempotencyHeaders,
        body: z.object({ version: z.string().trim().min(1).max(50), url: z.string().min(1).max(500) }),
        response: {
          201: z.object({ version: z.string(), url: z.string(), publishedAt: z.string() }),
          ...problemResponses(400, 401, 403, 409),
        },
      },
    },
    async (request, reply) => {
      const { body } = await idempotent(db, request, reply, { status: 201, requestHash: hashBody(request.body) }, async () => {
        const terms = await publishTerms(db, request.body);
        return { version: terms.version, url: terms.url, publishedAt: terms.publishedAt.toISOString() };
      });
      return body;
    },
  );
};

export default adminRoutes;
