import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker, WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../../activities/index.ts';
import { DEV_PAYMENTS_WEBHOOK_SECRET } from '../../infra/config.ts';
import { createMailer } from '../../infra/mailer.ts';
import { SandboxAcquirer } from '../../services/money/payments/sandbox-acquirer.ts';
import { createWorker, type WorkerDeps } from '../../worker/create-worker.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { startSmtpCapture } from './smtp.ts';
import { startTimeSkippingEnvironment } from './time-skipping.ts';
import { testDataConverter } from './config.ts';

// Workflow tests on the time-skipping server with the real activities, a fresh database and a
// loopback SMTP server: one world per test file, closed in afterAll.
export interface WorkflowWorld {
  env: TestWorkflowEnvironment;
  database: TestDatabase;
  smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
  taskQueue: string;
  close(): Promise<void>;
}

export type RealActivities = ReturnType<typeof createActivities>;

export async function startWorkflowWorld(options: {
  taskQueue: string;
  /** Extra worker dependencies (storage, Telegram sender…). */
  deps?: Partial<WorkerDeps>;
  /** Replaces some real activities with doubles (workflow unit tests only). */
  activities?: (real: RealActivities) => Partial<RealActivities> & object;
}): Promise<WorkflowWorld> {
  const env = await startTimeSkippingEnvironment();
  const database = await createTestDatabase();
  const smtp = await startSmtpCapture();
  const deps: WorkerDeps = {
    connection: env.nativeConnection,
    client: env.client,
    dataConverter: testDataConverter(),
    namespace: env.namespace ?? 'default',
    taskQueue: options.taskQueue,
    db: database.db,
    mailer: createMailer(smtp.url),
    mailFrom: 'test@maslahat.test',
    publicBaseUrl: 'http://maslahat.test',
    payments: new SandboxAcquirer({ db: database.db, secret: DEV_PAYMENTS_WEBHOOK_SECRET, publicBaseUrl: 'http://maslahat.test' }),
    ...options.deps,
  };
  const extra: Partial<WorkerOptions> = {};
  if (options.activities) {
    const real = createActivities({ ...deps, temporal: { client: env.client, taskQueue: options.taskQueue } });
    extra.activities = { ...real, ...options.activities(real) };
  }
  const worker: Worker = await createWorker(deps, extra);
  const running = worker.run();
  return {
    env,
    database,
    smtp,
    taskQueue: options.taskQueue,
    async close() {
      worker.shutdown();
      await running;
      await smtp.stop();
      await database.drop();
      await env.teardown();
    },
  };
}
