import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyServerOptions } from 'fastify';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from '@fastify/type-provider-zod';
import type { Config } from '../infra/config.ts';
import type { Db } from '../infra/db.ts';
import type { StartFaults } from '../services/platform/temporal/durable-start.ts';
import type { TemporalTarget } from '../services/platform/temporal/gateway.ts';
import type { PaymentProvider } from '../services/money/payments/provider.ts';
import type { FileStorage } from '../services/platform/storage.ts';
import { tokenSettings } from '../services/accounts/tokens.ts';
import { requireVettedSpecialist } from '../services/specialists/vetting.ts';
import auth from './plugins/auth.ts';
import conversationLive from './plugins/conversation-live.ts';
import openapi from './plugins/openapi.ts';
import problemDetails, { frameworkErrors } from './plugins/problem-details.ts';
import textGuard from './plugins/text-guard.ts';
import adminRoutes from './routes/accounts/admin.ts';
import adminMoneyRoutes from './routes/money/admin.ts';
import adminOrderRoutes from './routes/orders/admin.ts';
import adminConsultationRoutes from './routes/consultations/admin.ts';
import consultationRoutes from './routes/consultations/consultations.ts';
import conversationOfferRoutes from './routes/conversations/offers.ts';
import { adminCatalogueRoutes, catalogueRoutes } from './routes/orders/catalogue.ts';
import orderStaffRoutes from './routes/orders/staff.ts';
import orderRoutes from './routes/orders/orders.ts';
import authRoutes from './routes/accounts/auth.ts';
import conversationRoutes from './routes/conversations/conversations.ts';
import conversationEventRoutes from './routes/conversations/events.ts';
import conversationMessageRoutes from './routes/conversations/messages.ts';
import passwordResetPage from './routes/accounts/password-reset-page.ts';
import fileRoutes from './routes/platform/files.ts';
import healthRoutes from './routes/platform/health.ts';
import temporalCodecRoutes from './routes/platform/temporal-codec.ts';
import meRoutes from './routes/accounts/me.ts';
import moneyRoutes from './routes/money/me.ts';
import { checkoutRoutes, webhookRoutes } from './routes/money/payments.ts';
import verificationRoutes from './routes/accounts/verifications.ts';
import directoryRoutes from './routes/specialists/directory.ts';
import myProfileRoutes from './routes/specialists/my-profile.ts';
import catalogueCardRoutes from './routes/support/catalogue-cards.ts';
import supportRoutes from './routes/support/tickets.ts';
import supportAdminRoutes from './routes/support/admin.ts';
import supportIntakeRoutes from './routes/support/intake.ts';
import feedbackRoutes from './routes/support/feedback.ts';

export interface AppDeps {
  config: Config;
  db: Db;
  temporal: TemporalTarget;
  storage: FileStorage;
  payments: PaymentProvider;
  /** Test-only fault hooks (test/api/durable-starts.test.ts); never set in production. */
  faults?: StartFaults;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

// The app as a factory, apart from the listening entry point (api/server.ts): tests build it
// and inject() requests. Plugin order: external wrappers, app decorators, then routes.
export async function buildApp(deps: AppDeps, logger: FastifyServerOptions['logger'] = false) {
  const app = Fastify({
    logger,
    trustProxy: deps.config.TRUST_PROXY,
    // A caller's X-Request-Id is kept (so one id spans systems); otherwise a fresh one.
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { coerceTypes: false } },
    frameworkErrors,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', deps);
  app.addHook('onRequest', async (request, reply) => void reply.header('x-request-id', request.id));

  await app.register(problemDetails);
  await app.register(textGuard);
  await app.register(openapi);
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: deps.config.UPLOAD_MAX_BYTES, files: 1, fields: 10 } });
  await app.register(auth, { db: deps.db, tokens: tokenSettings(deps.config) });
  await app.register(conversationLive, { db: deps.db, databaseUrl: deps.config.DATABASE_URL });

  await app.register(healthRoutes);
  await app.register(authRoutes, { prefix: '/v1/auth' });
  await app.register(passwordResetPage);
  await app.register(meRoutes, { prefix: '/v1/me' });
  await app.register(fileRoutes, { prefix: '/v1/files' });
  await app.register(verificationRoutes, { prefix: '/v1' });
  await app.register(adminRoutes, { prefix: '/v1/admin' });
  await app.register(moneyRoutes, { prefix: '/v1' });
  await app.register(adminMoneyRoutes, { prefix: '/v1/admin' });
  await app.register(webhookRoutes, { prefix: '/v1/payments' });
  await app.register(checkoutRoutes, { prefix: '/v1/payments' });
  await app.register(supportIntakeRoutes, { prefix: '/v1/support/intake' });
  await app.register(supportRoutes, { prefix: '/v1/support' });
  await app.register(supportAdminRoutes, { prefix: '/v1/admin/support' });
  await app.register(feedbackRoutes, { prefix: '/v1' });
  await app.register(catalogueCardRoutes, { prefix: '/v1' });
  await app.register(catalogueRoutes, { prefix: '/v1/catalogue' });
  await app.register(adminCatalogueRoutes, { prefix: '/v1/admin/catalogue' });
  await app.register(orderRoutes, { prefix: '/v1/orders' });
  await app.register(orderStaffRoutes, { prefix: '/v1' });
  await app.register(adminOrderRoutes, { prefix: '/v1/admin/orders' });
  // CHAT-1: a specialist whose credentials are not approved cannot receive chats.
  const assertCanReceiveChats = (specialistId: string) => requireVettedSpecialist(deps.db, specialistId, { audience: 'other' });
  await app.register(conversationRoutes, { prefix: '/v1', assertCanReceiveChats });
  await app.register(conversationMessageRoutes, { prefix: '/v1' });
  await app.register(conversationEventRoutes, { prefix: '/v1' });
  await app.register(directoryRoutes, { prefix: '/v1' });
  await app.register(myProfileRoutes, { prefix: '/v1' });
  await app.register(consultationRoutes, { prefix: '/v1/consultations' });
  await app.register(conversationOfferRoutes, { prefix: '/v1/conversations' });
  await app.register(adminConsultationRoutes, { prefix: '/v1/admin/consultations' });
  await app.register(temporalCodecRoutes, { prefix: '/v1/temporal-codec' });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
