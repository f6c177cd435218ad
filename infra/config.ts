import { z } from 'zod';
import { parsePayloadKeys, PAYLOAD_KEY_ID, type PayloadKeyring } from './payload-codec.ts';

// Configuration is read from the environment once, at boot, and validated here; nothing else
// reads process.env. Defaults are the embedded development set-up (README, "Configuration").
const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

export const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    PUBLIC_BASE_URL: z.url().default('http://127.0.0.1:3000'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATABASE_URL: z.url(),
    TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
    TEMPORAL_NAMESPACE: z.string().default('default'),
    TEMPORAL_TASK_QUEUE: z.string().default('maslahat'),
    // How long a read waits for a workflow's query before it answers from the database mirror:
    // with no worker running, Temporal holds a query until one polls.
    WORKFLOW_QUERY_TIMEOUT_MS: z.coerce.number().int().positive().default(2000),
    // Payload encryption (infra/payload-codec.ts): comma-separated `id:base64key` entries of
    // 32-byte AES keys; PAYLOAD_KEY_ID names the one that encrypts (default: the first). Old keys
    // stay listed so payloads they sealed still decrypt. `npm start` keeps a development key in
    // .data/payload-keys; everywhere else it must be set.
    PAYLOAD_KEYS: z.string().superRefine((text, context) => {
      const parsed = parsePayloadKeys(text);
      if (typeof parsed === 'string') context.addIssue({ code: 'custom', message: parsed });
    }),
    PAYLOAD_KEY_ID: z.string().regex(PAYLOAD_KEY_ID, 'a key id of PAYLOAD_KEYS').optional(),
    // Origin(s) of the Temporal UI, comma-separated: the only pages allowed to call the codec
    // endpoint (/v1/temporal-codec) from a browser. Default: the UI of `npm start`'s dev server.
    TEMPORAL_UI_ORIGIN: z
      .string()
      .default('http://127.0.0.1:8233,http://localhost:8233')
      .transform((text) => text.split(',').map((origin) => origin.trim()))
      .pipe(z.array(z.url().transform((url) => new URL(url).origin))),
    JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters'),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce
      .number()
      .int()
      .positive()
      .default(15 * 60),
    REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().positive().default(1),
    REMEMBER_ME_REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().positive().default(30),
    PASSWORD_RESET_TTL_MINUTES: z.coerce.number().int().positive().default(60),
    LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(10),
    SMTP_URL: z.string().default('smtp://127.0.0.1:1025'),
    MAIL_FROM: z.string().default('Maslahat <no-reply@maslahat.local>'),
    STORAGE_DIR: z.string().default('.data/uploads'),
    UPLOAD_MAX_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(10 * 1024 * 1024),
    TRUST_PROXY: booleanFlag.default(false),
    // Support desk (SUP-1…SUP-8).
    SUPPORT_SUPERVISOR_EMAIL: z.email().default('supervisor@maslahat.local'),
    // Reply-To of mail to customers: the support mailbox, whose mail reaches the SMTP listener below.
    SUPPORT_REPLY_TO: z.email().default('support@maslahat.local'),
    SUPPORT_QUALITY_SAMPLE_PERCENT: z.coerce.number().int().min(0).max(100).default(10),
    SUPPORT_SLA_WARNING_PERCENT: z.coerce.number().int().min(1).max(99).default(75),
    SUPPORT_PAUSE_RESOLUTION_WHILE_WAITING: booleanFlag.default(true),
    SUPPORT_WEB_FORM_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(5),
    // The `secret_token` given to Telegram's setWebhook; unset, the Telegram intake refuses every call.
    SUPPORT_TELEGRAM_SECRET_TOKEN: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,256}$/, 'Telegram allows 1–256 of A-Z a-z 0-9 _ -; use at least 16')
      .optional(),
    // Answers to Telegram customers go out through this bot (unset: they are only kept on record).
    SUPPORT_TELEGRAM_BOT_TOKEN: z
      .string()
      .regex(/^\d+:[\w-]{20,}$/, 'a Bot API token looks like 123456:ABC-…')
      .optional(),
    SUPPORT_TELEGRAM_API_URL: z.url().default('https://api.telegram.org'),
    // Inbound SMTP listener for support e-mail; port 0 turns it off.
    SUPPORT_SMTP_HOST: z.string().default('127.0.0.1'),
    SUPPORT_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2526),
    // EL-ORD-2: an order not paid within this many minutes expires and creates no obligation.
    ORDER_PAYMENT_WINDOW_MINUTES: z.coerce.number().int().positive().default(60),
    // Chat consultations (yuridik.uz): priced in Uzbek so'm; the platform keeps 15 % of each
    // completed consultation (a business setting; the source names no figure).
    CONSULTATION_CURRENCY: z
      .string()
      .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as UZS')
      .default('UZS'),
    CONSULTATION_COMMISSION_BPS: z.coerce.number().int().min(0).max(10_000).default(1500),
    // The acquirer behind services/money/payments/provider.ts; the built-in sandbox is the only one yet.
    PAYMENTS_PROVIDER: z.enum(['sandbox']).default('sandbox'),
    // HMAC key of the acquirer's webhooks. Required in production; development and tests fall
    // back to a fixed, public key (DEV_PAYMENTS_WEBHOOK_SECRET).
    PAYMENTS_WEBHOOK_SECRET: z.string().min(32, 'PAYMENTS_WEBHOOK_SECRET must be at least 32 characters').optional(),
    // Where the sandbox acquirer delivers its webhooks; default PUBLIC_BASE_URL's webhook route.
    // Set it when the worker cannot reach the API at its public URL (docker compose: http://api:3000).
    PAYMENTS_SANDBOX_WEBHOOK_URL: z.url().optional(),
  })
  .superRefine((config, context) => {
    const keys = parsePayloadKeys(config.PAYLOAD_KEYS);
    if (config.PAYLOAD_KEY_ID !== undefined && typeof keys !== 'string' && !keys.has(config.PAYLOAD_KEY_ID)) {
      context.addIssue({ code: 'custom', path: ['PAYLOAD_KEY_ID'], message: `"${config.PAYLOAD_KEY_ID}" is not a key id of PAYLOAD_KEYS` });
    }
    if (config.NODE_ENV === 'production' && config.PAYMENTS_WEBHOOK_SECRET === undefined) {
      context.addIssue({ code: 'custom', path: ['PAYMENTS_WEBHOOK_SECRET'], message: 'required in production' });
    }
  });

export const DEV_PAYMENTS_WEBHOOK_SECRET = 'dev-only-sandbox-webhook-secret-not-for-production';

export function paymentsWebhookSecret(config: Pick<Config, 'NODE_ENV' | 'PAYMENTS_WEBHOOK_SECRET'>): string {
  if (config.PAYMENTS_WEBHOOK_SECRET !== undefined) return config.PAYMENTS_WEBHOOK_SECRET;
  if (config.NODE_ENV === 'production') throw new Error('PAYMENTS_WEBHOOK_SECRET is required in production');
  return DEV_PAYMENTS_WEBHOOK_SECRET;
}

export type Config = z.infer<typeof ConfigSchema>;

/** The payload keys of a validated configuration (loadConfig has checked them). */
export function payloadKeyring(config: Pick<Config, 'PAYLOAD_KEYS' | 'PAYLOAD_KEY_ID'>): PayloadKeyring {
  const keys = parsePayloadKeys(config.PAYLOAD_KEYS);
  if (typeof keys === 'string') throw new Error(`PAYLOAD_KEYS: ${keys}`);
  return { keys, encryptWith: config.PAYLOAD_KEY_ID ?? [...keys.keys()][0]! };
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
  }
  return parsed.data;
}
