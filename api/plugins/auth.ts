import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError } from '../../domain/errors.ts';
import type { Role } from '../../domain/accounts/roles.ts';
import type { Db } from '../../infra/db.ts';
import { sessionIsOpen, verifyAccessToken, type AccessClaims, type TokenSettings } from '../../services/accounts/tokens.ts';

declare module 'fastify' {
  interface FastifyRequest {
    auth: AccessClaims | null;
  }
  interface FastifyInstance {
    authenticate: (request: FastifyRequest) => Promise<void>;
    requireRole: (...roles: Role[]) => (request: FastifyRequest) => Promise<void>;
  }
}

// Bearer access tokens. The user row is read on every request (a primary-key lookup) so a
// suspension (ACC-6) or role change takes effect at once, not when the token expires; so is the
// token's session (issue 14), so logout and a password change end its access tokens at once.
async function auth(app: FastifyInstance, options: { db: Db; tokens: TokenSettings }) {
  app.decorateRequest('auth', null);

  async function authenticate(request: FastifyRequest): Promise<void> {
    const header = request.headers.authorization;
    if (!header?.startsWith('Bearer ')) {
      throw new DomainError('UNAUTHENTICATED', 'Send an access token: `Authorization: Bearer <token>`.');
    }
    const claims = await verifyAccessToken(options.tokens, header.slice('Bearer '.length));
    const [user, open] = await Promise.all([
      options.db.user.findUnique({ where: { id: claims.userId }, select: { role: true, suspendedAt: true } }),
      sessionIsOpen(options.db, claims),
    ]);
    if (!user) throw new DomainError('TOKEN_INVALID', 'The account no longer exists.');
    if (user.suspendedAt) throw new DomainError('ACCOUNT_SUSPENDED', 'The account is suspended until its data is corrected (ACC-6).');
    if (!open) throw new DomainError('TOKEN_INVALID', 'This session has ended (logout or a password change); log in again.');
    request.auth = { userId: claims.userId, role: user.role };
  }

  app.decorate('authenticate', authenticate);
  app.decorate('requireRole', (...roles: Role[]) => async (request: FastifyRequest) => {
    await authenticate(request);
    if (!roles.includes(request.auth!.role)) {
      throw new DomainError('FORBIDDEN', `This needs one of the roles: ${roles.join(', ')}.`);
    }
  });
}

export default fp(auth, { name: 'auth' });

export function currentUser(request: FastifyRequest): AccessClaims {
  if (!request.auth) throw new DomainError('UNAUTHENTICATED', 'Log in first.');
  return request.auth;
}
