import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../infra/embedded-postgres.ts';
import { migrate } from '../../infra/migrate.ts';
import { startTemporalDevServer } from '../../infra/temporal-dev-server.ts';
import { TEMPLATE_DATABASE } from './database-names.ts';

// Once per run: a PostgreSQL server (TEST_DATABASE_URL's, or an embedded throw-away one),
// a migrated template database every test file copies, and one Temporal dev server shared
// by the end-to-end files (each starts its own worker on its own task queue).

declare module 'vitest' {
  export interface ProvidedContext {
    pgServerUrl: string;
    temporalAddress: string;
  }
}

export default async function setup(project: TestProject) {
  const stops: (() => Promise<void>)[] = [];
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const embedded = await startEmbeddedPostgres({
      dataDir: join(tmpdir(), `maslahat-test-pg-${randomBytes(4).toString('hex')}`),
      port,
      persistent: false,
    });
    stops.push(() => embedded.stop());
    serverUrl = embedded.url('postgres');
  }
  await createTemplate(serverUrl);
  project.provide('pgServerUrl', serverUrl);

  const temporal = await startTemporalDevServer({ port: 20000 + Math.floor(Math.random() * 20000) });
  stops.unshift(() => temporal.stop());
  project.provide('temporalAddress', temporal.address);

  return async () => {
    for (const stop of stops) await stop();
  };
}

async function createTemplate(serverUrl: string) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${TEMPLATE_DATABASE}`;
  await migrate(url.toString());
}
