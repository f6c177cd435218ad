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

const ISSUER = 'maslahat';
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

export async function signAccessToken(settings: TokenSettings, claims: AccessClaims): Promise<string> {
  return new SignJWT({ role: claims.role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(`${settings.accessTtlSeconds}s`)
    .sign(new TextEncoder().encode(settings.jwtSecret));
}

export async function verifyAccessToken(settings: TokenSettings, token: string): Promise<AccessClaims> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(settings.jwtSecret), {
      issuer: ISSUER,
      algorithms: ['HS256'],
    });
    return { userId: String(payload.sub), role: payload.role as Role };
  } catch {
    throw new DomainError('TOKEN_INVALID', 'The access token is invalid or expired.');
  }
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
  await db.refreshToken.create({
    data: {
      userId: user.userId,
      familyId: options.familyId ?? randomUUID(),
      tokenHash: sha256(refreshToken),
      rememberMe: options.rememberMe,
      expiresAt,
    },
  });
  return {
    accessToken: await signAccessToken(settings, user),
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
