import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

// Turns schema.prisma into the SQL that creates it (or moves an older schema to it) with
// Prisma 6's WebAssembly schema engine from tools/schema-diff: Prisma 7's CLI needs a native
// engine that cannot be downloaded here. The adapter in tools/schema-diff/prisma.config.ts
// connects to `databaseUrl` but a datamodel-to-datamodel diff reads nothing from it.

const run = promisify(execFile);
const toolDir = fileURLToPath(new URL('../tools/schema-diff/', import.meta.url));
export const SCHEMA_PATH = fileURLToPath(new URL('../prisma/schema.prisma', import.meta.url));

// Prisma 6 still wants the datasource url in the schema; Prisma 7 forbids it there.
function asPrisma6Schema(schema: string): string {
  return schema.replace(/datasource db \{/, 'datasource db {\n  url = env("DATABASE_URL")');
}

export async function schemaDiffSql(options: { databaseUrl: string; toSchema: string; fromSchema?: string }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'maslahat-schema-'));
  try {
    const toPath = join(dir, 'to.prisma');
    await writeFile(toPath, asPrisma6Schema(options.toSchema));
    const from = ['--from-empty'];
    if (options.fromSchema !== undefined) {
      const fromPath = join(dir, 'from.prisma');
      await writeFile(fromPath, asPrisma6Schema(options.fromSchema));
      from.splice(0, 1, '--from-schema-datamodel', fromPath);
    }
    const { stdout } = await run(
      join(toolDir, 'node_modules/.bin/prisma'),
      ['migrate', 'diff', ...from, '--to-schema-datamodel', toPath, '--script'],
      {
        cwd: toolDir,
        env: {
          ...process.env,
          DATABASE_URL: options.databaseUrl,
          // Any existing file stops the CLI from downloading engines it does not use here.
          PRISMA_QUERY_ENGINE_LIBRARY: '/bin/true',
          PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true',
          PRISMA_HIDE_UPDATE_MESSAGE: '1',
        },
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function readCurrentSchema(): Promise<string> {
  return readFile(SCHEMA_PATH, 'utf8');
}
