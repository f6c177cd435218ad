import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MIGRATIONS_DIR, migrate, readMigrations } from '../../infra/migrate.ts';
import { readCurrentSchema, schemaDiffSql } from '../../infra/schema-sql.ts';
import { createEmptyDatabase, databaseUrl, dropDatabase } from '../support/database.ts';

// The migrations, applied by our runner, must build exactly the database schema.prisma
// describes: we compare the catalog of a migrated database with one built from the SQL that
// Prisma's own engine derives from schema.prisma.

const CATALOG_QUERIES = {
  columns: `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length,
                   datetime_precision
              FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
             ORDER BY table_name, column_name`,
  indexes: `SELECT tablename, indexname, indexdef FROM pg_indexes
             WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename, indexname`,
  constraints: `SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS definition
                  FROM pg_constraint WHERE connamespace = 'public'::regnamespace
                   AND conrelid::regclass::text <> '_prisma_migrations' ORDER BY 1, 2`,
  enums: `SELECT t.typname, e.enumlabel, e.enumsortorder FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
           ORDER BY t.typname, e.enumsortorder`,
};

async function catalog(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const entries = await Promise.all(
      Object.entries(CATALOG_QUERIES).map(async ([name, sql]) => [name, (await client.query(sql)).rows] as const),
    );
    return Object.fromEntries(entries);
  } finally {
    await client.end();
  }
}

async function runSql(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const created: string[] = [];
async function freshDatabase(): Promise<string> {
  const name = await createEmptyDatabase();
  created.push(name);
  return databaseUrl(name);
}

let migratedUrl: string;
beforeAll(async () => {
  migratedUrl = await freshDatabase();
  await migrate(migratedUrl);
});
afterAll(async () => {
  for (const name of created) await dropDatabase(name);
});

describe('migrations', () => {
  it('build exactly the database that schema.prisma describes', async () => {
    const expectedUrl = await freshDatabase();
    await runSql(expectedUrl, await schemaDiffSql({ databaseUrl: expectedUrl, toSchema: await readCurrentSchema() }));
    const [actual, expected] = await Promise.all([catalog(migratedUrl), catalog(expectedUrl)]);
    expect(actual.columns?.length).toBeGreaterThan(20);
    expect(actual).toEqual(expected);
  });

  it("keep Prisma's bookkeeping, so `prisma migrate status` agrees on a connected machine", async () => {
    const migrations = await readMigrations();
    const client = new pg.Client({ connectionString: migratedUrl });
    await client.connect();
    const { rows } = await client.query(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );
    await client.end();
    expect(rows.map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name));
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toBe(migrations[i]!.checksum);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('apply nothing the second time', async () => {
    const again = await migrate(migratedUrl);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toHaveLength((await readMigrations()).length);
  });

  it('refuse to run when an applied migration was edited', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'maslahat-migrations-'));
    try {
      await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
      const [first] = await readMigrations(dir);
      await writeFile(join(dir, first!.name, 'migration.sql'), `${first!.sql}\n-- edited\n`);
      await expect(migrate(migratedUrl, dir)).rejects.toThrow(/edited after it was applied/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('roll back a failing migration whole and record nothing', async () => {
    const url = await freshDatabase();
    const dir = await mkdtemp(join(tmpdir(), 'maslahat-migrations-'));
    try {
      await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
      const broken = join(dir, '99990101000000_broken');
      await cp(join(dir, (await readMigrations(dir))[0]!.name), broken, { recursive: true });
      await writeFile(join(broken, 'migration.sql'), 'CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;');
      await expect(migrate(url, dir)).rejects.toThrow(/99990101000000_broken failed/);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const tables = await client.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'");
      const recorded = await client.query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '99990101000000_broken'`);
      await client.end();
      expect(tables.rowCount).toBe(0);
      expect(recorded.rowCount).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
