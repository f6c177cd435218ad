import { readdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';

// Recorded workflow histories, replayed against the current workflow code by
// test/workflows/replay.test.ts: a change that would break running workflows fails CI.
// Record new ones with `RECORD_HISTORIES=1 npx vitest run test/workflows` and commit them
// next to the change that made them necessary; never edit an old one. Their payloads are
// encrypted with the tests' public key (TEST_PAYLOAD_KEYS), which the replay test holds.
export const HISTORIES_DIR = fileURLToPath(new URL('../workflows/histories/', import.meta.url));

export const recordingHistories = (): boolean => process.env.RECORD_HISTORIES === '1';

export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (!recordingHistories()) return;
  const history = await handle.fetchHistory();
  await writeFile(`${HISTORIES_DIR}${name}.json`, historyToJSON(history));
}

export async function recordedHistories(): Promise<{ name: string; history: unknown }[]> {
  const files = (await readdir(HISTORIES_DIR)).filter((file) => file.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (file) => ({
      name: file.replace(/\.json$/, ''),
      history: JSON.parse(await readFile(`${HISTORIES_DIR}${file}`, 'utf8')) as unknown,
    })),
  );
}
