import { randomBytes, randomUUID } from 'node:crypto';
import type { App } from '../../api/app.ts';
import type { Db } from '../../infra/db.ts';

// Small factories: each call makes a new, unique user, so tests never share mutable fixtures.
let sequence = 0;

export function newRegistration(overrides: Record<string, unknown> = {}) {
  sequence += 1;
  const tag = `${process.pid}${sequence}${randomBytes(2).toString('hex')}`;
  return {
    email: `user-${tag}@example.test`,
    phone: `+99890${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
    password: 'correct horse battery',
    fullName: 'Aliyev Vali Karimovich',
    birthDate: '1990-04-12',
    ...overrides,
  };
}

export async function registerAndLogin(app: App, overrides: Record<string, unknown> = {}) {
  const registration = newRegistration(overrides);
  const registered = await app.inject({ method: 'POST', url: '/v1/auth/register', payload: registration });
  if (registered.statusCode !== 201) throw new Error(`register failed: ${registered.body}`);
  const login = await app.inject({
    method: 'POST',
    url: '/v1/auth/login',
    payload: { email: registration.email, password: registration.password },
  });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
  const user = registered.json<{ id: string; email: string }>();
  const tokens = login.json<{ accessToken: string; refreshToken: string }>();
  return { user, tokens, registration, auth: { authorization: `Bearer ${tokens.accessToken}` } };
}

// Admins are made by promoting a registered user directly in the database: the API has no
// way to create the first admin (README: ADMIN_EMAIL bootstrap).
export async function registerAdmin(app: App, db: Db) {
  const admin = await registerAndLogin(app);
  await db.user.update({ where: { id: admin.user.id }, data: { role: 'admin' } });
  return admin;
}

/**
 * CHAT-1: an approved credential for `userId`, written as the verification workflow leaves it
 * after an admin's approval (test/api/specialists.test.ts goes through the real workflow).
 */
export async function approveCredentialsDirectly(db: Db, userId: string): Promise<void> {
  const file = await db.storedFile.create({
    data: {
      ownerId: userId,
      originalName: 'diploma.pdf',
      mediaType: 'application/pdf',
      sizeBytes: 1,
      sha256: '0'.repeat(64),
      storageKey: `fixtures/${randomUUID()}`,
    },
  });
  await db.verificationRequest.create({
    data: { userId, kind: 'specialist_diploma', documentFileId: file.id, status: 'approved', decidedAt: new Date() },
  });
}

/** A registered specialist; `vetted` (the default) with approved credentials, as lawyers taking orders must be. */
export async function registerSpecialist(app: App, db: Db, options: { vetted?: boolean } = {}) {
  const specialist = await registerAndLogin(app);
  await db.user.update({ where: { id: specialist.user.id }, data: { role: 'specialist' } });
  if (options.vetted ?? true) await approveCredentialsDirectly(db, specialist.user.id);
  return specialist;
}
