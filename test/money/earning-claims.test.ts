import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMoneyActivities } from '../../activities/money.ts';
import { PLATFORM_CALENDAR } from '../../domain/platform-calendar.ts';
import { blockEarning, reverseSettlement, unblockEarning } from '../../services/money/ledger/earning-claims.ts';
import { holdFunds, settleHold } from '../../services/money/ledger/holds.ts';
import { runOperation } from '../../services/money/ledger/ledger.ts';
import type { PaymentProvider } from '../../services/money/payments/provider.ts';
import { requestWithdrawal } from '../../services/money/payments/withdrawals.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { expectBooksBalanced } from '../support/ledger-invariants.ts';
import { balanceOf, createUser, fund } from './ledger-support.ts';

// CHAT-4 posts a consultation's price to the specialist at the end; CHAT-5 blocks that earning
// while a complaint is open and, on a refund, takes part of it (and of the commission) back to
// the client's balance. PAY-5's withdrawal check skips a blocked earning and counts what is
// left of a reversed one. Instants are UTC; comments give Tashkent's wall clock (UTC+5).

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());
afterEach(() => expectBooksBalanced(database.db));

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: { code: string; message: string }) => ({ code: error.code, message: error.message }),
  );

/** Thursday 26 November 2026, 10:00 Tashkent: withdrawable from Tuesday 1 December 10:00 (PAY-5). */
const PUBLISHED_AT = Date.UTC(2026, 10, 26, 5, 0);
/** Wednesday 2 December 2026, 10:00 Tashkent: PAY-5's 3 working days have passed. */
const LATER = { now: () => Date.UTC(2026, 11, 2, 5, 0), calendar: PLATFORM_CALENDAR };

const payouts: PaymentProvider = {
  name: 'test',
  createPayment: () => Promise.reject(new Error('not used')),
  refund: () => Promise.reject(new Error('not used')),
  payout: async () => undefined,
  paymentStatus: () => Promise.reject(new Error('not used')),
  refundStatus: () => Promise.reject(new Error('not used')),
  payoutStatus: () => Promise.reject(new Error('not used')),
  parseWebhook: () => {
    throw new Error('not used');
  },
};

/** A client paid `price` for a consultation and the specialist ended it: the hold is settled (CHAT-4). */
async function settledConsultation(price: number, toSpecialist: number, toPlatform: number, specialist?: string) {
  const db = database.db;
  const client = await createUser(db);
  const earner = specialist ?? (await createUser(db, 'specialist'));
  await fund(db, client, price);
  const stem = `consultation-${randomUUID()}`;
  const { holdId } = await holdFunds(db, {
    holdKey: `${stem}/payment-1/hold`,
    userId: client,
    amount: price,
    currency: 'UZS',
    description: `Frozen for chat consultation ${stem}`,
  });
  await settleHold(db, { holdId, specialistUserId: earner, toSpecialist, toPlatform, publishedAt: PUBLISHED_AT });
  return { client, specialist: earner, holdId, stem };
}

const block = (c: { holdId: string; stem: string }) =>
  blockEarning(database.db, { key: `${c.stem}/complaint/block`, holdId: c.holdId, reason: 'CHAT-5: complaint' }, () => LATER.now());

async function revenue(): Promise<number> {
  const account = await database.db.ledgerAccount.findUniqueOrThrow({ where: { code: 'platform:revenue:UZS' } });
  return Number(account.creditsPosted - account.debitsPosted);
}

const withdraw = (specialist: string, amount: number) =>
  requestWithdrawal(
    database.db,
    payouts,
    { key: `w-${randomUUID()}`, specialistUserId: specialist, amount, currency: 'UZS', destination: 'card-8600-1234' },
    LATER,
  );

describe('CHAT-5: a refund after the settlement goes back to the client from the specialist and the commission', () => {
  it("CHAT-5: 199 999 settled 170 000 / 29 999; a refund of 33 333 takes 28 333 + 5 000 to the client's balance, once", async () => {
    const db = database.db;
    const c = await settledConsultation(199_999, 170_000, 29_999);
    const revenueBefore = await revenue();
    expect(await block(c)).toEqual({ holdId: c.holdId, blocked: true, amount: 170_000 });
    const reversal = { holdId: c.holdId, fromSpecialist: 28_333, fromPlatform: 5_000, description: 'Refund after complaint (CHAT-5)' };
    const first = await reverseSettlement(db, reversal);
    expect(first).toEqual({ holdId: c.holdId, fromSpecialist: 28_333, fromPlatform: 5_000, returnedToPayer: 33_333 });
    // PAY-3: a retried activity returns the first result and moves nothing again.
    expect(await reverseSettlement(db, reversal)).toEqual(first);
    expect(await balanceOf(db, c.client)).toEqual({ available: 33_333, held: 0 });
    expect(await balanceOf(db, c.specialist)).toEqual({ available: 141_667, held: 0 });
    expect(revenueBefore - (await revenue())).toBe(5_000);
    const earning = await db.specialistEarning.findFirstOrThrow({ where: { specialistUserId: c.specialist } });
    expect(earning.reversedAmount).toBe(28_333n);
    const transfers = await db.ledgerTransfer.findMany({ where: { operationKey: `reverse:${c.holdId}` }, orderBy: { amount: 'desc' } });
    expect(transfers.map((t) => [t.amount, t.description])).toEqual([
      [28_333n, 'Refund after complaint (CHAT-5): returned by the specialist'],
      [5_000n, 'Refund after complaint (CHAT-5): commission returned'],
    ]);
  });

  it('CHAT-5, PAY-3: the same hold reversed with other amounts is refused and moves nothing', async () => {
    const db = database.db;
    const c = await settledConsultation(200_000, 170_000, 30_000);
    await block(c);
    await reverseSettlement(db, { holdId: c.holdId, fromSpecialist: 42_500, fromPlatform: 7_500, description: 'Refund' });
    expect(
      await refusal(reverseSettlement(db, { holdId: c.holdId, fromSpecialist: 42_501, fromPlatform: 7_499, description: 'Refund' })),
    ).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await balanceOf(db, c.client)).toEqual({ available: 50_000, held: 0 });
    expect(await balanceOf(db, c.specialist)).toEqual({ available: 127_500, held: 0 });
  });

  it('CHAT-5: a full refund returns all 200 000; nothing is left of the earning', async () => {
    const db = database.db;
    const c = await settledConsultation(200_000, 170_000, 30_000);
    await block(c);
    await reverseSettlement(db, { holdId: c.holdId, fromSpecialist: 170_000, fromPlatform: 30_000, description: 'Refund' });
    expect(await balanceOf(db, c.client)).toEqual({ available: 200_000, held: 0 });
    expect(await balanceOf(db, c.specialist)).toEqual({ available: 0, held: 0 });
    expect(await unblockEarning(db, { key: `${c.stem}/complaint/unblock`, holdId: c.holdId })).toEqual({
      holdId: c.holdId,
      blocked: false,
      amount: 0,
    });
  });

  it('CHAT-5: refused while the earning is not blocked, beyond what was settled, or for a hold never settled', async () => {
    const db = database.db;
    const c = await settledConsultation(200_000, 170_000, 30_000);
    const reverse = (fromSpecialist: number, fromPlatform: number, holdId = c.holdId) =>
      refusal(reverseSettlement(db, { holdId, fromSpecialist, fromPlatform, description: 'Refund' }));
    expect(await reverse(42_500, 7_500)).toMatchObject({ code: 'EARNING_NOT_BLOCKED', message: expect.stringContaining('CHAT-5') });
    await block(c);
    expect(await reverse(0, 30_001)).toMatchObject({ code: 'REVERSAL_EXCEEDS_SETTLEMENT' });
    expect(await reverse(170_001, 0)).toMatchObject({ code: 'REVERSAL_EXCEEDS_SETTLEMENT' });
    expect(await reverse(0, 0)).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await reverse(1, 1, randomUUID())).toMatchObject({ code: 'NOT_FOUND' });
    expect(await balanceOf(db, c.specialist)).toEqual({ available: 170_000, held: 0 });
    expect(await balanceOf(db, c.client)).toEqual({ available: 0, held: 0 });
  });

  it("CHAT-5: the specialist's account never goes negative: money gone some other way → a clear refusal, nothing moved", async () => {
    const db = database.db;
    const c = await settledConsultation(200_000, 170_000, 30_000);
    // The money left the account before the complaint blocked it (as a test transfer out).
    await runOperation(db, { key: `drain-${c.holdId}`, kind: 'test.drain', request: {} }, async () => ({
      result: null,
      transfers: [
        {
          kind: 'posted',
          debit: { userId: c.specialist, currency: 'UZS' },
          credit: { platform: 'payouts', currency: 'UZS' },
          amount: 160_000n,
          description: 'Paid out',
        },
      ],
    }));
    await block(c);
    const refused = await refusal(
      reverseSettlement(db, { holdId: c.holdId, fromSpecialist: 42_500, fromPlatform: 7_500, description: 'Refund' }),
    );
    expect(refused).toEqual({
      code: 'INSUFFICIENT_FUNDS',
      message: "CHAT-5: the specialist's available balance (10000) is less than the 42500 to return to the client; nothing was moved.",
    });
    expect(await balanceOf(db, c.specialist)).toEqual({ available: 10_000, held: 0 });
    expect(await balanceOf(db, c.client)).toEqual({ available: 0, held: 0 });
  });

  it('CHAT-5: the money activities refuse for good with the code as the failure type', async () => {
    const c = await settledConsultation(200_000, 170_000, 30_000);
    const activities = createMoneyActivities({ db: database.db, payments: payouts });
    const failure = await activities
      .reverseSettlement({ holdId: c.holdId, fromSpecialist: 42_500, fromPlatform: 7_500, description: 'Refund' })
      .then(
        () => null,
        (error: { type?: string; nonRetryable?: boolean }) => ({ type: error.type, nonRetryable: error.nonRetryable }),
      );
    expect(failure).toEqual({ type: 'EARNING_NOT_BLOCKED', nonRetryable: true });
  });
});

describe('CHAT-5, PAY-5: a blocked earning cannot be withdrawn; unblocked, what is left of it can', () => {
  it("CHAT-5: after PAY-5's 3 working days, the blocked 170 000 is still refused; another, free earning is not", async () => {
    const db = database.db;
    const free = await settledConsultation(10_000, 10_000, 0);
    const c = await settledConsultation(200_000, 170_000, 30_000, free.specialist);
    expect(await block(c)).toMatchObject({ blocked: true });
    expect(await block(c)).toMatchObject({ blocked: true }); // a retry
    const row = await db.specialistEarning.findFirstOrThrow({ where: { amount: 170_000n, specialistUserId: c.specialist } });
    expect(row).toMatchObject({ blockedSince: new Date(LATER.now()), blockedReason: 'CHAT-5: complaint' });
    expect(await refusal(withdraw(c.specialist, 20_000))).toEqual({
      code: 'EARNINGS_UNDER_COMPLAINT',
      message: "CHAT-5: earnings from a consultation under complaint can't be withdrawn until the administration decides.",
    });
    expect((await withdraw(c.specialist, 10_000)).status).toBe('pending');
    expect(await refusal(withdraw(c.specialist, 1))).toMatchObject({ code: 'EARNINGS_UNDER_COMPLAINT' });
  });

  it('CHAT-5, PAY-5: after a refund of 50 000 and the unblock, 127 500 is withdrawable and not a unit more', async () => {
    const db = database.db;
    const c = await settledConsultation(200_000, 170_000, 30_000);
    await block(c);
    await reverseSettlement(db, { holdId: c.holdId, fromSpecialist: 42_500, fromPlatform: 7_500, description: 'Refund' });
    const unblock = { key: `${c.stem}/complaint/unblock`, holdId: c.holdId };
    expect(await unblockEarning(db, unblock)).toEqual({ holdId: c.holdId, blocked: false, amount: 127_500 });
    expect(await unblockEarning(db, unblock)).toEqual({ holdId: c.holdId, blocked: false, amount: 127_500 });
    expect(await refusal(withdraw(c.specialist, 127_501))).toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
    expect((await withdraw(c.specialist, 127_500)).status).toBe('pending');
    expect(await balanceOf(db, c.specialist)).toEqual({ available: 0, held: 127_500 });
  });

  it('CHAT-5: a settlement that paid the specialist nothing has no earning to block', async () => {
    const c = await settledConsultation(5_000, 0, 5_000);
    expect(await block(c)).toEqual({ holdId: c.holdId, blocked: false, amount: 0 });
    const back = await reverseSettlement(database.db, { holdId: c.holdId, fromSpecialist: 0, fromPlatform: 5_000, description: 'Refund' });
    expect(back.returnedToPayer).toBe(5_000);
    expect(await balanceOf(database.db, c.client)).toEqual({ available: 5_000, held: 0 });
  });
});
