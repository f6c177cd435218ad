import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_MIGRATIONS_DIR } from '../infra/migrate.ts';
import { readCurrentSchema, schemaDiffSql } from '../infra/schema-sql.ts';

// `npm run db:new-migration -- <name>`: writes the SQL that moves the committed schema.prisma
// (HEAD) to the working-tree one. The migrations test proves HEAD's schema equals the
// migrations, so this diff is exactly the next migration. Commit schema and migration together.
const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npm run db:new-migration -- <snake_case_name>');
  process.exit(2);
}
const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
let committed: string | undefined;
try {
  committed = execFileSync('git', ['show', 'HEAD:prisma/schema.prisma'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
} catch {
  committed = undefined; // no commit yet: the first migration starts from an empty database
}
const sql = await schemaDiffSql({ databaseUrl, fromSchema: committed, toSchema: await readCurrentSchema() });
if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
  console.log('schema.prisma matches the committed schema: no migration written');
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = join(DEFAULT_MIGRATIONS_DIR, `${stamp}_${name}`);
await mkdir(dir, { recursive: true });
await writeFile(join(dir, 'migration.sql'), sql);
console.log(`wrote ${dir}/migration.sql`);
