import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

// Vitest bundles modules through Vite, which papers over CommonJS packages' named exports;
// `npm start` and the Docker image run them under Node's own ESM loader, which does not (a
// `import { temporal } from '@temporalio/proto'` passed every test and broke `npm start`). So
// the modules the service's processes load are imported here the way they run: by Node itself.

const root = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY_MODULES = [
  './api/app.ts',
  './activities/index.ts',
  './worker/create-worker.ts',
  './worker/start-sweep.ts',
  './infra/temporal-client.ts',
  './infra/payload-codec.ts',
  './infra/register-search-attributes.ts',
  './infra/temporal-dev-server.ts',
  './infra/embedded-postgres.ts',
  './infra/migrate.ts',
];

it('every module the API, worker and start script load imports under Node’s own ESM loader', async () => {
  const script = `for (const m of ${JSON.stringify(ENTRY_MODULES)}) await import(m); console.log('imported');`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script], {
    cwd: root,
    timeout: 60_000,
  });
  expect(stdout.trim()).toBe('imported');
}, 90_000);
