import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptOffer, complain, decideComplaint, endConsultation, makeOffer, paymentSettled } from '../../domain/consultations/contract.ts';
import {
  DAY,
  eventually,
  HOUR,
  MINUTE,
  nextMonday0900,
  openConsultation,
  refusalOf,
  send,
  skipTo,
  startConsultationHarness,
  waitForState,
  type ConsultationHarness,
} from '../support/consultation-harness.ts';
import { recordHistory } from '../support/histories.ts';

// The consultation workflow (CHAT-2…CHAT-5) on the time-skipping server: timers at their
// defaults, the payment through the webhook's signal, the settlement in the fake ledger.
// 200 000 UZS at 15 % commission: 30 000 to the platform, 170 000 to the specialist, posted at
// the end (CHAT-4); a complaint blocks the earning and a refund takes part back (CHAT-5).

const PRICE = 200_000;

let h: ConsultationHarness;
beforeAll(async () => void (h = await startConsultationHarness()));
afterAll(async () => {
  expect(h.money.unbalanced()).toEqual([]);
  await h?.close();
});

/** The specialist offers 60 minutes at PRICE; the client accepts; the checkout is opened. */
async function accepted() {
  const c = await openConsultation(h);
  const offered = await send(c.handle, makeOffer, { by: c.specialist, price: PRICE, durationMinutes: 60 });
  await send(c.handle, acceptOffer, { by: c.client, offerId: offered.offers[0]!.id });
  const state = await waitForState(c.handle, (s) => s.payments[0]?.checkoutUrl != null);
  return { ...c, payment: state.payments[0]! };
}

/** Accepted and paid (the provider's webhook signal); the hold is placed. */
async function paid() {
  const c = await accepted();
  const paidAt = await h.env.currentTimeMs();
  await c.handle.signal(paymentSettled, { paymentId: c.payment.paymentId!, status: 'succeeded', settledAt: paidAt });
  const state = await waitForState(c.handle, (s) => s.payments[0]?.holdId != null);
  return { ...c, session: state.session! };
}

/** Paid on a Monday 09:00 Tashkent and ended by the specialist 30 min in, before the time-up timer (no holidays that week). */
async function endedOnMonday() {
  await skipTo(h, await nextMonday0900(h));
  const c = await paid();
  await skipTo(h, c.session.startedAt + 30 * MINUTE);
  const ended = await send(c.handle, endConsultation, { by: c.specialist });
  return { ...c, ended };
}

describe('CHAT-2: an offer stays open for its default time', () => {
  it('CHAT-2: an unanswered offer is open 1 minute before 24 h and expired at exactly 24 h', async () => {
    const c = await openConsultation(h);
    const offer = (await send(c.handle, makeOffer, { by: c.specialist, price: PRICE, durationMinutes: 30 })).offers[0]!;
    expect(offer.expiresAt - offer.madeAt).toBe(24 * HOUR);
    await skipTo(h, offer.madeAt + 24 * HOUR - MINUTE);
    expect((await waitForState(c.handle, () => true)).offers[0]!.status).toBe('open');
    await skipTo(h, offer.madeAt + 24 * HOUR);
    const state = await waitForState(c.handle, (s) => s.offers[0]!.status !== 'open');
    expect(state.offers[0]!.status).toBe('expired');
    expect(state.status).toBe('negotiating');
    expect(
      await eventually(() => (h.recorded.codesOf(c.consultationId).length === 2 ? h.recorded.codesOf(c.consultationId) : undefined)),
    ).toEqual(['offer_made', 'offer_expired']);
    expect(await refusalOf(send(c.handle, acceptOffer, { by: c.client, offerId: offer.id }))).toBe('CONSULTATION_NO_OPEN_OFFER');
  });
});

describe('CHAT-3: accept → pay in the chat → frozen', () => {
  it('CHAT-3: accepting opens a payment of 200 000; paying holds 200 000 and posts "paid"', async () => {
    const c = await accepted();
    expect(h.money.payments.get(`${c.stem}/payment-1`)).toMatchObject({ amount: 200_000, payerUserId: c.client.userId });
    expect(c.payment.expiresAt - c.payment.openedAt).toBe(2 * HOUR);
    const paidAt = await h.env.currentTimeMs();
    await c.handle.signal(paymentSettled, { paymentId: c.payment.paymentId!, status: 'succeeded', settledAt: paidAt });
    const state = await waitForState(c.handle, (s) => s.payments[0]?.holdId != null);
    expect(state.status).toBe('in_session');
    expect(state.payments[0]!.status).toBe('held');
    expect(h.money.holds.get(`${c.stem}/payment-1/hold`)).toMatchObject({ amount: 200_000, userId: c.client.userId, resolution: null });
    expect(h.recorded.messages.get(`${c.stem}/payment-1/paid`)?.message).toMatchObject({
      code: 'paid',
      params: { amount: 200_000, currency: 'UZS' },
    });
    expect(state.session!.endsAt - state.session!.startedAt).toBe(60 * MINUTE);
  });

  it('CHAT-3: an accepted offer left unpaid lapses after 2 h with nothing held', async () => {
    const c = await accepted();
    await skipTo(h, c.payment.openedAt + 2 * HOUR - MINUTE);
    expect((await waitForState(c.handle, () => true)).status).toBe('awaiting_payment');
    await skipTo(h, c.payment.openedAt + 2 * HOUR);
    const state = await waitForState(c.handle, (s) => s.status !== 'awaiting_payment');
    expect(state.status).toBe('negotiating');
    expect(state.payments[0]!.status).toBe('lapsed');
    expect(state.session).toBeNull();
    expect(h.money.holds.has(`${c.stem}/payment-1/hold`)).toBe(false);
    expect(h.recorded.messages.get(`${c.stem}/payment-1/lapsed`)?.message.code).toBe('payment_lapsed');
  });
});

describe('CHAT-4: the agreed time and the end', () => {
  it('CHAT-4: the specialist ends it → at that moment 170 000 to the specialist and 30 000 commission; completed when the window closes', async () => {
    const c = await paid();
    const ended = await send(c.handle, endConsultation, { by: c.specialist });
    expect(ended.status).toBe('ended');
    expect(ended.settlement).toMatchObject({ at: ended.session!.endedAt, toSpecialist: 170_000, toPlatform: 30_000, returnedToClient: 0 });
    expect((await eventually(() => h.recorded.messages.get(`${c.stem}/session/ended`))).message).toMatchObject({
      code: 'ended',
      params: { toSpecialist: 170_000, commission: 30_000 },
    });
    // Posted before any time passes: the hold is resolved while the consultation is still `ended`.
    expect(await eventually(() => h.money.holdAt(c.stem)?.resolution ?? undefined)).toEqual({
      holdId: `hold:${c.stem}/payment-1/hold`,
      toSpecialist: 170_000,
      toPlatform: 30_000,
      returnedToPayer: 0,
    });
    const final = await c.handle.result();
    expect(final.status).toBe('completed');
    expect(final.settlement).toMatchObject({ toSpecialist: 170_000, toPlatform: 30_000, returnedToClient: 0, blockedAt: null });
    expect(h.money.blocks.has(`hold:${c.stem}/payment-1/hold`)).toBe(false);
  });

  it('CHAT-4: never ended → time up at 60 min, still in session 1 min before 24 h later, auto-completed at 24 h', async () => {
    const c = await paid();
    const { startedAt, endsAt } = c.session;
    await skipTo(h, endsAt + 24 * HOUR - MINUTE);
    const running = await waitForState(c.handle, (s) => s.session!.timeUpAt !== null);
    expect(running.status).toBe('in_session');
    // Timers fire at their instant plus the task's latency (a few ms), never before it.
    expect(running.session!.timeUpAt! - startedAt).toBeGreaterThanOrEqual(60 * MINUTE);
    expect(running.session!.timeUpAt! - startedAt).toBeLessThan(60 * MINUTE + 1000);
    await skipTo(h, endsAt + 24 * HOUR);
    const state = await waitForState(c.handle, (s) => s.status !== 'in_session');
    expect(state.status).toBe('ended');
    expect(state.session!.endReason).toBe('auto_completed');
    expect(state.session!.endedAt! - startedAt).toBeGreaterThanOrEqual(25 * HOUR);
    expect(state.session!.endedAt! - startedAt).toBeLessThan(25 * HOUR + 1000);
    // Messages are posted by activities after the state changes: wait for this one.
    expect(await eventually(() => h.recorded.codesOf(c.consultationId).find((posted) => posted === 'auto_completed'))).toBe(
      'auto_completed',
    );
    expect(await eventually(() => h.money.holdAt(c.stem)?.resolution ?? undefined)).toMatchObject({
      toSpecialist: 170_000,
      toPlatform: 30_000,
    });
  });
});

describe('CHAT-5: complaints within 3 working days, decided within 2', () => {
  it('CHAT-5: a complaint 1 h after a Monday end blocks the 170 000; a partial refund of 50 000 takes 42 500 + 7 500 back, then unblocks', async () => {
    const c = await endedOnMonday();
    const holdId = `hold:${c.stem}/payment-1/hold`;
    expect(c.ended.complaintDeadline! - c.ended.session!.endedAt!).toBe(3 * DAY); // Mon 09:30 → Thu 09:30
    await skipTo(h, c.ended.session!.endedAt! + HOUR);
    const complained = await send(c.handle, complain, { by: c.client, reasonMessageId: 'msg-1' });
    expect(complained.status).toBe('in_complaint');
    expect(complained.complaint!.decideBy - complained.complaint!.openedAt).toBe(2 * DAY); // Mon 10:30 → Wed 10:30
    expect(await eventually(() => h.money.blocks.get(holdId))).toMatchObject({ blocked: true });
    // The decision comes after PAY-5's 3 working days: the earning stays blocked until then.
    await skipTo(h, c.ended.complaintDeadline! + HOUR);
    expect((await waitForState(c.handle, () => true)).status).toBe('in_complaint');
    expect(h.money.blocks.get(holdId)?.blocked).toBe(true);
    await send(c.handle, decideComplaint, { by: c.admin, decision: 'partial_refund', refundAmount: 50_000 });
    const final = await c.handle.result();
    expect(final.status).toBe('partially_refunded');
    expect(final.settlement).toMatchObject({ returnedToClient: 50_000, toSpecialist: 127_500, toPlatform: 22_500 });
    expect(h.money.holdAt(c.stem)?.resolution).toMatchObject({ toSpecialist: 170_000, toPlatform: 30_000, returnedToPayer: 0 });
    expect(h.money.reversals.get(holdId)).toMatchObject({ fromSpecialist: 42_500, fromPlatform: 7_500 });
    expect(h.money.blocks.get(holdId)?.blocked).toBe(false);
    await recordHistory(c.handle, 'consultation-complained-partially-refunded');
  });

  it('CHAT-5: 1 min before the window closes a complaint is accepted; at the close it is completed (paid out at the end) and a complaint refused', async () => {
    const inside = await endedOnMonday();
    await skipTo(h, inside.ended.complaintDeadline! - MINUTE);
    expect(await refusalOf(send(inside.handle, complain, { by: inside.client, reasonMessageId: 'msg-2' }))).toBe('accepted');

    const late = await endedOnMonday();
    await skipTo(h, late.ended.complaintDeadline!);
    const completed = await waitForState(late.handle, (s) => s.status !== 'ended').catch(() => null);
    const final = completed ?? (await late.handle.result());
    expect(final.status).toBe('completed');
    expect(await refusalOf(send(late.handle, complain, { by: late.client, reasonMessageId: 'msg-3' }))).not.toBe('accepted');
    expect(h.money.holdAt(late.stem)?.resolution).toMatchObject({ toSpecialist: 170_000, toPlatform: 30_000 });
    expect(h.money.blocks.has(`hold:${late.stem}/payment-1/hold`)).toBe(false);
  });

  it('CHAT-5: undecided at the 2-working-day deadline → escalated once, still open; a full refund returns 200 000', async () => {
    const c = await endedOnMonday();
    const complained = await send(c.handle, complain, { by: c.client, reasonMessageId: 'msg-4' });
    const { decideBy } = complained.complaint!;
    await skipTo(h, decideBy - MINUTE);
    expect(h.recorded.escalations.has(`${c.stem}/complaint/overdue`)).toBe(false);
    await skipTo(h, decideBy);
    const escalated = await waitForState(c.handle, (s) => s.complaint!.escalatedAt !== null);
    expect(escalated.status).toBe('in_complaint');
    expect(h.recorded.escalations.get(`${c.stem}/complaint/overdue`)?.reason).toBe('arbitration_overdue');
    await send(c.handle, decideComplaint, { by: c.admin, decision: 'full_refund' });
    const final = await c.handle.result();
    expect(final.status).toBe('refunded');
    expect(final.settlement).toMatchObject({ toSpecialist: 0, toPlatform: 0, returnedToClient: 200_000 });
    expect(h.money.reversals.get(`hold:${c.stem}/payment-1/hold`)).toMatchObject({ fromSpecialist: 170_000, fromPlatform: 30_000 });
  });

  it('CHAT-5: the ledger refuses to take the refund back → the consultation still closes, the earning stays blocked, admins are told', async () => {
    const c = await endedOnMonday();
    await send(c.handle, complain, { by: c.client, reasonMessageId: 'msg-5' });
    h.money.reversalRefusal = 'INSUFFICIENT_FUNDS';
    try {
      await send(c.handle, decideComplaint, { by: c.admin, decision: 'full_refund' });
      const final = await c.handle.result();
      expect(final.status).toBe('refunded');
      expect(final.settlement).toMatchObject({ toSpecialist: 170_000, toPlatform: 30_000, returnedToClient: 0, unblockedAt: null });
      expect(final.settlement!.reversal).toMatchObject({ status: 'refused' });
      expect(h.recorded.escalations.get(`${c.stem}/complaint/refund-not-recovered`)?.reason).toBe('refund_not_recovered');
      expect(h.money.blocks.get(`hold:${c.stem}/payment-1/hold`)?.blocked).toBe(true);
    } finally {
      h.money.reversalRefusal = null;
    }
  });
});
