import type { FastifyRequest } from 'fastify';
import type { Db } from '../infra/db.ts';
import { requireVettedSpecialist } from '../services/specialists/vetting.ts';
import { currentUser } from './plugins/auth.ts';

/**
 * CHAT-1: an onRequest hook, after authentication, for routes that show clients' data: a
 * specialist whose credentials an admin has not approved gets 403 SPECIALIST_NOT_VETTED.
 * Other roles pass (the route's own role check decides for them).
 */
export const vettedSpecialistsOnly =
  (db: Db) =>
  async (request: FastifyRequest): Promise<void> => {
    const user = currentUser(request);
    if (user.role === 'specialist') await requireVettedSpecialist(db, user.userId);
  };
