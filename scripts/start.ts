import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import exitHook from 'async-exit-hook';
import { startDevMailSink } from '../infra/dev-mail-sink.ts';
import { DEFAULT_EMBEDDED_PG_PORT, SERVICE_DATABASE } from '../infra/embedded-postgres-url.ts';
import { startEmbeddedPostgres } from '../infra/embedded-postgres.ts';
import { migrate } from '../infra/migrate.ts';
import { newPayloadKeyEntry } from '../infra/payload-codec.ts';
import { startTemporalDevServer, stopChild } from '../infra/temporal-dev-server.ts';

// `npm start`: the whole service on one machine with nothing installed by hand. Whatever is
// configured (DATABASE_URL, TEMPORAL_ADDRESS, SMTP_URL) is used; whatever is not is started
// here with its data under .data/, so a restart keeps everything. Ctrl-C stops it all.

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = `${root}.data`;
const env: Record<string, string> = { ...(process.env as Record<string, string>) };
const stops: (() => Promise<void>)[] = [];
const log = (line: string) => console.log(`[start] ${line}`);

async function main() {
  await mkdir(dataDir, { recursive: true });
  if (!env.DATABASE_URL) {
    log('starting embedded PostgreSQL (data in .data/postgres)');
    const pg = await startEmbeddedPostgres({
      dataDir: `${dataDir}/postgres`,
      port: Number(env.EMBEDDED_PG_PORT ?? DEFAULT_EMBEDDED_PG_PORT),
      persistent: true,
    });
    stops.unshift(() => pg.stop());
    await pg.createDatabase(SERVICE_DATABASE);
    env.DATABASE_URL = pg.url(SERVICE_DATABASE);
  }
  const result = await migrate(env.DATABASE_URL);
  log(`migrations: ${result.applied.length} applied, ${result.alreadyApplied.length} already there`);

  let temporalUi = 'the Temporal UI of your own server';
  if (!env.TEMPORAL_ADDRESS) {
    log('starting the Temporal dev server (data in .data/temporal.db)');
    // The UI shows payloads decrypted through the API's codec endpoint (README, "Reading
    // encrypted payloads").
    const codecEndpoint = `${env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${env.PORT ?? '3000'}`}/v1/temporal-codec`;
    const temporal = await startTemporalDevServer({ port: 7233, uiPort: 8233, dbFile: `${dataDir}/temporal.db`, codecEndpoint });
    stops.unshift(() => temporal.stop());
    env.TEMPORAL_ADDRESS = temporal.address;
    temporalUi = temporal.uiUrl!;
  }
  if (!env.SMTP_URL) {
    const sink = await startDevMailSink({ port: 2525, dir: `${dataDir}/mail`, log });
    stops.unshift(() => sink.stop());
    env.SMTP_URL = 'smtp://127.0.0.1:2525';
  }
  env.JWT_SECRET ??= await devJwtSecret();
  env.PAYLOAD_KEYS ??= await devPayloadKeys();
  env.STORAGE_DIR ??= `${dataDir}/uploads`;

  const children = [launch('worker', 'worker/main.ts'), launch('api', 'api/server.ts')];
  stops.unshift(() => Promise.all(children.map((c) => stopChild(c))).then(() => undefined));
  const port = env.PORT ?? '3000';
  log(`API            http://127.0.0.1:${port}   (ready: /readyz)`);
  log(`API docs       http://127.0.0.1:${port}/docs`);
  log(`Temporal UI    ${temporalUi}`);
  log(`Outgoing mail  ${env.SMTP_URL}${env.SMTP_URL.endsWith(':2525') ? ' (saved in .data/mail)' : ''}`);
  log('Ctrl-C stops everything; data is kept for the next start.');
}

// Development only: a secret kept under .data so sessions survive restarts. Production must
// set JWT_SECRET itself (docker-compose.yml requires it).
async function devJwtSecret(): Promise<string> {
  const file = `${dataDir}/jwt-secret`;
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const secret = randomBytes(48).toString('base64url');
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}

// Development only, like the JWT secret: the key that encrypts workflow payloads, kept so that
// workflows of an earlier run still decrypt. Losing it makes their payloads unreadable.
async function devPayloadKeys(): Promise<string> {
  const file = `${dataDir}/payload-keys`;
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const keys = newPayloadKeyEntry('dev-1');
  await writeFile(file, keys, { mode: 0o600 });
  return keys;
}

function launch(name: string, entry: string): ChildProcess {
  const child = spawn(`${root}node_modules/.bin/tsx`, [entry], { cwd: root, env, stdio: 'inherit' });
  child.on('exit', (code, signal) => {
    if (!shuttingDown) {
      log(`${name} exited (${signal ?? code}); stopping everything`);
      void shutdown(1);
    }
  });
  return child;
}

let shuttingDown = false;
async function shutdown(code: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  log('stopping…');
  for (const stop of stops) await stop().catch((error: Error) => log(`stop failed: ${error.message}`));
  process.exit(code);
}

// embedded-postgres installs exit hooks that answer SIGINT/SIGTERM by stopping its cluster and
// exiting at once, which would orphan the Temporal dev server; this script stops everything
// itself, in order, so it takes those signals over.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  exitHook.unhookEvent(signal);
  process.on(signal, () => void shutdown(0));
}
main().catch(async (error: Error) => {
  console.error(error);
  await shutdown(1);
});
