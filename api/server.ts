import { loadConfig } from '../infra/config.ts';
import { createDb } from '../infra/db.ts';
import { connectTemporalClient } from '../infra/temporal-client.ts';
import { createPaymentProvider } from '../services/money/payments/index.ts';
import { startSupportMailListener } from '../infra/support-mail-listener.ts';
import { registerInbound } from '../services/support/intake.ts';
import { supportSettings } from '../services/support/ticket-workflows.ts';
import { LocalDiskStorage } from '../services/platform/storage.ts';
import { buildApp } from './app.ts';

// The API's entry point: listen, and close cleanly on SIGTERM/SIGINT (in-flight requests
// finish, then the database and Temporal connections close).
const config = loadConfig();
const db = createDb(config.DATABASE_URL);
const { client, connection } = await connectTemporalClient(config);
const app = await buildApp(
  {
    config,
    db,
    temporal: { client, taskQueue: config.TEMPORAL_TASK_QUEUE },
    storage: new LocalDiskStorage(config.STORAGE_DIR),
    payments: createPaymentProvider(config, db),
  },
  { level: config.LOG_LEVEL },
);

// SUP-1, e-mail channel: the support mailbox's inbound SMTP listener (SUPPORT_SMTP_PORT=0 turns it off).
const supportDeps = { db, temporal: { client, taskQueue: config.TEMPORAL_TASK_QUEUE }, settings: supportSettings(config) };
const mailListener =
  config.SUPPORT_SMTP_PORT === 0
    ? undefined
    : await startSupportMailListener({
        host: config.SUPPORT_SMTP_HOST,
        port: config.SUPPORT_SMTP_PORT,
        register: (message) => registerInbound(supportDeps, message),
        onError: (error) => app.log.warn({ err: error }, 'inbound support mail deferred'),
      });

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  await app.close();
  await mailListener?.stop();
  await connection.close();
  await db.$disconnect();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

await app.listen({ host: config.HOST, port: config.PORT });
