import { fileURLToPath } from 'node:url';
import type { Client } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Transporter } from 'nodemailer';
import { createActivities } from '../activities/index.ts';
import type { Db } from '../infra/db.ts';
import type { FileStorage } from '../services/platform/storage.ts';
import type { PaymentProvider } from '../services/money/payments/provider.ts';
import type { TelegramSender } from '../infra/telegram-bot.ts';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export interface WorkerDeps {
  connection: NativeConnection;
  client: Client;
  /** The encrypting data converter (infra/temporal-client.ts): the same as the client's. */
  dataConverter: DataConverter;
  namespace: string;
  taskQueue: string;
  db: Db;
  mailer: Transporter;
  mailFrom: string;
  publicBaseUrl: string;
  storage?: FileStorage;
  payments: PaymentProvider;
  supportSupervisorEmail?: string | undefined;
  telegram?: TelegramSender | undefined;
}

// Shared by the worker entry point and the tests, so both run exactly the same wiring.
export async function createWorker(deps: WorkerDeps, extra: Partial<WorkerOptions> = {}): Promise<Worker> {
  return Worker.create({
    connection: deps.connection,
    namespace: deps.namespace,
    taskQueue: deps.taskQueue,
    workflowsPath: WORKFLOWS_PATH,
    dataConverter: deps.dataConverter,
    activities: createActivities({
      db: deps.db,
      mailer: deps.mailer,
      mailFrom: deps.mailFrom,
      temporal: { client: deps.client, taskQueue: deps.taskQueue },
      publicBaseUrl: deps.publicBaseUrl,
      ...(deps.storage && { storage: deps.storage }),
      payments: deps.payments,
      supportSupervisorEmail: deps.supportSupervisorEmail,
      telegram: deps.telegram,
    }),
    ...extra,
  });
}
