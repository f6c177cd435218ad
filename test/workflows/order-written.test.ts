import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordHistory } from '../support/histories.ts';
import {
  assignLawyer,
  cancelOrder,
  checkout,
  paymentSettled,
  deliver,
  extendDeadline,
  refuseOrder,
  requestClarification,
  supplyClarification,
} from '../../domain/orders/contract.ts';
import {
  actor,
  DAY,
  HOUR,
  send,
  makeUser,
  MINUTE,
  paidOrder,
  PRICE,
  refusalOf,
  skipTo,
  startOrder,
  startOrderHarness,
  waitForState,
  type OrderHarness,
} from '../support/order-harness.ts';

// Written advice (E-LEGAL §6.10) and the money rules around every order (§7.8–§7.10), with the
// time-skipping server's timers really firing at each boundary.

let h: OrderHarness;
beforeAll(async () => void (h = await startOrderHarness()));
afterAll(async () => {
  expect(h.money.unbalanced()).toEqual([]);
  await h?.close();
});

async function assignedWrittenOrder() {
  const order = await paidOrder(h, 'written_advice');
  const [lawyer, admin] = [await makeUser(h, 'specialist'), await makeUser(h, 'admin')];
  await send(order.handle, assignLawyer, { by: actor(admin), lawyerId: lawyer.id });
  return { ...order, lawyer, admin };
}

describe('EL-ORD-2: unpaid orders', () => {
  it('EL-ORD-2: a declined payment ends the order with nothing owed', async () => {
    const { handle, orderId } = await startOrder(h, 'written_advice');
    const { paymentId } = await handle.executeUpdate(checkout);
    await handle.signal(paymentSettled, { paymentId, status: 'failed', settledAt: await h.env.currentTimeMs() });
    expect((await handle.result()).status).toBe('payment_failed');
    expect(h.money.holdOf(orderId)).toBeUndefined();
  });

  it('EL-ORD-2: an order not paid within the payment window expires with no money moved', async () => {
    const { handle, orderId } = await startOrder(h, 'written_advice');
    const outcome = await handle.result(); // skips the 1-hour window
    expect(outcome.status).toBe('expired');
    expect(h.money.holdOf(orderId)).toBeUndefined();
    const row = await h.database.db.order.findUniqueOrThrow({ where: { id: orderId } });
    expect(row.status).toBe('expired');
  });
});

describe('EL-ORD-2 / PAY-6: a payment after the order ended', () => {
  it('EL-ORD-2, PAY-6: paid on the checkout page after the order expired, the money goes straight back to the card', async () => {
    const { handle, orderId } = await startOrder(h, 'written_advice');
    const { paymentId } = await handle.executeUpdate(checkout);
    await skipTo(h, (await h.env.currentTimeMs()) + HOUR + MINUTE);
    await waitForState(handle, (s) => s.status === 'expired');
    await handle.signal(paymentSettled, { paymentId, status: 'succeeded', settledAt: await h.env.currentTimeMs() });
    const ended = await handle.result();
    expect(ended.outcome).toMatchObject({ status: 'expired', refunded: PRICE, kept: 0 });
    expect(h.money.refundOf(orderId)).toBe(PRICE);
    expect(h.money.holdOf(orderId)).toBeUndefined();
    await recordHistory(handle, 'order-v2-expired-late-payment-returned');
  });
});

describe('EL-WR-1 / EL-WR-2: written advice within 72 hours, once extended by 4 days', () => {
  it('EL-WR-1, EL-ORD-3, EL-DONE-1: delivered at 71 h: on time, in the cabinet, the lawyer earns price − 20 %', async () => {
    const { handle, orderId, client, lawyer, paidAt } = await assignedWrittenOrder();
    await h.smtp.waitFor((mail) => mail.to.includes(client.email) && mail.raw.includes('Order registered'));
    await skipTo(h, paidAt + 71 * HOUR);
    const fileId = '00000000-0000-4000-8000-000000000071';
    await send(handle, deliver, { by: actor(lawyer), fileId });
    const outcome = await handle.result();
    expect(outcome).toMatchObject({ status: 'delivered', overdueSince: null, dueAt: paidAt + 72 * HOUR });
    expect(outcome.outcome).toMatchObject({ toSpecialist: 80_000, kept: 20_000, refunded: 0 });
    expect(h.money.holdOf(orderId)?.resolution).toEqual({
      holdId: `hold:order-${orderId}/hold`,
      toSpecialist: 80_000,
      toPlatform: 20_000,
      returnedToPayer: 0,
    });
    const docs = await h.database.db.orderDocument.findMany({ where: { orderId } });
    expect(docs).toMatchObject([{ fileId, role: 'deliverable' }]);
  });

  it('EL-WR-1: not overdue at 71 h 59 min, overdue at 72 h: admins are told and the mirror shows it', async () => {
    const { handle, orderId, admin, paidAt } = await assignedWrittenOrder();
    await skipTo(h, paidAt + 72 * HOUR - MINUTE);
    expect((await waitForState(handle, (s) => s.warnedForDueAt !== null)).overdueSince).toBeNull();
    await h.smtp.waitFor((mail) => mail.to.includes(admin.email) && mail.raw.includes('Deadline soon'));
    await skipTo(h, paidAt + 72 * HOUR + 1000);
    const overdue = await waitForState(handle, (s) => s.overdueSince !== null);
    expect(overdue.overdueSince! - paidAt).toBe(72 * HOUR);
    await h.smtp.waitFor((mail) => mail.to.includes(admin.email) && mail.raw.includes('OVERDUE'));
    await expect.poll(async () => (await h.database.db.order.findUniqueOrThrow({ where: { id: orderId } })).overdueSince).not.toBeNull();
    await send(handle, refuseOrder, { by: actor(admin), reason: 'clean-up' });
    await handle.result();
    await recordHistory(handle, 'order-v2-written-clarified-refused');
  });

  it('EL-WR-2: after the one 4-day extension it is due at 72 h + 4 days; a second extension is refused', async () => {
    const { handle, lawyer, admin, paidAt } = await assignedWrittenOrder();
    await skipTo(h, paidAt + 10 * HOUR);
    await send(handle, extendDeadline, { by: actor(lawyer), reason: 'many unclear materials' });
    expect(await refusalOf(send(handle, extendDeadline, { by: actor(lawyer), reason: 'again' }))).toBe('ORDER_EXTENSION_USED');
    await skipTo(h, paidAt + 72 * HOUR + 4 * DAY - MINUTE);
    expect((await waitForState(handle, (s) => s.warnedForDueAt === paidAt + 7 * DAY)).overdueSince).toBeNull();
    await skipTo(h, paidAt + 7 * DAY + 1000);
    expect((await waitForState(handle, (s) => s.overdueSince !== null)).overdueSince).toBe(paidAt + 7 * DAY);
    await send(handle, refuseOrder, { by: actor(admin), reason: 'clean-up' });
  });

  it('EL-ORD-4: clarifications supplied at 50 h restart the 72 hours from that moment', async () => {
    const { handle, client, lawyer, admin, paidAt } = await assignedWrittenOrder();
    await skipTo(h, paidAt + 20 * HOUR);
    await send(handle, requestClarification, { by: actor(lawyer), question: 'Which contract?' });
    await skipTo(h, paidAt + 50 * HOUR);
    const clarified = await send(handle, supplyClarification, { by: actor(client), note: 'The lease of 2024', fileIds: [] });
    expect(clarified.dueAt).toBe(clarified.clockStartedAt! + 72 * HOUR);
    expect(clarified.clockStartedAt! - paidAt).toBeGreaterThanOrEqual(50 * HOUR);
    await skipTo(h, paidAt + 73 * HOUR); // past the first 72 h, not overdue
    expect((await waitForState(handle, (s) => s.status === 'in_progress')).overdueSince).toBeNull();
    await send(handle, refuseOrder, { by: actor(admin), reason: 'clean-up' });
  });
});

describe('EL-REF-1 / EL-REF-2 / EL-REF-3: cancellation and refusal', () => {
  it.each([
    [2 * HOUR + 59 * MINUTE, 9000, 90_000],
    [3 * HOUR + 1 * MINUTE, 7000, 70_000],
    [6 * HOUR + 1 * MINUTE, 5000, 50_000],
    [12 * HOUR + 1 * MINUTE, 3000, 30_000],
    [18 * HOUR + 1 * MINUTE, 1000, 10_000],
    [24 * HOUR + 1 * MINUTE, 0, 0],
  ])('EL-REF-1: cancelled %i ms after payment → %i bp, %i back to the card', async (after, bps, refunded) => {
    const { handle, orderId, client, paidAt } = await paidOrder(h, 'written_advice');
    await skipTo(h, paidAt + after);
    const outcome = await send(handle, cancelOrder, { by: actor(client), acceptedRefundBps: bps });
    expect(outcome).toMatchObject({ status: 'cancelled', refundBps: bps, refunded, kept: PRICE - refunded, toSpecialist: 0 });
    expect(h.money.refundOf(orderId)).toBe(refunded);
    expect(h.money.holdOf(orderId)?.resolution).toMatchObject(
      refunded === 0
        ? { toPlatform: PRICE, returnedToPayer: 0 }
        : { toSpecialist: 0, toPlatform: PRICE - refunded, returnedToPayer: refunded },
    );
    expect((await handle.result()).refundPolicyVersion).toBe('e-legal-7.9-7.10/2026-1');
    if (bps === 7000) await recordHistory(handle, 'order-v2-written-cancelled-70');
  });

  it('EL-REF-1: a quote from the previous tier is refused, so the client confirms what they get', async () => {
    const { handle, client, paidAt } = await paidOrder(h, 'written_advice');
    await skipTo(h, paidAt + 3 * HOUR + MINUTE);
    expect(await refusalOf(send(handle, cancelOrder, { by: actor(client), acceptedRefundBps: 9000 }))).toBe('REFUND_QUOTE_EXPIRED');
    await send(handle, cancelOrder, { by: actor(client), acceptedRefundBps: 7000 });
  });

  it('EL-REF-2: a delivered order is closed: a cancellation is refused and nothing is refunded', async () => {
    const { handle, orderId, client, lawyer } = await assignedWrittenOrder();
    await send(handle, deliver, { by: actor(lawyer), fileId: '00000000-0000-4000-8000-0000000000d1' });
    await handle.result();
    expect(await refusalOf(handle.executeUpdate(cancelOrder, { args: [{ by: actor(client), acceptedRefundBps: 9000 }] }))).not.toBe(
      'accepted',
    );
    expect(h.money.refundOf(orderId)).toBe(0);
  });

  it('EL-REF-3: a platform refusal refunds 85 %', async () => {
    const { handle, orderId, admin } = await assignedWrittenOrder();
    const outcome = await send(handle, refuseOrder, { by: actor(admin), reason: 'fraud suspicion (§10.4)' });
    expect(outcome).toMatchObject({ status: 'refused', refundBps: 8500, refunded: 85_000, kept: 15_000 });
    expect(h.money.refundOf(orderId)).toBe(85_000);
  });

  it('EL-ORD-2: cancelling before payment moves no money', async () => {
    const { handle, orderId, client } = await startOrder(h, 'written_advice');
    const outcome = await send(handle, cancelOrder, { by: actor(client), acceptedRefundBps: 0 });
    expect(outcome).toMatchObject({ status: 'cancelled', refunded: 0, kept: 0 });
    expect(h.money.holdOf(orderId)).toBeUndefined();
  });

  it('only the client may cancel, only an admin may refuse', async () => {
    const { handle, lawyer } = await assignedWrittenOrder();
    expect(await refusalOf(send(handle, cancelOrder, { by: actor(lawyer), acceptedRefundBps: 9000 }))).toBe('FORBIDDEN');
    expect(await refusalOf(send(handle, refuseOrder, { by: actor(lawyer), reason: 'no time' }))).toBe('FORBIDDEN');
  });
});
