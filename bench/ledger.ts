import { randomBytes, randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDb, type Db } from '../infra/db.ts';
import { startEmbeddedPostgres } from '../infra/embedded-postgres.ts';
import { migrate } from '../infra/migrate.ts';
import { holdFunds } from '../services/money/ledger/holds.ts';
import { runOperation } from '../services/money/ledger/ledger.ts';

// Ledger throughput on this machine (not a test): `npx tsx bench/ledger.ts`.
// Uses the PostgreSQL server at BENCH_DATABASE_URL (any database on it; a throw-away one is
// created next to it) or, when unset, an embedded server. Prints transfers per second for:
//   single account — every transfer debits the same user account (worst-case contention);
//   spread accounts — transfers between random pairs of 1,000 users;
//   holds, spread   — holdFunds from random users (each also credits the one escrow account).
// Settings: BENCH_TRANSFERS (default 2000 per scenario), BENCH_CONCURRENCY (default 16).

const TRANSFERS = Number(process.env.BENCH_TRANSFERS ?? 2_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const USERS = 1_000;

async function serverUrl(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.BENCH_DATABASE_URL) return { url: process.env.BENCH_DATABASE_URL, stop: async () => undefined };
  const dataDir = join(tmpdir(), `maslahat-bench-pg-${randomBytes(4).toString('hex')}`);
  const server = await startEmbeddedPostgres({ dataDir, port: 20_000 + Math.floor(Math.random() * 20_000), persistent: false });
  return {
    url: server.url('postgres'),
    stop: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function admin(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function createUsers(db: Db, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await db.user.createMany({
    data: ids.map((id, i) => ({
      id,
      email: `bench-${i}@example.test`,
      phone: `+99890${String(i).padStart(7, '0')}`,
      passwordHash: 'x',
      fullName: 'Bench User',
    })),
  });
  // One operation funds everyone, as if each had paid through the acquirer.
  await runOperation(db, { key: `bench-fund-${randomUUID()}`, kind: 'bench.fund', request: {} }, async () => ({
    result: null,
    transfers: ids.map((userId) => ({
      kind: 'posted' as const,
      debit: { platform: 'provider_clearing' as const, currency: 'UZS' },
      credit: { userId, currency: 'UZS' },
      amount: 1_000_000_000n,
      description: 'bench funding',
    })),
  }));
  return ids;
}

function transfer(db: Db, from: string, to: string) {
  return runOperation(db, { key: `bench-${randomUUID()}`, kind: 'bench.transfer', request: {} }, async () => ({
    result: null,
    transfers: [
      {
        kind: 'posted' as const,
        debit: { userId: from, currency: 'UZS' },
        credit: { userId: to, currency: 'UZS' },
        amount: 1n,
        description: 'bench',
      },
    ],
  }));
}

async function measure(name: string, one: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < TRANSFERS) await one(next++);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${name.padEnd(34)} ${String(Math.round(TRANSFERS / seconds)).padStart(6)} transfers/s  (${TRANSFERS} in ${seconds.toFixed(2)} s)`,
  );
}

const server = await serverUrl();
const name = `maslahat_bench_${randomBytes(4).toString('hex')}`;
await admin(server.url, `CREATE DATABASE ${name}`);
const url = new URL(server.url);
url.pathname = `/${name}`;
const db = createDb(url.toString());
try {
  await migrate(url.toString());
  const users = await createUsers(db, USERS);
  const random = () => users[Math.floor(Math.random() * users.length)]!;
  console.log(`ledger benchmark: ${TRANSFERS} transfers per scenario, ${CONCURRENCY} concurrent callers, ${USERS} funded users`);
  await measure('single account (one payer)', () => {
    let to = random();
    while (to === users[0]) to = random();
    return transfer(db, users[0]!, to);
  });
  await measure('spread accounts (random pairs)', () => {
    const from = random();
    let to = random();
    while (to === from) to = random();
    return transfer(db, from, to);
  });
  await measure('holds, spread payers (one escrow)', (i) =>
    holdFunds(db, {
      holdKey: `bench-hold-${name}-${i}`,
      userId: random(),
      amount: 1,
      currency: 'UZS',
      description: 'bench hold',
    }),
  );
} finally {
  await db.$disconnect();
  await admin(server.url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await server.stop();
}
