import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { DomainError } from '../../../domain/errors.ts';
import { saveSpecialistProfile } from '../../../services/specialists/profiles.ts';
import { findOwnProfile } from '../../../services/specialists/read-models/directory.ts';
import { isVettedSpecialist, vettingOf } from '../../../services/specialists/vetting.ts';
import type { Db } from '../../../infra/db.ts';
import { currentUser } from '../../plugins/auth.ts';
import { problemResponses } from '../../schemas.ts';
import { MyProfileView, myProfileView, ProfileBody } from './views.ts';

// A specialist's own profile (CHAT-1), with where the vetting of their credentials stands: a
// rejection's reason is shown here; credentials are submitted through /v1/me/verifications.
const myProfileRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.deps;
  const tags = ['specialists'];
  const security = [{ bearerAuth: [] }];
  app.addHook('onRequest', app.requireRole('specialist'));

  app.get(
    '/me/specialist-profile',
    {
      schema: {
        tags,
        security,
        description: 'My profile as a specialist, whether it is listed, and the vetting of my credentials. 404 until first saved.',
        response: { 200: MyProfileView, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const userId = currentUser(request).userId;
      const profile = await findOwnProfile(db, userId);
      if (!profile) {
        throw new DomainError('NOT_FOUND', 'You have no specialist profile yet: create it with PUT /v1/me/specialist-profile.');
      }
      return viewOf(db, profile);
    },
  );

  app.put(
    '/me/specialist-profile',
    {
      schema: {
        tags,
        security,
        description:
          "Create or replace my public profile. It is listed once an admin approves a diploma, licence or advocate's certificate " +
          'submitted through POST /v1/me/verifications (CHAT-1).',
        body: ProfileBody,
        response: { 200: MyProfileView, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { name, photoFileId, biography, ...rest } = request.body;
      const profile = await saveSpecialistProfile(db, currentUser(request).userId, {
        ...rest,
        displayName: name,
        photoFileId: photoFileId ?? null,
        biography: biography ?? '',
      });
      return viewOf(db, profile);
    },
  );
};

async function viewOf(db: Db, profile: NonNullable<Awaited<ReturnType<typeof findOwnProfile>>>) {
  const [vetting, listed] = await Promise.all([vettingOf(db, profile.userId), isVettedSpecialist(db, profile.userId)]);
  return myProfileView(profile, vetting, listed);
}

export default myProfileRoutes;
