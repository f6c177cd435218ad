import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import { registerInbound } from '../../../services/support/intake.ts';
import { supportSettings } from '../../../services/support/ticket-workflows.ts';
import { ticketLabel } from '../../../domain/tickets/contract.ts';
import { hashBody, refuseReusedKey } from '../../idempotency.ts';
import { Email, IdempotencyHeaders, problemResponses } from '../../schemas.ts';
import { IntakeReceipt, Stir } from './views.ts';

// SUP-1, public channels: the web form and the Telegram bot's webhook. Both answer only after
// the request is registered (row committed, workflow started), so an acknowledged request is
// never lost; a failure answers 503 and the sender retries with the same message id.

const WebForm = z.object({
  name: z.string().trim().min(2).max(200),
  organisation: z.string().trim().min(2).max(300).optional(),
  stir: Stir.optional(),
  email: Email,
  subject: z.string().trim().min(3).max(300),
  message: z.string().trim().min(1).max(10_000),
});

// The subset of Telegram's Update object the desk reads; other fields pass through unread.
const TelegramUpdate = z
  .object({
    update_id: z.number().int().nonnegative(),
    message: z
      .object({
        message_id: z.number().int(),
        date: z.number().int(),
        chat: z.object({ id: z.number().int() }).loose(),
        from: z.object({ id: z.number().int(), first_name: z.string(), last_name: z.string().optional() }).loose().optional(),
        text: z.string().optional(),
        caption: z.string().optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

const TelegramHeaders = z.object({
  'x-telegram-bot-api-secret-token': z.string().max(256).optional().describe('The secret_token given to setWebhook'),
});

/** The Bot API keeps updates it could not deliver for 24 hours. */
const TELEGRAM_UPDATE_KEPT_MS = 24 * 3_600_000;

const digest = (value: string) => createHash('sha256').update(value).digest();

const supportIntakeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, temporal, config } = app.deps;
  const deps = { db, temporal, settings: supportSettings(config) };
  const tags = ['support intake'];

  app.post(
    '/web',
    {
      config: {
        rateLimit: {
          max: config.SUPPORT_WEB_FORM_RATE_LIMIT_PER_MINUTE,
          timeWindow: '1 minute',
          errorResponseBuilder: (_request, context) =>
            new DomainError('RATE_LIMITED', `Too many requests from this address; try again in ${Math.ceil(context.ttl / 1000)} s.`),
        },
      },
      schema: {
        tags,
        description:
          'Public web form (SUP-1). Send an Idempotency-Key to make a retry safe: the same key returns the same ticket; ' +
          'the same key with a different form is refused (422 IDEMPOTENCY_KEY_REUSED). ' +
          'Name, organisation and STIR (SUP-5) may be given here; otherwise the operator asks for them.',
        headers: IdempotencyHeaders,
        body: WebForm,
        response: { 202: IntakeReceipt, ...problemResponses(400, 422, 429, 503) },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      const form = request.body;
      // Scoped to the sender, so two people who happen to pick the same key never meet.
      const externalId = key ? `key:${createHash('sha256').update(`${form.email}\n${key}`).digest('hex')}` : randomUUID();
      // A retry is the same registration; another text under the same key is refused (422) like
      // everywhere else, not answered "duplicate" while the new text is dropped.
      if (key) await refuseReusedKey(db, { scope: 'POST /v1/support/intake/web', key: externalId, requestHash: hashBody(form) });
      const result = await registerInbound(deps, {
        channel: 'web',
        externalId,
        subject: form.subject,
        body: form.message,
        contact: { email: form.email },
        identity: { customerName: form.name, organisation: form.organisation, stir: form.stir },
      });
      return reply
        .code(202)
        .send({ ticket: ticketLabel(result.number), number: result.number, duplicate: result.duplicate, joined: result.joined });
    },
  );

  app.post(
    '/telegram',
    {
      schema: {
        tags,
        description:
          'Telegram Bot API webhook (an Update object). The X-Telegram-Bot-Api-Secret-Token header must match ' +
          'SUPPORT_TELEGRAM_SECRET_TOKEN. Idempotent on update_id; a message from a chat with an open ticket joins it.',
        headers: TelegramHeaders,
        body: TelegramUpdate,
        response: { 200: z.object({ ok: z.literal(true), ticket: z.string().nullable() }), ...problemResponses(400, 401, 503) },
      },
    },
    async (request) => {
      const expected = config.SUPPORT_TELEGRAM_SECRET_TOKEN;
      const given = request.headers['x-telegram-bot-api-secret-token'];
      // Compared as fixed-length digests in constant time, so timing reveals nothing of the secret.
      if (!expected || !given || !timingSafeEqual(digest(expected), digest(given))) {
        throw new DomainError('UNAUTHENTICATED', 'The Telegram secret token is missing or wrong.');
      }
      const update = request.body;
      const text = update.message?.text ?? update.message?.caption;
      // Edits, reactions, stickers …: acknowledged so Telegram does not redeliver, but no request.
      if (!update.message || !text) return { ok: true as const, ticket: null };
      const from = update.message.from;
      // SLA clocks start when the customer wrote (Telegram redelivers late if we were down), but
      // Telegram keeps an undelivered update for 24 h at most: a date outside that window (or
      // no real instant at all — a 500 before) is not when the customer wrote; the arrival is.
      const arrival = Date.now();
      const written = update.message.date * 1000;
      const receivedAt = written <= arrival && arrival - written <= TELEGRAM_UPDATE_KEPT_MS ? written : arrival;
      const result = await registerInbound(
        deps,
        {
          channel: 'telegram',
          externalId: String(update.update_id),
          subject: text.split('\n')[0]!.slice(0, 120),
          body: text,
          contact: { telegramChatId: String(update.message.chat.id) },
          identity: { customerName: from ? [from.first_name, from.last_name].filter(Boolean).join(' ') : undefined },
        },
        new Date(receivedAt),
      );
      return { ok: true as const, ticket: ticketLabel(result.number) };
    },
  );
};

export default supportIntakeRoutes;
