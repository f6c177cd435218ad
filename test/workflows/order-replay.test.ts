import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKFLOWS_PATH } from '../../worker/create-worker.ts';
import {
  assignLawyer, deliver, extendDeadline, paymentSettled, requestCallExtension, startCall,
} from '../../workflows/order-messages.ts';
import { actor, HOUR, makeUser, MINUTE, paidOrder, send, skipTo, startOrderHarness, type OrderHarness } from '../support/order-harness.ts';

// Determinism guard for the order workflow: histories recorded by earlier versions of the code
// (committed under order-histories/) and fresh ones recorded here must replay without a
// non-determinism error. A change that breaks one needs `patched()` (TEMPORAL.md).

// Apart from histories/ (test/workflows/replay.test.ts reads that one in the SDK's proto3 JSON,
// whose timestamps are strings; these are protobuf objects), so each test reads its own format.
const HISTORIES = fileURLToPath(new URL('./order-histories/', import.meta.url));

let h: OrderHarness;
beforeAll(async () => void (h = await startOrderHarness()));
afterAll(async () => h?.close());

describe('order workflow replay', () => {
  it('replays the committed histories', async () => {
    const files = (await readdir(HISTORIES)).filter((name) => name.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      // Proto3 JSON, the shape of `temporal workflow show --output json`. (The SDK's own JSON
      // reader trips over a second protobufjs copy under vitest; fromObject reads it the same.)
      const history = temporal.api.history.v1.History.fromObject(JSON.parse(await readFile(HISTORIES + file, 'utf8')));
      await Worker.runReplayHistory({ workflowsPath: WORKFLOWS_PATH }, history, file);
    }
  });

  it('replays freshly recorded histories: written advice extended and delivered, a call extended', async () => {
    const written = await paidOrder(h, 'written_advice');
    const [lawyer, admin] = [await makeUser(h, 'specialist'), await makeUser(h, 'admin')];
    await send(written.handle, assignLawyer, { by: actor(admin), lawyerId: lawyer.id });
    await send(written.handle, extendDeadline, { by: actor(lawyer), reason: 'more law to study' });
    await skipTo(h, written.paidAt + 80 * HOUR);
    await send(written.handle, deliver, { by: actor(lawyer), fileId: '00000000-0000-4000-8000-00000000aaaa' });
    await written.handle.result();

    const placedAt = await h.env.currentTimeMs();
    const oral = await paidOrder(h, 'oral_advice', { placedAt, slotAt: placedAt + 48 * HOUR });
    await send(oral.handle, assignLawyer, { by: actor(admin), lawyerId: lawyer.id });
    await skipTo(h, placedAt + 48 * HOUR);
    await send(oral.handle, startCall, { by: actor(lawyer) });
    const extension = await send(oral.handle, requestCallExtension, { by: actor(oral.client) });
    await oral.handle.signal(paymentSettled, { paymentId: extension.paymentId, status: 'succeeded', settledAt: await h.env.currentTimeMs() });
    await skipTo(h, placedAt + 48 * HOUR + 61 * MINUTE);
    await oral.handle.result();

    for (const handle of [written.handle, oral.handle]) {
      await Worker.runReplayHistory({ workflowsPath: WORKFLOWS_PATH }, await handle.fetchHistory(), handle.workflowId);
    }
  });
});
