import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../infra/config.ts';
import { createDb } from '../infra/db.ts';
import { connectTemporalClient, temporalDataConverter } from '../infra/temporal-client.ts';
import { createMailer } from '../infra/mailer.ts';
import { LocalDiskStorage } from '../services/platform/storage.ts';
import { createPaymentProvider } from '../services/money/payments/index.ts';
import { createTelegramBotSender } from '../infra/telegram-bot.ts';
import { sweepOutbox } from '../services/platform/outbox.ts';
import { supportSettings, sweepUndeliveredIntake } from '../services/support/ticket-workflows.ts';
import { createWorker } from './create-worker.ts';
import { runPeriodically } from './periodic.ts';
import { sweepPendingStarts } from './start-sweep.ts';
import { START_SWEEP_INTERVAL_MS } from '../services/platform/temporal/durable-start.ts';

// The worker's entry point. Worker.run() returns after SIGINT/SIGTERM once in-flight tasks
// are done (the SDK installs those signal handlers).
const config = loadConfig();
const db = createDb(config.DATABASE_URL);
const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
const { client, connection: clientConnection } = await connectTemporalClient(config);
const worker = await createWorker({
  connection,
  client,
  dataConverter: temporalDataConverter(config),
  namespace: config.TEMPORAL_NAMESPACE,
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  db,
  mailer: createMailer(config.SMTP_URL),
  mailFrom: config.MAIL_FROM,
  publicBaseUrl: config.PUBLIC_BASE_URL,
  storage: new LocalDiskStorage(config.STORAGE_DIR),
  payments: createPaymentProvider(config, db),
  supportSupervisorEmail: config.SUPPORT_SUPERVISOR_EMAIL,
  telegram: config.SUPPORT_TELEGRAM_BOT_TOKEN
    ? createTelegramBotSender({ apiBaseUrl: config.SUPPORT_TELEGRAM_API_URL, token: config.SUPPORT_TELEGRAM_BOT_TOKEN })
    : undefined,
});
console.log(`worker polling task queue "${config.TEMPORAL_TASK_QUEUE}" on ${config.TEMPORAL_ADDRESS}`);
const temporal = { client, taskQueue: config.TEMPORAL_TASK_QUEUE };
const log = (message: string) => console.log(message);
const stopSweeps = [
  // No mail is lost: an outbox row whose delivery never started is dispatched again.
  runPeriodically('outbox sweep', 60_000, () => sweepOutbox(db, temporal, { now: new Date(), graceMs: 2 * 60_000, limit: 100 }), log),
  // SUP-1: start any ticket workflow (or deliver any reply) an intake left undone.
  // Durable starts: start the workflow of any order, card or verification a crash left pending.
  runPeriodically('start sweep', START_SWEEP_INTERVAL_MS, () => sweepPendingStarts({ db, temporal }), log),
  runPeriodically('support intake sweep', 60_000, () => sweepUndeliveredIntake({ db, temporal, settings: supportSettings(config) }), log),
];
await worker.run();
for (const stop of stopSweeps) stop();
await clientConnection.close();
await connection.close();
await db.$disconnect();
