import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDb, type Db } from '../../infra/db.ts';
import { TEMPLATE_DATABASE, TEST_DATABASE_PREFIX } from './database-names.ts';

// A fresh database per test file, copied from the migrated template (fast: no migrations).
export interface TestDatabase {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

export function databaseUrl(name: string, serverUrl = inject('pgServerUrl')): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('pgServerUrl') });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function createEmptyDatabase(): Promise<string> {
  const name = `${TEST_DATABASE_PREFIX}${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${name}`));
  return name;
}

export async function dropDatabase(name: string): Promise<void> {
  if (!name.startsWith(TEST_DATABASE_PREFIX)) throw new Error(`refusing to drop ${name}: not a test database`);
  await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `${TEST_DATABASE_PREFIX}${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`));
  const url = databaseUrl(name);
  const db = createDb(url);
  // Every test file has its own database but all share one Temporal namespace, and a ticket's
  // workflow id is its number (`ticket-<n>`): each database numbers its tickets from its own
  // random block, so two files' ticket 1 are never the same workflow.
  const firstTicket = 1 + (randomBytes(4).readUInt32BE() % 1_000_000_000);
  await db.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('support_tickets', 'number'), ${firstTicket}, false)`);
  return {
    url,
    db,
    async drop() {
      await db.$disconnect();
      await dropDatabase(name);
    },
  };
}
