import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import { payloadKeyring } from '../../../infra/config.ts';
import { AesGcmPayloadCodec } from '../../../infra/payload-codec.ts';
import { decodeJsonPayloads, encodeJsonPayloads } from '../../../services/platform/temporal/codec-endpoint.ts';
import { problemResponses } from '../../schemas.ts';

// The codec endpoint of the Temporal Web UI (and of `temporal … --codec-endpoint`): workflow
// payloads are encrypted in Temporal, and only operators and admins, logged in to this
// service, see them decrypted. The UI calls it from the browser, so CORS admits the UI's
// origin(s) only (TEMPORAL_UI_ORIGIN).
//
// Credentials: `Authorization: Bearer <access token>` (the CLI's --codec-auth), or the
// HttpOnly cookie that `POST /session` sets from that token, which the UI sends when its
// "include cross-origin credentials" is on (README, "Reading encrypted payloads").

export const CODEC_COOKIE = 'maslahat_codec';
const PREFIX = '/v1/temporal-codec';
const MAX_BODY_BYTES = 16 * 1024 * 1024; // a payload may reach 2 MB, a history page holds many

const JsonPayload = z.object({
  metadata: z.record(z.string(), z.string()).nullish(),
  data: z.string().nullish(),
});
const Payloads = z.object({ payloads: z.array(JsonPayload) }).meta({ id: 'TemporalPayloads' });
const NamespaceHeaders = z.object({ 'x-namespace': z.string().optional() });

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

const temporalCodecRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config } = app.deps;
  const codec = new AesGcmPayloadCodec(payloadKeyring(config));
  const allowedOrigins = new Set(config.TEMPORAL_UI_ORIGIN);
  const tags = ['temporal-codec'];
  const security = [{ bearerAuth: [] }];
  const requireStaff = app.requireRole('operator', 'admin');

  // CORS for the UI's origin only, on every answer (a refusal too, so the UI can tell 401 from a
  // network failure). Credentials are allowed: the cookie travels only with them.
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (origin === undefined || !allowedOrigins.has(origin)) return;
    reply.header('access-control-allow-origin', origin).header('access-control-allow-credentials', 'true').header('vary', 'Origin');
  });
  app.options('/*', { schema: { hide: true } }, async (request, reply) => {
    if (!reply.hasHeader('access-control-allow-origin')) return reply.code(204).send();
    return reply
      .header('access-control-allow-methods', 'POST, DELETE')
      .header('access-control-allow-headers', 'authorization, content-type, x-namespace')
      .header('access-control-max-age', '600')
      .code(204)
      .send();
  });

  // The cookie stands in for the Authorization header on decode and encode only.
  const requireStaffByHeaderOrCookie = async (request: FastifyRequest) => {
    const token = cookieValue(request.headers.cookie, CODEC_COOKIE);
    if (request.headers.authorization === undefined && token) request.headers.authorization = `Bearer ${token}`;
    await requireStaff(request);
  };
  const checkNamespace = (request: FastifyRequest) => {
    const namespace = request.headers['x-namespace'];
    if (typeof namespace === 'string' && namespace !== config.TEMPORAL_NAMESPACE) {
      throw new DomainError('VALIDATION_FAILED', `This codec serves the namespace "${config.TEMPORAL_NAMESPACE}", not "${namespace}".`);
    }
  };

  const codecRoute = (name: 'decode' | 'encode', description: string, convert: typeof decodeJsonPayloads) =>
    app.post(
      `/${name}`,
      {
        bodyLimit: MAX_BODY_BYTES,
        onRequest: requireStaffByHeaderOrCookie,
        schema: {
          tags,
          security,
          description,
          headers: NamespaceHeaders,
          body: Payloads,
          response: { 200: Payloads, ...problemResponses(400, 401, 403, 413, 422) },
        },
      },
      async (request) => {
        checkNamespace(request);
        return { payloads: await convert(codec, request.body.payloads) };
      },
    );
  codecRoute(
    'decode',
    'Decrypts workflow payloads for the Temporal UI (operators and admins only); others pass unchanged.',
    decodeJsonPayloads,
  );
  codecRoute('encode', 'Encrypts payloads the Temporal UI sends (e.g. a signal from an operator).', encodeJsonPayloads);

  const cookie = (reply: FastifyReply, value: string, maxAge: number) =>
    reply.header(
      'set-cookie',
      [
        `${CODEC_COOKIE}=${encodeURIComponent(value)}`,
        `Path=${PREFIX}`,
        `Max-Age=${maxAge}`,
        'HttpOnly',
        // Strict: sent with the UI's same-site calls (another port of the same host counts), never cross-site.
        'SameSite=Strict',
        ...(new URL(config.PUBLIC_BASE_URL).protocol === 'https:' ? ['Secure'] : []),
      ].join('; '),
    );

  app.post(
    '/session',
    {
      onRequest: requireStaff,
      schema: {
        tags,
        security,
        description:
          'Keeps the caller’s access token in an HttpOnly cookie for the codec endpoint, so the Temporal UI (with “include credentials”) can decode payloads. Call it from this API’s own origin, e.g. /docs. It lasts as long as the token.',
        response: { 204: z.null(), ...problemResponses(401, 403) },
      },
    },
    async (request, reply) => {
      const token = request.headers.authorization!.slice('Bearer '.length);
      return cookie(reply, token, config.ACCESS_TOKEN_TTL_SECONDS).code(204).send();
    },
  );

  app.delete(
    '/session',
    { schema: { tags, description: 'Forgets the codec cookie.', response: { 204: z.null() } } },
    async (_request, reply) => cookie(reply, '', 0).code(204).send(),
  );
};

export default temporalCodecRoutes;
