import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app.ts';
import { setRole, setSuspension } from '../../services/accounts/accounts.ts';
import { registerAdmin, registerAndLogin } from '../support/factories.ts';
import { openCheckout } from '../support/payments.ts';
import { startStack, type Stack } from '../support/stack.ts';

// Issue 14 "API document and security": security headers and CORS by allow-list, login
// throttling per address, admins who cannot lock themselves (or everyone) out, and access
// tokens that are refused when malformed or revoked.

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

const get = (url: string, headers: Record<string, string> = {}) => stack.app.inject({ method: 'GET', url, headers });
const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  stack.app.inject({ method: 'POST', url, payload: payload as object, headers });

describe('issue 14: security headers and CORS', () => {
  it('security headers: every answer has nosniff and a CSP with frame-ancestors none; no CORS by default', async () => {
    const response = await get('/v1/catalogue', { origin: 'https://evil.example' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    const problem = await get('/v1/me');
    expect(problem.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('security headers: the checkout page has its own CSP (no scripts, forms to itself only) and cannot be framed', async () => {
    const client = await registerAndLogin(stack.app);
    const checkout = await openCheckout(stack, { payerUserId: client.user.id, amount: 5_000 });
    const page = await get(checkout.checkoutPath);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toBe("default-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    const reset = await get('/reset-password?token=abc');
    expect(reset.headers['content-security-policy']).toMatch(/^default-src 'none'; script-src 'sha256-[^']+'; .*frame-ancestors 'none'$/);
  });

  it('CORS: only the origins in CORS_ORIGINS are allowed, preflight included', async () => {
    const { config, db, temporal, storage, payments } = stack.app.deps;
    const app = await buildApp({ config: { ...config, CORS_ORIGINS: ['https://app.maslahat.uz'] }, db, temporal, storage, payments });
    try {
      const allowed = await app.inject({ method: 'GET', url: '/v1/catalogue', headers: { origin: 'https://app.maslahat.uz' } });
      expect(allowed.headers['access-control-allow-origin']).toBe('https://app.maslahat.uz');
      const preflight = await app.inject({
        method: 'OPTIONS',
        url: '/v1/orders',
        headers: {
          origin: 'https://app.maslahat.uz',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization',
        },
      });
      expect(preflight.statusCode).toBe(204);
      expect(preflight.headers['access-control-allow-methods']).toContain('POST');
      const other = await app.inject({ method: 'GET', url: '/v1/catalogue', headers: { origin: 'https://evil.example' } });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});

describe('issue 14: login throttling per address', () => {
  it('login throttling: 30 wrong logins with 30 different e-mails from one address hit 429 (password spraying)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      const response = await stack.app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        remoteAddress: '203.0.113.7',
        payload: { email: `spray-${i}-${randomUUID()}@example.test`, password: 'Summer2026!' },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 20)).toEqual(Array.from({ length: 20 }, () => 401));
    expect(statuses.slice(20)).toEqual(Array.from({ length: 10 }, () => 429));
    // Another address is not affected, and successful logins do not count.
    const user = await registerAndLogin(stack.app);
    const ok = await stack.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      remoteAddress: '203.0.113.8',
      payload: { email: user.registration.email, password: user.registration.password },
    });
    expect(ok.statusCode).toBe(200);
  });
});

describe('issue 14: admins cannot lock themselves out', () => {
  it('admin self-suspension and self-demotion are refused with 422 ADMIN_SELF_CHANGE; another admin may demote', async () => {
    const admin = await registerAdmin(stack.app, stack.database.db);
    const suspend = await post(`/v1/admin/users/${admin.user.id}/suspension`, { reason: 'testing myself' }, admin.auth);
    expect(suspend.statusCode, suspend.body).toBe(422);
    expect(suspend.json()).toMatchObject({ code: 'ADMIN_SELF_CHANGE' });
    const demote = await stack.app.inject({
      method: 'PUT',
      url: `/v1/admin/users/${admin.user.id}/role`,
      headers: admin.auth,
      payload: { role: 'client' },
    });
    expect(demote.statusCode, demote.body).toBe(422);
    expect(demote.json()).toMatchObject({ code: 'ADMIN_SELF_CHANGE' });
    expect((await get('/v1/me', admin.auth)).json()).toMatchObject({ role: 'admin', suspended: false });
    // Another admin may demote or suspend this one while admins remain.
    const other = await registerAdmin(stack.app, stack.database.db);
    const demoted = await stack.app.inject({
      method: 'PUT',
      url: `/v1/admin/users/${admin.user.id}/role`,
      headers: other.auth,
      payload: { role: 'client' },
    });
    expect(demoted.statusCode, demoted.body).toBe(200);
  });

  it('the last admin: two admins demoting each other at once leave one admin, never none', async () => {
    const { db } = stack.database;
    // Only these two are active admins.
    await db.user.updateMany({ where: { role: 'admin' }, data: { role: 'operator' } });
    const a = await registerAdmin(stack.app, db);
    const b = await registerAdmin(stack.app, db);
    const demote = (actor: typeof a, target: typeof a) =>
      stack.app.inject({ method: 'PUT', url: `/v1/admin/users/${target.user.id}/role`, headers: actor.auth, payload: { role: 'client' } });
    const answers = await Promise.all([demote(a, b), demote(b, a)]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, expect.any(Number)]);
    const refused = answers.find((r) => r.statusCode !== 200)!;
    expect([403, 422]).toContain(refused.statusCode);
    expect(await db.user.count({ where: { role: 'admin', suspendedAt: null } })).toBe(1);
  });

  it('the last admin: a request that passed its role check just before losing it cannot demote or suspend the last active admin', async () => {
    const { db } = stack.database;
    await db.user.updateMany({ where: { role: 'admin' }, data: { role: 'operator' } });
    const a = await registerAdmin(stack.app, db);
    const b = await registerAdmin(stack.app, db);
    // As in a race: a's request was authorised as an admin, then b demoted a.
    await db.user.update({ where: { id: a.user.id }, data: { role: 'client' } });
    await expect(setRole(db, a.user.id, b.user.id, 'client')).rejects.toMatchObject({ code: 'LAST_ADMIN' });
    await expect(setSuspension(db, a.user.id, b.user.id, { reason: 'race' })).rejects.toMatchObject({ code: 'LAST_ADMIN' });
    expect(await db.user.findUniqueOrThrow({ where: { id: b.user.id } })).toMatchObject({ role: 'admin', suspendedAt: null });
  });
});

describe('issue 14: access tokens', () => {
  const forge = (claims: { sub: string; exp?: boolean; sid?: string }) => {
    let jwt = new SignJWT({ role: 'client', ...(claims.sid && { sid: claims.sid }) })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.sub)
      .setIssuer('maslahat')
      .setIssuedAt();
    if (claims.exp !== false) jwt = jwt.setExpirationTime('15m');
    return jwt.sign(new TextEncoder().encode(stack.app.deps.config.JWT_SECRET));
  };

  it('access tokens: a token without exp or with a sub that is not a UUID is refused with 401', async () => {
    const user = await registerAndLogin(stack.app);
    const sid = (await stack.database.db.refreshToken.findFirstOrThrow({ where: { userId: user.user.id } })).familyId;
    for (const token of [await forge({ sub: user.user.id, exp: false, sid }), await forge({ sub: 'not-a-uuid', sid })]) {
      const response = await get('/v1/me', { authorization: `Bearer ${token}` });
      expect(response.statusCode, response.body).toBe(401);
      expect(response.json()).toMatchObject({ code: 'TOKEN_INVALID' });
    }
  });

  it('access tokens: logout ends the access token of that session at once, not 15 minutes later', async () => {
    const user = await registerAndLogin(stack.app);
    const other = await stack.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: user.registration.email, password: user.registration.password },
    });
    const otherDevice = { authorization: `Bearer ${other.json<{ accessToken: string }>().accessToken}` };
    expect((await get('/v1/me', user.auth)).statusCode).toBe(200);
    expect((await post('/v1/auth/logout', { refreshToken: user.tokens.refreshToken })).statusCode).toBe(204);
    const after = await get('/v1/me', user.auth);
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ code: 'TOKEN_INVALID' });
    expect((await get('/v1/me', otherDevice)).statusCode).toBe(200);
  });

  it('access tokens: a password change ends every access token of the account, the new session works', async () => {
    const user = await registerAndLogin(stack.app);
    const changed = await stack.app.inject({
      method: 'PUT',
      url: '/v1/me/password',
      headers: user.auth,
      payload: { currentPassword: user.registration.password, newPassword: 'a brand new password' },
    });
    expect(changed.statusCode, changed.body).toBe(204);
    expect((await get('/v1/me', user.auth)).statusCode).toBe(401);
    const login = await post('/v1/auth/login', { email: user.registration.email, password: 'a brand new password' });
    expect((await get('/v1/me', { authorization: `Bearer ${login.json<{ accessToken: string }>().accessToken}` })).statusCode).toBe(200);
  });
});
