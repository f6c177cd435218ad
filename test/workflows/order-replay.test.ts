import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { recordHistory } from '../support/histories.ts';
import { testDataConverter } from '../support/config.ts';
import { WORKFLOWS_PATH } from '../../worker/create-worker.ts';
import { assignLawyer, deliver, extendDeadline, paymentSettled, requestCallExtension, startCall } from '../../domain/orders/contract.ts';
import { actor, HOUR, makeUser, MINUTE, paidOrder, send, skipTo, startOrderHarness, type OrderHarness } from '../support/order-harness.ts';

// Determinism guard for the order workflow (orderWorkflowV2): fresh histories of its longest
// paths must replay. The committed histories are replayed by replay.test.ts with all others:
// histories/order-v2-*.json on workflows/order.ts, the older order-written-*.json (type
// orderWorkflow) on workflows/legacy/order-v1/. A change that breaks one needs `patched()`
// (TEMPORAL.md), or a new workflow type as v2 was.

let h: OrderHarness;
beforeAll(async () => void (h = await startOrderHarness()));
afterAll(async () => h?.close());

describe('order workflow replay', () => {
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
    await oral.handle.signal(paymentSettled, {
      paymentId: extension.paymentId,
      status: 'succeeded',
      settledAt: await h.env.currentTimeMs(),
    });
    await skipTo(h, placedAt + 48 * HOUR + 61 * MINUTE);
    await oral.handle.result();

    for (const handle of [written.handle, oral.handle]) {
      await Worker.runReplayHistory(
        { workflowsPath: WORKFLOWS_PATH, dataConverter: testDataConverter() },
        await handle.fetchHistory(),
        handle.workflowId,
      );
    }
    await recordHistory(written.handle, 'order-v2-written-extended-delivered');
    await recordHistory(oral.handle, 'order-v2-oral-call-extended');
  });
});
