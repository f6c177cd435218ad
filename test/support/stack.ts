import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import { buildApp, type App } from '../../api/app.ts';
import { createMailer } from '../../infra/mailer.ts';
import { createPaymentProvider } from '../../services/money/payments/index.ts';
import type { PaymentProvider } from '../../services/money/payments/provider.ts';
import { SandboxAcquirer } from '../../services/money/payments/sandbox-acquirer.ts';
import type { StartFaults } from '../../services/platform/temporal/durable-start.ts';
import { LocalDiskStorage } from '../../services/platform/storage.ts';
import { createWorker } from '../../worker/create-worker.ts';
import { testConfig } from './config.ts';
import { temporalDataConverter } from '../../infra/temporal-client.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { startSmtpCapture } from './smtp.ts';

// The whole service for one test file, from real parts: its own database, the shared
// Temporal dev server with a worker on this file's own task queue, a loopback SMTP server,
// and the HTTP app (requests go through inject(), no port).
export interface Stack {
  app: App;
  database: TestDatabase;
  client: Client;
  taskQueue: string;
  /** The sandbox acquirer; its webhooks reach `app` through inject(). */
  payments: PaymentProvider;
  smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
  /** Stops this file's worker, as when the worker process is down; the rest keeps running. */
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

/** `faults`: test-only hooks into the services (durable-starts.test.ts makes a request die with them). */
export async function startStack(configOverrides: Record<string, string> = {}, options: { faults?: StartFaults } = {}): Promise<Stack> {
  const address = inject('temporalAddress');
  const taskQueue = `test-${randomBytes(4).toString('hex')}`;
  const database = await createTestDatabase();
  const smtp = await startSmtpCapture();
  const storageDir = await mkdtemp(join(tmpdir(), 'maslahat-files-'));
  const config = testConfig({
    DATABASE_URL: database.url,
    TEMPORAL_ADDRESS: address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    SMTP_URL: smtp.url,
    STORAGE_DIR: storageDir,
    ...configOverrides,
  });
  const connection = await Connection.connect({ address });
  const dataConverter = temporalDataConverter(config);
  const client = new Client({ connection, dataConverter });
  const nativeConnection = await NativeConnection.connect({ address });
  // The acquirer's webhooks take the same route as over HTTP, through inject() (no port).
  let deliverTo: App | undefined;
  const payments = createPaymentProvider(config, database.db, async (request) => {
    const response = await deliverTo!.inject({
      method: 'POST',
      url: new URL(request.url).pathname,
      headers: request.headers,
      payload: request.body,
    });
    return response.statusCode;
  });
  const worker: Worker = await createWorker({
    connection: nativeConnection,
    client,
    dataConverter,
    namespace: 'default',
    taskQueue,
    db: database.db,
    mailer: createMailer(smtp.url),
    mailFrom: config.MAIL_FROM,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    storage: new LocalDiskStorage(storageDir),
    payments,
  });
  const running = worker.run();
  let stopped = false;
  const stopWorker = async () => {
    // Once only: a second shutdown() of the same worker throws.
    if (!stopped) worker.shutdown();
    stopped = true;
    await running;
  };
  const app = await buildApp({
    config,
    db: database.db,
    temporal: { client, taskQueue },
    storage: new LocalDiskStorage(storageDir),
    payments,
    ...(options.faults && { faults: options.faults }),
  });
  deliverTo = app;
  return {
    app,
    database,
    client,
    taskQueue,
    payments,
    smtp,
    stopWorker,
    async close() {
      // Webhooks still on their way would otherwise reach a closed app and a dropped database.
      if (payments instanceof SandboxAcquirer) await payments.idle();
      await app.close();
      await stopWorker();
      await nativeConnection.close();
      await connection.close();
      await smtp.stop();
      await database.drop();
      await rm(storageDir, { recursive: true, force: true });
    },
  };
}
