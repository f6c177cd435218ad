import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import { login, register } from '../../../services/accounts/accounts.ts';
import { confirmPasswordReset, requestPasswordReset } from '../../../services/accounts/password-reset.ts';
import { revokeByToken, rotateRefreshToken, tokenSettings } from '../../../services/accounts/tokens.ts';
import { hashBody, idempotent } from '../../idempotency.ts';
import { LoginFailures } from '../../login-throttle.ts';
import { Email, FullName, IdempotencyHeaders, IsoDate, Password, Phone, problemResponses, UserView, userView } from '../../schemas.ts';
import { SELF_REGISTERED_ROLES } from '../../../domain/accounts/roles.ts';

const Register = z.object({
  email: Email,
  phone: Phone,
  password: Password,
  fullName: FullName.describe('Full name, with patronymic where the person has one (ACC-1)'),
  birthDate: IsoDate.optional(),
  role: z.enum(SELF_REGISTERED_ROLES).default('client'),
});

const Login = z.object({
  email: Email,
  password: z.string().min(1).max(200),
  rememberMe: z.boolean().default(false).describe('ACC-2: a longer-lived refresh token on this device'),
});

const TokenPair = z.object({
  accessToken: z.string(),
  accessTokenExpiresIn: z.number().int().describe('seconds'),
  refreshToken: z.string(),
  refreshTokenExpiresAt: z.string(),
});

const RefreshBody = z.object({ refreshToken: z.string().min(1).max(200) });

const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config, temporal } = app.deps;
  const tokens = tokenSettings(config);
  const tags = ['auth'];
  const loginFailures = new LoginFailures(config.LOGIN_FAILURES_PER_ADDRESS_PER_MINUTE);

  app.post(
    '/register',
    {
      schema: { tags, headers: IdempotencyHeaders, body: Register, response: { 201: UserView, ...problemResponses(400, 409, 422) } },
    },
    async (request, reply) => {
      const { body } = await idempotent(db, request, reply, { status: 201, requestHash: hashBody(request.body) }, async () =>
        userView(await register(db, request.body)),
      );
      return body;
    },
  );

  app.post(
    '/login',
    {
      config: {
        // Per address and per e-mail, so neither one attacker nor one target can be brute-forced.
        // preHandler, not the default onRequest: the key needs the parsed body's e-mail.
        rateLimit: {
          hook: 'preHandler',
          max: config.LOGIN_RATE_LIMIT_PER_MINUTE,
          timeWindow: '1 minute',
          keyGenerator: (request) => {
            const email = (request.body as { email?: unknown } | undefined)?.email;
            return `${request.ip} ${typeof email === 'string' ? email.toLowerCase() : ''}`;
          },
          errorResponseBuilder: (_request, context) =>
            new DomainError('RATE_LIMITED', `Too many login attempts; try again in ${Math.ceil(context.ttl / 1000)} s.`),
        },
      },
      schema: {
        tags,
        description:
          'Per address and e-mail at most LOGIN_RATE_LIMIT_PER_MINUTE attempts, per address at most LOGIN_FAILURES_PER_ADDRESS_PER_MINUTE failed ones (then 429).',
        body: Login,
        response: { 200: TokenPair, ...problemResponses(400, 401, 403, 429) },
      },
    },
    async (request) => {
      loginFailures.check(request.ip);
      try {
        return await login(db, tokens, request.body);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'INVALID_CREDENTIALS') loginFailures.recordFailure(request.ip);
        throw error;
      }
    },
  );

  app.post(
    '/refresh',
    { schema: { tags, body: RefreshBody, response: { 200: TokenPair, ...problemResponses(400, 401, 403) } } },
    async (request) => rotateRefreshToken(db, tokens, request.body.refreshToken),
  );

  app.post('/logout', { schema: { tags, body: RefreshBody, response: { 204: z.null() } } }, async (request, reply) => {
    await revokeByToken(db, request.body.refreshToken);
    return reply.code(204).send(null);
  });

  app.post(
    '/password-reset',
    {
      config: { rateLimit: { max: 5, timeWindow: '1 minute' } },
      schema: {
        tags,
        description: 'Always 202, whether or not the e-mail has an account, so accounts cannot be probed.',
        body: z.object({ email: Email }),
        response: { 202: z.object({ status: z.literal('accepted') }), ...problemResponses(400, 429) },
      },
    },
    async (request, reply) => {
      await requestPasswordReset(db, temporal, {
        email: request.body.email,
        ttlMinutes: config.PASSWORD_RESET_TTL_MINUTES,
        publicBaseUrl: config.PUBLIC_BASE_URL,
      });
      return reply.code(202).send({ status: 'accepted' as const });
    },
  );

  app.post(
    '/password-reset/confirm',
    {
      schema: {
        tags,
        body: z.object({ token: z.string().min(1).max(200), newPassword: Password }),
        response: { 204: z.null(), ...problemResponses(400, 401) },
      },
    },
    async (request, reply) => {
      await confirmPasswordReset(db, request.body);
      return reply.code(204).send(null);
    },
  );
};

export default authRoutes;
