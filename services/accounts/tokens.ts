import type { Config } from '../../infra/config.ts';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { DomainError } from '../../domain/errors.ts';
import type { Db } from '../../infra/db.ts';
import type { Role } from '../../domain/accounts/roles.ts';

// ACC-2: a short-lived access token (JWT) plus an opaque refresh token that rotates on every
// use. Only refresh-token hashes are stored. Presenting an already-rotated token means it
// leaked: the whole family (that login's chain) is revoked.

export interface TokenSettings {
  jwtSecret: string;
  accessTtlSeconds: number;
  refreshTtlDays: number;
  rememberMeRefreshTtlDays: number;
}

export interface TokenPair {
  accessToken: string;
  accessTokenExpiresIn: number;
  refreshToken: string;
  refreshTokenExpiresAt: string;
}

export interface AccessClaims {
  userId: string;
  role: Role;
}

/** What an access token carries: the user, and the session (its refresh-token family) it belongs to. */
export interface AccessToken extends AccessClaims {
  sessionId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ISSUER = 'maslahat';
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

export async function signAccessToken(settings: TokenSettings, claims: AccessToken): Promise<string> {
  return new SignJWT({ role: claims.role, sid: claims.sessionId })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(`${settings.accessTtlSeconds}s`)
    .sign(new TextEncoder().encode(settings.jwtSecret));
}

/**
 * Issue 14: a token must expire (`exp`), name a user by UUID (`sub`) and its session (`sid`, the
 * refresh-token family; api/plugins/auth.ts refuses it once that session is revoked). Anything
 * else is TOKEN_INVALID (401), never a database error on a malformed id.
 */
export async function verifyAccessToken(settings: TokenSettings, token: string): Promise<AccessToken> {
  const invalid = () => new DomainError('TOKEN_INVALID', 'The access token is invalid or expired.');
  let payload;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(settings.jwtSecret), {
      issuer: ISSUER,
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'sub', 'sid'],
    }));
  } catch {
    throw invalid();
  }
  const { sub, sid, role } = payload;
  if (typeof sub !== 'string' || !UUID.test(sub) || typeof sid !== 'string' || !UUID.test(sid)) throw invalid();
  return { userId: sub, role: role as Role, sessionId: sid };
}

/** Whether the session an access token belongs to is still open (not logged out, not revoked by a password change). */
export async function sessionIsOpen(db: Db, claims: AccessToken): Promise<boolean> {
  const open = await db.refreshToken.findFirst({
    where: { familyId: claims.sessionId, userId: claims.userId, revokedAt: null },
    select: { id: true },
  });
  return open !== null;
}

export async function issueTokens(
  db: Db,
  settings: TokenSettings,
  user: AccessClaims,
  options: { rememberMe: boolean; familyId?: string },
): Promise<TokenPair> {
  const refreshToken = randomBytes(32).toString('base64url');
  const days = options.rememberMe ? settings.rememberMeRefreshTtlDays : settings.refreshTtlDays;
  const expiresAt = new Date(Date.now() + days * 86_400_000);
  const familyId = options.familyId ?? randomUUID();
  await db.refreshToken.create({
    data: {
      userId: user.userId,
      familyId,
      tokenHash: sha256(refreshToken),
      rememberMe: options.rememberMe,
      expiresAt,
    },
  });
  return {
    accessToken: await signAccessToken(settings, { ...user, sessionId: familyId }),
    accessTokenExpiresIn: settings.accessTtlSeconds,
    refreshToken,
    refreshTokenExpiresAt: expiresAt.toISOString(),
  };
}

export async function rotateRefreshToken(db: Db, settings: TokenSettings, presented: string): Promise<TokenPair> {
  const now = new Date();
  const current = await db.refreshToken.findUnique({ where: { tokenHash: sha256(presented) }, include: { user: true } });
  if (!current || current.revokedAt || current.expiresAt <= now) {
    throw new DomainError('TOKEN_INVALID', 'The refresh token is invalid or expired; log in again.');
  }
  // Claim the token atomically: of two concurrent refreshes with one token, one wins.
  const claimed = await db.refreshToken.updateMany({
    where: { id: current.id, replacedAt: null },
    data: { replacedAt: now },
  });
  if (claimed.count === 0) {
    await revokeFamily(db, current.familyId);
    throw new DomainError('TOKEN_INVALID', 'This refresh token was already used; the session was ended for safety.');
  }
  if (current.user.suspendedAt) {
    throw new DomainError('ACCOUNT_SUSPENDED', 'The account is suspended (ACC-6).');
  }
  return issueTokens(
    db,
    settings,
    { userId: current.userId, role: current.user.role },
    {
      rememberMe: current.rememberMe,
      familyId: current.familyId,
    },
  );
}

export async function revokeFamily(db: Db, familyId: string): Promise<void> {
  await db.refreshToken.updateMany({ where: { familyId, revokedAt: null }, data: { revokedAt: new Date() } });
}

export async function revokeByToken(db: Db, presented: string): Promise<void> {
  const token = await db.refreshToken.findUnique({ where: { tokenHash: sha256(presented) } });
  if (token) await revokeFamily(db, token.familyId);
}

export async function revokeAllForUser(db: Db, userId: string): Promise<void> {
  await db.refreshToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** The token settings the configuration gives (one mapping for the auth plugin and the auth routes). */
export function tokenSettings(config: Config): TokenSettings {
  return {
    jwtSecret: config.JWT_SECRET,
    accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    refreshTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
    rememberMeRefreshTtlDays: config.REMEMBER_ME_REFRESH_TOKEN_TTL_DAYS,
  };
}
