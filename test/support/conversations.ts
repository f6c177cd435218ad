import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { inject } from 'vitest';
import { buildApp, type App } from '../../api/app.ts';
import { createDb, type Db } from '../../infra/db.ts';
import { createPaymentProvider } from '../../services/money/payments/index.ts';
import { LocalDiskStorage } from '../../services/platform/storage.ts';
import { testConfig, testDataConverter } from './config.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { registerAndLogin, registerSpecialist } from './factories.ts';

// The conversation tests need no workflow: API instances on one test database, each with its
// own Prisma client (as separate processes would have), sharing the uploads folder. Temporal is
// the shared dev server, connected to but not used.
export interface ApiInstances {
  apps: App[];
  dbs: Db[];
  database: TestDatabase;
  close(): Promise<void>;
}

export async function startApiInstances(count: number): Promise<ApiInstances> {
  const database = await createTestDatabase();
  const storageDir = await mkdtemp(join(tmpdir(), 'maslahat-files-'));
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  const client = new Client({ connection, dataConverter: testDataConverter() });
  const config = testConfig({ DATABASE_URL: database.url, STORAGE_DIR: storageDir, UPLOAD_MAX_BYTES: '4096' });
  const apps: App[] = [];
  const dbs: Db[] = [];
  for (let i = 0; i < count; i += 1) {
    const db = i === 0 ? database.db : createDb(database.url);
    dbs.push(db);
    apps.push(
      await buildApp({
        config,
        db,
        temporal: { client, taskQueue: 'conversations-unused' },
        storage: new LocalDiskStorage(storageDir),
        payments: createPaymentProvider(config, db),
      }),
    );
  }
  return {
    apps,
    dbs,
    database,
    async close() {
      for (const app of apps) await app.close();
      for (const db of dbs.slice(1)) await db.$disconnect();
      await connection.close();
      await database.drop();
      await rm(storageDir, { recursive: true, force: true });
    },
  };
}

/** A client and a vetted specialist (registered through the API) and their conversation. */
export async function clientAndSpecialist(app: App) {
  const client = await registerAndLogin(app);
  const specialist = await registerSpecialist(app, app.deps.db);
  const started = await app.inject({
    method: 'POST',
    url: '/v1/conversations',
    headers: client.auth,
    payload: { specialistId: specialist.user.id },
  });
  if (started.statusCode !== 201) throw new Error(`start failed: ${started.body}`);
  return { client, specialist, conversationId: started.json<{ id: string }>().id };
}

export function sendMessage(app: App, auth: Record<string, string>, conversationId: string, payload: object, key?: string) {
  return app.inject({
    method: 'POST',
    url: `/v1/conversations/${conversationId}/messages`,
    headers: { ...auth, ...(key && { 'idempotency-key': key }) },
    payload,
  });
}

export interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
}

/**
 * A real HTTP connection to a listening app, read as Server-Sent Events (as a fetch-based
 * client in a browser reads it). `next()` gives the events in order.
 */
export async function openEventStream(url: string, headers: Record<string, string>) {
  const abort = new AbortController();
  const response = await fetch(url, { headers, signal: abort.signal });
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const waiters: (() => void)[] = [];
  let buffer = '';
  const pump = (async () => {
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event: SseEvent = {};
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) comments.push(line);
          const match = /^(id|event|data): ?(.*)$/.exec(line);
          if (match) event[match[1] as keyof SseEvent] = match[2];
        }
        if (event.data !== undefined) events.push(event);
        waiters.splice(0).forEach((wake) => wake());
      }
    }
  })().catch(() => undefined);
  let taken = 0;
  return {
    response,
    comments,
    async next(timeoutMs = 10_000): Promise<SseEvent> {
      const deadline = Date.now() + timeoutMs;
      while (events.length <= taken) {
        if (Date.now() > deadline) throw new Error(`no event within ${timeoutMs} ms (got ${events.length})`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
      return events[taken++]!;
    },
    /** Events received and not yet taken by next(). */
    pending: () => events.slice(taken),
    async close() {
      abort.abort();
      await pump;
    },
    ended: pump,
  };
}
