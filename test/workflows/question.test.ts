import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chooseBid,
  complain,
  declineBids,
  paymentSettled,
  placeBid,
  publishAnswer,
  publishQuestion,
  cancelRound,
} from '../../domain/questions/contract.ts';
import {
  DAY,
  eventually,
  askQuestion,
  MINUTE,
  nextWeekdayAt,
  refusalOf,
  send,
  skipTo,
  startQuestionHarness,
  tashkentDate,
  waitForState,
  type QuestionHarness,
} from '../support/question-harness.ts';
import { recordHistory } from '../support/histories.ts';

// The question workflow (QA-1, QA-6, QA-9, QA-10) on the time-skipping server: timers at their
// defaults, the payment through the webhook's signal, the settlement in the fake ledger.
// 100 000 at 15 % commission: 15 000 to the platform, 85 000 to the specialist, settled at once
// when the payment opens the full answer (QA-6, PAY-2).

const PRICE = 100_000;
const DIGEST = 'c'.repeat(64);

let h: QuestionHarness;
beforeAll(async () => void (h = await startQuestionHarness()));
afterAll(async () => {
  expect(h.money.unbalanced()).toEqual([]);
  await h?.close();
});

type Asked = Awaited<ReturnType<typeof askQuestion>>;

/** Published, the specialist bids `price` for `promisedAt` (default 3 days out), and the client chooses it. */
async function chosen(c: Asked, price = PRICE, promisedAt?: number) {
  await send(c.handle, publishQuestion, { by: c.admin });
  const now = await h.env.currentTimeMs();
  const bid = { by: c.specialist, price, explanationEntryId: 'entry-bid', promisedAt: promisedAt ?? now + 3 * DAY };
  const placed = await send(c.handle, placeBid, bid);
  return send(c.handle, chooseBid, { by: c.client, bidId: placed.bids[0]!.id, bidVersion: 1, confirmsPayment: true });
}

/** Chosen, the preview published with its digest, the checkout open, and paid through the webhook's signal. */
async function paidAnswer(c: Asked) {
  await chosen(c);
  await send(c.handle, publishAnswer, { by: c.specialist, answerId: 'answer-1', digest: DIGEST });
  const opened = await waitForState(c.handle, (s) => s.rounds[0]!.payments[0]?.paymentId != null);
  const paidAt = await h.env.currentTimeMs();
  await c.handle.signal(paymentSettled, { paymentId: opened.rounds[0]!.payments[0]!.paymentId!, status: 'succeeded', settledAt: paidAt });
  return waitForState(c.handle, (s) => s.rounds[0]!.settlement !== null);
}

describe('QA-1: moderation has a deadline that escalates', () => {
  it('QA-1: asked Thursday 10:00 → still quiet at Friday 09:59, escalated once at Friday 10:00 (1 working day); then published', async () => {
    await skipTo(h, await nextWeekdayAt(h, 4, 10));
    const c = await askQuestion(h);
    const state = await waitForState(c.handle, () => true);
    const { decideBy } = state.moderation;
    expect(decideBy! - state.askedAt).toBe(DAY);
    await skipTo(h, decideBy! - MINUTE);
    expect(h.recorded.escalations.has(`${c.stem}/moderation/overdue-1`)).toBe(false);
    await skipTo(h, decideBy!);
    const escalated = await waitForState(c.handle, (s) => s.moderation.escalatedAt !== null);
    expect(escalated.status).toBe('in_moderation');
    expect(h.recorded.escalations.get(`${c.stem}/moderation/overdue-1`)?.reason).toBe('moderation_overdue');
    const published = await send(c.handle, publishQuestion, { by: c.admin });
    expect(published.status).toBe('published');
    await send(c.handle, declineBids, { by: c.client });
    expect((await c.handle.result()).status).toBe('declined');
  });
});

describe('QA-6: a paid answer opens after the payment', () => {
  it('QA-6: the preview carries the digest; the full answer is closed until paid; paid → open and 85 000 + 15 000 settled at once', async () => {
    const c = await askQuestion(h);
    await chosen(c);
    const preview = await send(c.handle, publishAnswer, { by: c.specialist, answerId: 'answer-1', digest: DIGEST });
    expect(preview.status).toBe('awaiting_payment');
    expect(preview.rounds[0]).toMatchObject({ fullAnswerOpen: false, answer: { answerId: 'answer-1', digest: DIGEST } });
    const opened = await waitForState(c.handle, (s) => s.rounds[0]!.payments[0]?.checkoutUrl != null);
    expect(h.money.payments.get(`${c.stem}/round-1/payment-1`)).toMatchObject({ amount: 100_000, payerUserId: c.client.userId });
    expect(await refusalOf(send(c.handle, complain, { by: c.client, round: 1, reasonEntryId: 'r' }))).toBe('QUESTION_STATE_CONFLICT');
    const paidAt = await h.env.currentTimeMs();
    await c.handle.signal(paymentSettled, { paymentId: opened.rounds[0]!.payments[0]!.paymentId!, status: 'succeeded', settledAt: paidAt });
    const paid = await waitForState(c.handle, (s) => s.rounds[0]!.settlement !== null);
    expect(paid.status).toBe('answered');
    expect(paid.rounds[0]).toMatchObject({ fullAnswerOpen: true, rateable: true, answer: { digest: DIGEST } });
    expect(await eventually(() => h.money.holds.get(`${c.stem}/round-1/payment-1/hold`)?.resolution ?? undefined)).toEqual({
      holdId: `hold:${c.stem}/round-1/payment-1/hold`,
      toSpecialist: 85_000,
      toPlatform: 15_000,
      returnedToPayer: 0,
    });
    // Messages are posted by activities after the state changes: wait for this one.
    expect(await eventually(() => h.recorded.codesOf(c.questionId).find((posted) => posted === 'paid'))).toBe('paid');
  });
});

describe('QA-10: the promised-date timer', () => {
  it('QA-10: in work 1 min before the promised date; at it overdue, admins alerted, client told; the client cancels at no cost', async () => {
    const c = await askQuestion(h);
    const chosenState = await chosen(c);
    const { promisedAt } = chosenState.rounds[0]!;
    await skipTo(h, promisedAt - MINUTE);
    expect((await waitForState(c.handle, () => true)).status).toBe('in_work');
    await skipTo(h, promisedAt);
    const overdue = await waitForState(c.handle, (s) => s.status === 'overdue');
    expect(overdue.rounds[0]!.missedAt! - promisedAt).toBeGreaterThanOrEqual(0);
    expect(overdue.rounds[0]!.missedAt! - promisedAt).toBeLessThan(1000);
    const key = `${c.stem}/round-1/missed-${promisedAt}`;
    expect(await eventually(() => h.recorded.escalations.get(key))).toMatchObject({ reason: 'promised_date_missed' });
    // The notice is the next activity after the escalation: wait for it too.
    expect((await eventually(() => h.recorded.notices.get(key)))?.message).toMatchObject({
      code: 'promised_date_missed',
      params: { options: 'wait_choose_another_or_cancel' },
    });
    await send(c.handle, cancelRound, { by: c.client });
    const final = await c.handle.result();
    expect(final.status).toBe('cancelled');
    expect(h.money.payments.has(`${c.stem}/round-1/payment-1`)).toBe(false);
  });
});

describe('QA-9: 3 working days after publication, across a weekend and a public holiday', () => {
  it('QA-9: opened Friday 10:00 with Monday a holiday → window until Thursday 10:00: a complaint 1 min before is accepted; at Thursday the round completes', async () => {
    const friday = await nextWeekdayAt(h, 5, 10);
    const holidays = [tashkentDate(friday + 3 * DAY)]; // the Monday after
    await skipTo(h, friday);
    const inside = await askQuestion(h, holidays);
    const late = await askQuestion(h, holidays);
    const insidePaid = await paidAnswer(inside);
    const latePaid = await paidAnswer(late);
    const round = insidePaid.rounds[0]!;
    // Fri → (Sat, Sun, Monday holiday) Tue, Wed, Thu: 6 calendar days; without the holiday it would be Wednesday (5).
    expect(round.complaintDeadline! - round.fullAnswerOpenedAt!).toBe(6 * DAY);
    await skipTo(h, round.complaintDeadline! - MINUTE);
    const complained = await send(inside.handle, complain, { by: inside.client, round: 1, reasonEntryId: 'entry-reason' });
    expect(complained.status).toBe('in_complaint');
    expect(await eventually(() => h.money.blocks.get(`hold:${inside.stem}/round-1/payment-1/hold`))).toMatchObject({ blocked: true });

    await skipTo(h, latePaid.rounds[0]!.complaintDeadline!);
    const final = await late.handle.result();
    expect(final.status).toBe('closed');
    expect(final.rounds[0]!.status).toBe('completed');
    expect(await refusalOf(send(late.handle, complain, { by: late.client, round: 1, reasonEntryId: 'r' }))).not.toBe('accepted');
    expect(h.money.holds.get(`${late.stem}/round-1/payment-1/hold`)?.resolution).toMatchObject({
      toSpecialist: 85_000,
      toPlatform: 15_000,
    });
    await recordHistory(late.handle, 'question-paid-window-closed');
  });
});
