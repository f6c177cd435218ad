import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { changeEmail, changePassword, getUser, updateProfile } from '../../../services/accounts/accounts.ts';
import { eligibilityOf } from '../../../services/accounts/eligibility.ts';
import { acceptTerms } from '../../../services/accounts/terms.ts';
import { currentUser } from '../../plugins/auth.ts';
import { Email, FullName, IsoDate, Password, problemResponses, UserView, userView } from '../../schemas.ts';
import { VerificationKind } from './verification-view.ts';
import { termsFor } from '../../../services/accounts/read-models/terms.ts';

const Eligibility = z.object({
  canOrder: z.boolean(),
  reasons: z.array(z.object({ code: z.string(), message: z.string() })),
  requiredVerification: z.array(VerificationKind).nullable(),
});

const TermsView = z.object({ version: z.string(), url: z.string(), publishedAt: z.string() });

// The cabinet's "Personal data" (ACC-3), Terms acceptance (ACC-5) and the order gate (ACC-4/5/6).
const meRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const tags = ['me'];
  const security = [{ bearerAuth: [] }];
  app.addHook('onRequest', app.authenticate);

  app.get('/', { schema: { tags, security, response: { 200: UserView, ...problemResponses(401, 403) } } }, async (request) =>
    userView(await getUser(db, currentUser(request).userId)),
  );

  app.patch(
    '/',
    {
      schema: {
        tags,
        security,
        body: z
          .object({ fullName: FullName.optional(), birthDate: IsoDate.nullable().optional() })
          .refine((body) => Object.keys(body).length > 0, 'send at least one field'),
        response: { 200: UserView, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => userView(await updateProfile(db, currentUser(request).userId, request.body)),
  );

  app.put(
    '/email',
    {
      schema: {
        tags,
        security,
        body: z.object({ newEmail: Email, currentPassword: z.string().min(1).max(200) }),
        response: { 200: UserView, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request) => userView(await changeEmail(db, currentUser(request).userId, request.body)),
  );

  app.put(
    '/password',
    {
      schema: {
        tags,
        security,
        description: 'Ends every other session: all refresh tokens are revoked.',
        body: z.object({ currentPassword: z.string().min(1).max(200), newPassword: Password }),
        response: { 204: z.null(), ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      await changePassword(db, currentUser(request).userId, request.body);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/terms',
    { schema: { tags, security, response: { 200: TermsView.extend({ acceptedAt: z.string().nullable() }) } } },
    async (request) => {
      const { terms, acceptedAt } = await termsFor(db, currentUser(request).userId);
      return {
        version: terms.version,
        url: terms.url,
        publishedAt: terms.publishedAt.toISOString(),
        acceptedAt: acceptedAt?.toISOString() ?? null,
      };
    },
  );

  app.post(
    '/terms-acceptances',
    {
      schema: {
        tags,
        security,
        description: 'ACC-5: accept the current Terms version. Accepting it again changes nothing.',
        body: z.object({ version: z.string().min(1).max(50) }),
        response: { 201: z.object({ version: z.string(), acceptedAt: z.string() }), ...problemResponses(400, 401, 403, 422) },
      },
    },
    async (request, reply) => {
      const acceptance = await acceptTerms(db, currentUser(request).userId, request.body.version);
      return reply.code(201).send({ version: acceptance.version, acceptedAt: acceptance.acceptedAt.toISOString() });
    },
  );

  app.get('/eligibility', { schema: { tags, security, response: { 200: Eligibility, ...problemResponses(401, 403) } } }, async (request) =>
    eligibilityOf(db, currentUser(request).userId),
  );
};

export default meRoutes;
