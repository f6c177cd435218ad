import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../infra/config.ts';
import { createDb } from '../infra/db.ts';
import { createMailer } from '../infra/mailer.ts';
import { LocalDiskStorage } from '../services/storage.ts';
import { createPaymentProvider } from '../services/payments/index.ts';
import { createWorker } from './create-worker.ts';
import { startOutboxSweep } from './outbox-sweep.ts';

// The worker's entry point. Worker.run() returns after SIGINT/SIGTERM once in-flight tasks
// are done (the SDK installs those signal handlers).
const config = loadConfig();
const db = createDb(config.DATABASE_URL);
const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
const clientConnection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
const client = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE });
const worker = await createWorker({
  connection,
  client,
  namespace: config.TEMPORAL_NAMESPACE,
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  db,
  mailer: createMailer(config.SMTP_URL),
  mailFrom: config.MAIL_FROM,
  publicBaseUrl: config.PUBLIC_BASE_URL,
  storage: new LocalDiskStorage(config.STORAGE_DIR),
  payments: createPaymentProvider(config, db),
});
console.log(`worker polling task queue "${config.TEMPORAL_TASK_QUEUE}" on ${config.TEMPORAL_ADDRESS}`);
const stopSweep = startOutboxSweep(db, { client, taskQueue: config.TEMPORAL_TASK_QUEUE }, {
  intervalMs: 60_000,
  graceMs: 2 * 60_000,
  log: (message) => console.log(message),
});
await worker.run();
stopSweep();
await clientConnection.close();
await connection.close();
await db.$disconnect();
