import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../infra/config.ts';
import { createDb } from '../infra/db.ts';
import { createPaymentProvider } from '../services/payments/index.ts';
import { LocalDiskStorage } from '../services/storage.ts';
import { buildApp } from './app.ts';

// The API's entry point: listen, and close cleanly on SIGTERM/SIGINT (in-flight requests
// finish, then the database and Temporal connections close).
const config = loadConfig();
const db = createDb(config.DATABASE_URL);
const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
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

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  await app.close();
  await connection.close();
  await db.$disconnect();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

await app.listen({ host: config.HOST, port: config.PORT });
