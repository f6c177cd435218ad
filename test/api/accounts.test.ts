import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailText } from '../support/smtp.ts';
import { newRegistration, registerAdmin, registerAndLogin } from '../support/factories.ts';
import { startStack, type Stack } from '../support/stack.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ LOGIN_RATE_LIMIT_PER_MINUTE: '5' });
});
afterAll(() => stack?.close());

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  stack.app.inject({ method: 'POST', url, payload: payload as object, headers });

describe('ACC-1 registration', () => {
  it('ACC-1: registers with e-mail, phone, password and full name, normalising e-mail and phone', async () => {
    const input = newRegistration({ email: 'Mixed.Case@Example.TEST', phone: '+998 (90) 111-22-33' });
    const response = await post('/v1/auth/register', input);
    expect(response.statusCode).toBe(201);
    const user = response.json();
    expect(user).toMatchObject({ email: 'mixed.case@example.test', phone: '+998901112233', fullName: input.fullName, role: 'client' });
    expect(user).not.toHaveProperty('passwordHash');
    const row = await stack.database.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('ACC-1: a duplicate e-mail is refused with 409 EMAIL_TAKEN, whatever its case', async () => {
    const first = newRegistration();
    expect((await post('/v1/auth/register', first)).statusCode).toBe(201);
    const again = await post('/v1/auth/register', newRegistration({ email: first.email.toUpperCase() }));
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.json()).toMatchObject({ status: 409, code: 'EMAIL_TAKEN', errors: [{ path: 'email' }] });
  });

  it('ACC-1: a duplicate phone is refused with 409 PHONE_TAKEN, whatever its spelling', async () => {
    const first = newRegistration({ phone: '+998935556677' });
    expect((await post('/v1/auth/register', first)).statusCode).toBe(201);
    const again = await post('/v1/auth/register', newRegistration({ phone: '+998 93 555 66 77' }));
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('PHONE_TAKEN');
  });

  it('ACC-1: bad input gets 400 problem details naming every bad field', async () => {
    const response = await post('/v1/auth/register', { email: 'not-an-email', phone: '12', password: 'short', fullName: '' });
    expect(response.statusCode).toBe(400);
    const problem = response.json();
    expect(problem).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', title: 'Bad Request' });
    const paths = problem.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.email', 'body.phone', 'body.password', 'body.fullName']));
  });

  it('ACC-1: cannot register as admin or operator', async () => {
    const response = await post('/v1/auth/register', newRegistration({ role: 'admin' }));
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe('body.role');
  });
});

describe('ACC-2 login, sessions and password reset', () => {
  it('ACC-2: login gives an access token that opens /v1/me; a wrong password is 401', async () => {
    const { registration, auth } = await registerAndLogin(stack.app);
    const me = await stack.app.inject({ method: 'GET', url: '/v1/me', headers: auth });
    expect(me.statusCode).toBe(200);
    expect(me.json().email).toBe(registration.email);
    const wrong = await post('/v1/auth/login', { email: registration.email, password: 'wrong password!' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('INVALID_CREDENTIALS');
    const unknown = await post('/v1/auth/login', { email: 'nobody@example.test', password: 'whatever-123' });
    expect(unknown.json()).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS' });
  });

  it('ACC-2: "remember me" gives a refresh token that lives 30 days instead of 1', async () => {
    const { registration } = await registerAndLogin(stack.app);
    const plain = (await post('/v1/auth/login', { email: registration.email, password: registration.password })).json();
    const remembered = (
      await post('/v1/auth/login', { email: registration.email, password: registration.password, rememberMe: true })
    ).json();
    const days = (iso: string) => (Date.parse(iso) - Date.now()) / 86_400_000;
    expect(days(plain.refreshTokenExpiresAt)).toBeGreaterThan(0.99);
    expect(days(plain.refreshTokenExpiresAt)).toBeLessThan(1.01);
    expect(days(remembered.refreshTokenExpiresAt)).toBeGreaterThan(29.99);
    expect(days(remembered.refreshTokenExpiresAt)).toBeLessThan(30.01);
  });

  it('ACC-2: refresh rotates the token; reusing the old one ends the whole session', async () => {
    const { tokens } = await registerAndLogin(stack.app);
    const rotated = await post('/v1/auth/refresh', { refreshToken: tokens.refreshToken });
    expect(rotated.statusCode).toBe(200);
    const next = rotated.json();
    expect(next.refreshToken).not.toBe(tokens.refreshToken);
    const replay = await post('/v1/auth/refresh', { refreshToken: tokens.refreshToken });
    expect(replay.statusCode).toBe(401);
    // The thief's replay revoked the family: the legitimate newest token is dead too.
    expect((await post('/v1/auth/refresh', { refreshToken: next.refreshToken })).statusCode).toBe(401);
  });

  it('ACC-2: logout revokes the refresh token', async () => {
    const { tokens } = await registerAndLogin(stack.app);
    expect((await post('/v1/auth/logout', { refreshToken: tokens.refreshToken })).statusCode).toBe(204);
    expect((await post('/v1/auth/refresh', { refreshToken: tokens.refreshToken })).json().code).toBe('TOKEN_INVALID');
  });

  it('ACC-2: login is rate-limited per address and e-mail with a 429 problem', async () => {
    const { registration } = await registerAndLogin(stack.app);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await post('/v1/auth/login', { email: registration.email, password: 'wrong password!' })).statusCode);
    }
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    const limited = await post('/v1/auth/login', { email: registration.email, password: registration.password });
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
  });

  it('ACC-2: forgot password sends a one-time link by SMTP; it resets once and ends old sessions', async () => {
    const { registration, tokens } = await registerAndLogin(stack.app);
    const accepted = await post('/v1/auth/password-reset', { email: registration.email });
    expect(accepted.statusCode).toBe(202);
    const mail = await stack.smtp.waitFor((m) => m.to.includes(registration.email));
    const token = /reset-password\?token=([\w-]+)/.exec(mailText(mail))?.[1];
    expect(token).toBeDefined();
    const reset = await post('/v1/auth/password-reset/confirm', { token, newPassword: 'a brand new password' });
    expect(reset.statusCode).toBe(204);
    expect((await post('/v1/auth/password-reset/confirm', { token, newPassword: 'yet another password' })).json().code).toBe(
      'TOKEN_INVALID',
    );
    expect((await post('/v1/auth/login', { email: registration.email, password: registration.password })).statusCode).toBe(401);
    expect((await post('/v1/auth/login', { email: registration.email, password: 'a brand new password' })).statusCode).toBe(200);
    expect((await post('/v1/auth/refresh', { refreshToken: tokens.refreshToken })).statusCode).toBe(401);
    const outbox = await stack.database.db.outboxEmail.findFirstOrThrow({ where: { recipient: registration.email } });
    expect(outbox.sentAt).not.toBeNull();
  });

  it('issue 18 (2), ACC-2: the mailed reset link opens a page that sets the new password through the API', async () => {
    const { registration } = await registerAndLogin(stack.app);
    await post('/v1/auth/password-reset', { email: registration.email });
    const mail = await stack.smtp.waitFor((m) => m.to.includes(registration.email));
    const link = new URL(/(\S+\/reset-password\?token=[\w-]+)/.exec(mailText(mail))![1]!);
    expect(link.href.startsWith(`${stack.app.deps.config.PUBLIC_BASE_URL}/reset-password?token=`)).toBe(true);

    const page = await stack.app.inject({ method: 'GET', url: `${link.pathname}${link.search}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    // The browser runs the page's one inline script only because the policy names its hash.
    const script = /<script>([\s\S]*?)<\/script>/.exec(page.body)![1]!;
    const policy = String(page.headers['content-security-policy']);
    expect(policy).toContain(`script-src 'sha256-${createHash('sha256').update(script).digest('base64')}'`);
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(page.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });

    // What the script sends: the form's fields as JSON to its action, resolved against the page's address.
    const action = new URL(/<form [^>]*action="([^"]+)"/.exec(page.body)![1]!, link);
    expect(action.href).toBe(`${stack.app.deps.config.PUBLIC_BASE_URL}/v1/auth/password-reset/confirm`);
    const token = /name="token" value="([^"]*)"/.exec(page.body)![1];
    expect((await post(action.pathname, { token, newPassword: 'set on the reset page' })).statusCode).toBe(204);
    expect((await post('/v1/auth/login', { email: registration.email, password: 'set on the reset page' })).statusCode).toBe(200);

    // Whatever the link carries is shown as text, never as markup; no token is a 400 problem.
    const hostile = await stack.app.inject({
      method: 'GET',
      url: `/reset-password?token=${encodeURIComponent('"><script>alert(1)</script>')}`,
    });
    expect(hostile.statusCode).toBe(200);
    expect(hostile.body).not.toContain('<script>alert(1)');
    expect(hostile.body).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    const missing = await stack.app.inject({ method: 'GET', url: '/reset-password' });
    expect([missing.statusCode, missing.headers['content-type']]).toEqual([400, 'application/problem+json']);
  });

  it('ACC-2: a reset for an unknown e-mail answers the same 202 and sends nothing', async () => {
    const response = await post('/v1/auth/password-reset', { email: 'ghost@example.test' });
    expect(response.statusCode).toBe(202);
    expect(await stack.database.db.outboxEmail.count({ where: { recipient: 'ghost@example.test' } })).toBe(0);
  });

  it('ACC-2: an expired reset link is refused', async () => {
    const { registration } = await registerAndLogin(stack.app);
    await post('/v1/auth/password-reset', { email: registration.email });
    const mail = await stack.smtp.waitFor((m) => m.to.includes(registration.email));
    const token = /reset-password\?token=([\w-]+)/.exec(mailText(mail))![1];
    await stack.database.db.passwordResetToken.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    const response = await post('/v1/auth/password-reset/confirm', { token, newPassword: 'a brand new password' });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('TOKEN_INVALID');
  });
});

describe('ACC-3 personal data', () => {
  it('ACC-3: changes name and birth date', async () => {
    const { auth } = await registerAndLogin(stack.app);
    const response = await stack.app.inject({
      method: 'PATCH',
      url: '/v1/me',
      headers: auth,
      payload: { fullName: 'Karimova Malika Rustamovna', birthDate: '2001-02-03' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ fullName: 'Karimova Malika Rustamovna', birthDate: '2001-02-03' });
  });

  it('ACC-3: changes e-mail with the current password; a taken e-mail is 409', async () => {
    const other = await registerAndLogin(stack.app);
    const { auth, registration } = await registerAndLogin(stack.app);
    const taken = await stack.app.inject({
      method: 'PUT',
      url: '/v1/me/email',
      headers: auth,
      payload: { newEmail: other.registration.email, currentPassword: registration.password },
    });
    expect(taken.json().code).toBe('EMAIL_TAKEN');
    const wrongPassword = await stack.app.inject({
      method: 'PUT',
      url: '/v1/me/email',
      headers: auth,
      payload: { newEmail: 'fresh@example.test', currentPassword: 'nope-nope-nope' },
    });
    expect(wrongPassword.statusCode).toBe(401);
    const changed = await stack.app.inject({
      method: 'PUT',
      url: '/v1/me/email',
      headers: auth,
      payload: { newEmail: 'Fresh@Example.test', currentPassword: registration.password },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().email).toBe('fresh@example.test');
  });

  it('ACC-3: changes password; the old one stops working and other sessions end', async () => {
    const { auth, registration, tokens } = await registerAndLogin(stack.app);
    const changed = await stack.app.inject({
      method: 'PUT',
      url: '/v1/me/password',
      headers: auth,
      payload: { currentPassword: registration.password, newPassword: 'another long password' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await post('/v1/auth/login', { email: registration.email, password: registration.password })).statusCode).toBe(401);
    expect((await post('/v1/auth/login', { email: registration.email, password: 'another long password' })).statusCode).toBe(200);
    expect((await post('/v1/auth/refresh', { refreshToken: tokens.refreshToken })).statusCode).toBe(401);
  });
});

describe('ACC-5 Terms', () => {
  it('ACC-5: the client accepts the current version; its version and time are recorded', async () => {
    const { auth, user } = await registerAndLogin(stack.app);
    const before = (await stack.app.inject({ method: 'GET', url: '/v1/me/eligibility', headers: auth })).json();
    expect(before.reasons.map((r: { code: string }) => r.code)).toContain('TERMS_NOT_ACCEPTED');
    const terms = (await stack.app.inject({ method: 'GET', url: '/v1/me/terms', headers: auth })).json();
    expect(terms).toMatchObject({ version: '2026-11', acceptedAt: null });
    const stale = await stack.app.inject({
      method: 'POST',
      url: '/v1/me/terms-acceptances',
      headers: auth,
      payload: { version: '2020-01' },
    });
    expect(stale.statusCode).toBe(422);
    expect(stale.json().code).toBe('TERMS_VERSION_NOT_CURRENT');
    const accepted = await stack.app.inject({
      method: 'POST',
      url: '/v1/me/terms-acceptances',
      headers: auth,
      payload: { version: '2026-11' },
    });
    expect(accepted.statusCode).toBe(201);
    const row = await stack.database.db.termsAcceptance.findFirstOrThrow({ where: { userId: user.id } });
    expect(row.version).toBe('2026-11');
    expect(Math.abs(row.acceptedAt.getTime() - Date.now())).toBeLessThan(60_000);
    const after = (await stack.app.inject({ method: 'GET', url: '/v1/me/eligibility', headers: auth })).json();
    expect(after).toEqual({ canOrder: true, reasons: [], requiredVerification: null });
  });

  it('ACC-5: a newly published version must be accepted again before ordering', async () => {
    const admin = await registerAdmin(stack.app, stack.database.db);
    const { auth } = await registerAndLogin(stack.app);
    await stack.app.inject({ method: 'POST', url: '/v1/me/terms-acceptances', headers: auth, payload: { version: '2026-11' } });
    const published = await stack.app.inject({
      method: 'POST',
      url: '/v1/admin/terms',
      headers: admin.auth,
      payload: { version: '2026-12', url: '/terms/2026-12' },
    });
    expect(published.statusCode).toBe(201);
    const eligibility = (await stack.app.inject({ method: 'GET', url: '/v1/me/eligibility', headers: auth })).json();
    expect(eligibility.canOrder).toBe(false);
    expect(eligibility.reasons.map((r: { code: string }) => r.code)).toEqual(['TERMS_NOT_ACCEPTED']);
  });
});

describe('ACC-6 suspension', () => {
  it('ACC-6: a suspended user is refused at once, cannot log in or refresh, and is served again after unsuspension', async () => {
    const admin = await registerAdmin(stack.app, stack.database.db);
    const { auth, user, registration, tokens } = await registerAndLogin(stack.app);
    const suspended = await stack.app.inject({
      method: 'POST',
      url: `/v1/admin/users/${user.id}/suspension`,
      headers: admin.auth,
      payload: { reason: 'false passport data' },
    });
    expect(suspended.statusCode).toBe(200);
    expect(suspended.json()).toMatchObject({ suspended: true, suspendedReason: 'false passport data' });
    const me = await stack.app.inject({ method: 'GET', url: '/v1/me', headers: auth });
    expect(me.statusCode).toBe(403);
    expect(me.json().code).toBe('ACCOUNT_SUSPENDED');
    expect((await post('/v1/auth/login', { email: registration.email, password: registration.password })).json().code).toBe(
      'ACCOUNT_SUSPENDED',
    );
    expect((await post('/v1/auth/refresh', { refreshToken: tokens.refreshToken })).statusCode).toBe(401);
    const lifted = await stack.app.inject({ method: 'DELETE', url: `/v1/admin/users/${user.id}/suspension`, headers: admin.auth });
    expect(lifted.json().suspended).toBe(false);
    expect((await post('/v1/auth/login', { email: registration.email, password: registration.password })).statusCode).toBe(200);
  });

  it('ACC-6: only admins may suspend', async () => {
    const victim = await registerAndLogin(stack.app);
    const { auth } = await registerAndLogin(stack.app);
    const response = await stack.app.inject({
      method: 'POST',
      url: `/v1/admin/users/${victim.user.id}/suspension`,
      headers: auth,
      payload: { reason: 'because I can' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('FORBIDDEN');
  });
});
