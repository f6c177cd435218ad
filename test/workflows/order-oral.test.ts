import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentSettled } from '../../domain/orders/contract.ts';
import {
  agreeToProposal,
  assignLawyer,
  proposeReschedule,
  reportClientNoShow,
  requestCallExtension,
  startCall,
} from '../../domain/orders/contract.ts';
import {
  actor,
  DAY,
  HOUR,
  makeUser,
  MINUTE,
  pay,
  PRICE,
  refusalOf,
  send,
  skipTo,
  startOrder,
  startOrderHarness,
  waitForState,
  type OrderHarness,
} from '../support/order-harness.ts';

// Oral advice (E-LEGAL §6.9): the 48-hour notice, a move of at most 3 calendar days, the
// 30-minute call and what happens when someone does not come.

let h: OrderHarness;
beforeAll(async () => void (h = await startOrderHarness()));
afterAll(async () => {
  expect(h.money.unbalanced()).toEqual([]);
  await h?.close();
});

/** An oral order booked `notice` after placing, paid and assigned to a lawyer. */
async function bookedCall(notice = 48 * HOUR) {
  const placedAt = await h.env.currentTimeMs();
  const order = await startOrder(h, 'oral_advice', { placedAt, slotAt: placedAt + notice });
  await pay(h, order.handle);
  const [lawyer, admin] = [await makeUser(h, 'specialist'), await makeUser(h, 'admin')];
  await send(order.handle, assignLawyer, { by: actor(admin), lawyerId: lawyer.id });
  return { ...order, lawyer, slotAt: placedAt + notice };
}

describe('EL-ORAL-1: the slot is at least 48 hours after the order', () => {
  it('EL-ORAL-1: a slot 47 h 59 min after ordering is refused before any payment opens', async () => {
    const placedAt = await h.env.currentTimeMs();
    const { handle, orderId } = await startOrder(h, 'oral_advice', { placedAt, slotAt: placedAt + 47 * HOUR + 59 * MINUTE });
    const outcome = await handle.result();
    expect(outcome.status).toBe('rejected');
    expect(outcome.outcome?.reason).toContain('48 hours');
    expect(h.money.payments.has(`order-${orderId}/payment`)).toBe(false);
  });

  it('EL-ORAL-1: a slot exactly 48 h after ordering is accepted and waits for payment', async () => {
    const placedAt = await h.env.currentTimeMs();
    const { handle } = await startOrder(h, 'oral_advice', { placedAt, slotAt: placedAt + 48 * HOUR });
    expect((await waitForState(handle, (s) => s.charges.length === 1)).status).toBe('awaiting_payment');
  });
});

describe('EL-ORAL-3: a 30-minute call, longer only when paid', () => {
  it('EL-ORAL-3: the workflow cuts the call at 30 minutes: still on at 29 min, delivered at 30', async () => {
    const { handle, orderId, lawyer, slotAt } = await bookedCall();
    await skipTo(h, slotAt);
    const started = await send(handle, startCall, { by: actor(lawyer) });
    const callStartedAt = started.oral!.callStartedAt!;
    await skipTo(h, callStartedAt + 29 * MINUTE);
    expect((await waitForState(handle, () => true)).status).toBe('call_in_progress');
    await skipTo(h, callStartedAt + 31 * MINUTE);
    const ended = await handle.result();
    expect(ended.status).toBe('delivered');
    expect(ended.oral!.callEndedAt! - callStartedAt).toBe(30 * MINUTE);
    expect(h.money.holdOf(orderId)?.resolution).toMatchObject({ toSpecialist: 80_000, toPlatform: 20_000 });
  });

  it('EL-ORAL-3: a paid extension at the same tariff keeps the call on to 60 minutes', async () => {
    const { handle, orderId, client, lawyer, slotAt } = await bookedCall();
    await skipTo(h, slotAt);
    const callStartedAt = (await send(handle, startCall, { by: actor(lawyer) })).oral!.callStartedAt!;
    await skipTo(h, callStartedAt + 20 * MINUTE);
    const extension = await send(handle, requestCallExtension, { by: actor(client) });
    expect(h.money.payments.get(`order-${orderId}/call_extension-1/payment`)?.amount).toBe(PRICE);
    await handle.signal(paymentSettled, { paymentId: extension.paymentId, status: 'succeeded', settledAt: await h.env.currentTimeMs() });
    await waitForState(handle, (s) => s.oral!.paidExtensions === 1);
    await skipTo(h, callStartedAt + 59 * MINUTE);
    expect((await waitForState(handle, () => true)).status).toBe('call_in_progress');
    const ended = await handle.result();
    expect(ended.oral!.callEndedAt! - callStartedAt).toBe(60 * MINUTE);
    expect(h.money.holdOf(orderId, '/call_extension-1')?.resolution).toMatchObject({ toSpecialist: 80_000, toPlatform: 20_000 });
  });
});

describe('EL-ORAL-2: moving the appointment', () => {
  it('EL-ORAL-2: a move to the 3rd calendar day binds once the client agrees; the 4th day is refused', async () => {
    const { handle, client, lawyer, slotAt } = await bookedCall();
    const tooFar = slotAt + 4 * DAY;
    expect(await refusalOf(send(handle, proposeReschedule, { by: actor(lawyer), slotAt: tooFar }))).toBe('ORDER_RESCHEDULE_NOT_ALLOWED');
    const proposed = await send(handle, proposeReschedule, { by: actor(lawyer), slotAt: slotAt + 3 * DAY });
    expect(proposed.oral!.slotAt).toBe(slotAt); // not yet: the client has to agree
    const agreed = await send(handle, agreeToProposal, { by: actor(client) });
    expect(agreed.oral).toMatchObject({ slotAt: slotAt + 3 * DAY, bookedSlotAt: slotAt, proposedSlotAt: null });
    // The lawyer's no-show timer moved with it: at the old slot + 1 h the order is still open.
    await skipTo(h, slotAt + HOUR);
    expect((await waitForState(handle, () => true)).status).toBe('in_progress');
  });
});

describe('no-shows (our reading; the terms are silent)', () => {
  it('EL-ORAL-1: the lawyer never opens the call: 30 minutes after the slot the client gets everything back', async () => {
    const { handle, orderId, slotAt } = await bookedCall();
    await skipTo(h, slotAt + 29 * MINUTE);
    expect((await waitForState(handle, () => true)).status).toBe('in_progress');
    const outcome = await handle.result();
    expect(outcome.status).toBe('lawyer_no_show');
    expect(outcome.outcome).toMatchObject({ refundBps: 10_000, refunded: PRICE, kept: 0 });
    expect(h.money.refundOf(orderId)).toBe(PRICE);
  });

  it('PAY-6: a refund the ledger refuses for good (a slot 40 days out, paid at once) leaves the money on the balance, tells the admins, and the order still ends', async () => {
    const { handle, orderId } = await bookedCall(40 * DAY);
    h.money.refundRefusal = 'REFUND_WINDOW_CLOSED';
    try {
      const outcome = await handle.result();
      expect(outcome.status).toBe('lawyer_no_show');
      expect(h.money.holdOf(orderId)?.resolution).toEqual({
        holdId: `hold:order-${orderId}/hold`,
        toSpecialist: 0,
        toPlatform: 0,
        returnedToPayer: PRICE,
      });
      expect(h.money.refundOf(orderId)).toBe(0);
      const notices = await h.database.db.outboxEmail.findMany({
        where: { dedupeKey: { startsWith: `order-${orderId}/refund-refused/` } },
      });
      expect(notices.length).toBeGreaterThanOrEqual(2); // the client and at least one admin
      expect(notices[0]!.subject).toBe('Refund to the card not possible: Test oral_advice');
    } finally {
      h.money.refundRefusal = null;
    }
  });

  it('EL-DONE-1: the client does not come: after 15 minutes the lawyer marks it and is paid', async () => {
    const { handle, orderId, lawyer, slotAt } = await bookedCall();
    await skipTo(h, slotAt + 10 * MINUTE);
    expect(await refusalOf(send(handle, reportClientNoShow, { by: actor(lawyer) }))).toBe('ORDER_STATE_CONFLICT');
    await skipTo(h, slotAt + 16 * MINUTE);
    const outcome = await send(handle, reportClientNoShow, { by: actor(lawyer) });
    expect(outcome).toMatchObject({ status: 'delivered', oral: expect.objectContaining({ noShow: 'client' }) });
    await handle.result();
    expect(h.money.holdOf(orderId)?.resolution).toMatchObject({ toSpecialist: 80_000 });
  });
});
