import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { WORKFLOWS_PATH } from '../../worker/create-worker.ts';
import { testDataConverter } from '../support/config.ts';
import { recordedHistories } from '../support/histories.ts';

// Determinism guard: every recorded history must replay on today's workflow code. The replay
// worker carries the payload codec: histories recorded before encryption hold plain JSON
// payloads, which the codec passes through; newer recordings are sealed with the tests' key.
describe('recorded workflow histories', () => {
  it('replay without non-determinism on the current workflow code', async () => {
    const histories = await recordedHistories();
    expect(histories.length).toBeGreaterThan(0);
    const results = Worker.runReplayHistories(
      { workflowsPath: WORKFLOWS_PATH, dataConverter: testDataConverter() },
      histories.map(({ name, history }) => ({ workflowId: name, history })),
    );
    const failures: string[] = [];
    for await (const result of results) {
      if (result.error) failures.push(`${result.workflowId}: ${String(result.error)}`);
    }
    expect(failures).toEqual([]);
  });
});
