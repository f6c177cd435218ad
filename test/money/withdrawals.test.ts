import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORM_CALENDAR } from '../../domain/platform-calendar.ts';
import { holdFunds, settleHold } from '../../services/money/ledger/holds.ts';
import type { PaymentProvider } from '../../services/money/payments/provider.ts';
import { recordPayoutOutcome, requestWithdrawal } from '../../services/money/payments/withdrawals.ts';
import { registerAdmin, registerAndLogin } from '../support/factories.ts';
import { expectBooksBalanced } from '../support/ledger-invariants.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { balanceOf, createUser, fund } from './ledger-support.ts';
import { sandboxOf } from '../support/payments.ts';

// PAY-5 withdrawals on the real stack; payouts complete through the sandbox acquirer's webhook.
// Instants are UTC; comments give Tashkent's wall clock (UTC+5).

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());
afterEach(() => expectBooksBalanced(stack.database.db));

const utc = (iso: string) => Date.parse(iso);
const at = (iso: string) => ({ now: () => utc(iso), calendar: PLATFORM_CALENDAR });
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: { code: string; message: string }) => ({ code: error.code, message: error.message }),
  );

/** A specialist who earned `amount` for an answer published at `publishedAt`. */
async function specialistWithEarning(amount: number, publishedAt: number, specialist?: string) {
  const db = stack.database.db;
  const client = await createUser(db);
  const earner = specialist ?? (await createUser(db, 'specialist'));
  await fund(db, client, amount);
  const { holdId } = await holdFunds(db, {
    holdKey: `order-${randomUUID()}/hold`,
    userId: client,
    amount,
    currency: 'UZS',
    description: 'Answer',
  });
  await settleHold(db, { holdId, specialistUserId: earner, toSpecialist: amount, toPlatform: 0, publishedAt });
  return earner;
}

function withdraw(specialist: string, amount: number, rules: ReturnType<typeof at>, destination = 'card-8600-1234') {
  return requestWithdrawal(
    stack.database.db,
    stack.payments,
    { key: `w-${randomUUID()}`, specialistUserId: specialist, amount, currency: 'UZS', destination },
    rules,
  );
}

describe('PAY-5 withdrawals', () => {
  it('PAY-5: refused until 3 working days after publication, across a weekend, saying when it is allowed', async () => {
    // Published Thu 26 Nov 10:00 → allowed from Tue 1 Dec 10:00.
    const specialist = await specialistWithEarning(50_000, utc('2026-11-26T05:00:00Z'));
    const early = await refusal(withdraw(specialist, 50_000, at('2026-11-30T07:00:00Z')));
    expect(early).toEqual({
      code: 'WITHDRAWAL_TOO_EARLY',
      message: expect.stringContaining('allowed from 2026-12-01 10:00 (Asia/Tashkent)'),
    });
    expect(await refusal(withdraw(specialist, 50_000, at('2026-12-01T04:59:59Z')))).toMatchObject({
      code: 'WITHDRAWAL_TOO_EARLY',
    });
    const allowed = await withdraw(specialist, 50_000, at('2026-12-01T05:00:00Z'));
    expect(allowed.status).toBe('pending');
    await sandboxOf(stack).idle();
    expect((await stack.database.db.withdrawal.findUniqueOrThrow({ where: { id: allowed.id } })).status).toBe('succeeded');
    expect(await balanceOf(stack.database.db, specialist)).toEqual({ available: 0, held: 0 });
  });

  it('PAY-5: a public holiday (Constitution Day, Tue 8 Dec) is not a working day', async () => {
    // Published Fri 4 Dec 12:00 → Mon 7, (Tue 8 off), Wed 9, Thu 10 12:00.
    const specialist = await specialistWithEarning(20_000, utc('2026-12-04T07:00:00Z'));
    expect(await refusal(withdraw(specialist, 20_000, at('2026-12-09T07:00:00Z')))).toEqual({
      code: 'WITHDRAWAL_TOO_EARLY',
      message: expect.stringContaining('allowed from 2026-12-10 12:00 (Asia/Tashkent)'),
    });
    expect((await withdraw(specialist, 20_000, at('2026-12-10T07:00:00Z'))).status).toBe('pending');
  });

  it('PAY-5: a day an admin adds to the holiday calendar (SUP-2) counts for earnings credited after the edit', async () => {
    const admin = await registerAdmin(stack.app, stack.database.db);
    const added = await stack.app.inject({
      method: 'PUT',
      url: '/v1/admin/support/calendar-days/2026-11-27',
      headers: admin.auth,
      payload: { kind: 'holiday', name: 'Day off by decree' },
    });
    expect(added.statusCode).toBeLessThan(300);
    try {
      // Published Thu 26 Nov 10:00 → (Fri 27 off), Mon 30, Tue 1, Wed 2 Dec 10:00.
      const specialist = await specialistWithEarning(30_000, utc('2026-11-26T05:00:00Z'));
      expect(await refusal(withdraw(specialist, 30_000, at('2026-12-01T05:00:00Z')))).toEqual({
        code: 'WITHDRAWAL_TOO_EARLY',
        message: expect.stringContaining('allowed from 2026-12-02 10:00 (Asia/Tashkent)'),
      });
    } finally {
      await stack.database.db.supportCalendarDay.delete({ where: { date: new Date('2026-11-27') } });
    }
  });

  it('PAY-5: only matured earnings count — a newer earning waits while an older one can be withdrawn', async () => {
    const specialist = await specialistWithEarning(10_000, utc('2026-11-02T06:00:00Z'));
    await specialistWithEarning(5_000, utc('2026-11-23T06:00:00Z'), specialist); // Mon 23 → Thu 26 11:00
    const rules = at('2026-11-24T06:00:00Z');
    expect(await refusal(withdraw(specialist, 12_000, rules))).toEqual({
      code: 'WITHDRAWAL_TOO_EARLY',
      message: expect.stringContaining('2026-11-26 11:00'),
    });
    expect((await withdraw(specialist, 10_000, rules)).status).toBe('pending');
    expect(await refusal(withdraw(specialist, 5_001, at('2026-11-27T06:00:00Z')))).toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
  });

  it('PAY-5: a third withdrawal in one calendar month is refused until the next month; a failed payout frees its place', async () => {
    const specialist = await specialistWithEarning(90_000, utc('2026-10-01T06:00:00Z'));
    const inDecember = at('2026-12-15T06:00:00Z');
    await withdraw(specialist, 10_000, inDecember);
    const failed = await withdraw(specialist, 10_000, inDecember, 'card-4000-0002');
    await sandboxOf(stack).idle();
    expect((await stack.database.db.withdrawal.findUniqueOrThrow({ where: { id: failed.id } })).status).toBe('failed');
    expect(await balanceOf(stack.database.db, specialist)).toEqual({ available: 80_000, held: 0 });
    await withdraw(specialist, 10_000, inDecember);
    expect(await refusal(withdraw(specialist, 10_000, at('2026-12-31T18:59:00Z')))).toEqual({
      code: 'WITHDRAWAL_MONTHLY_LIMIT',
      message: expect.stringContaining('next is allowed from 2027-01-01 00:00 (Asia/Tashkent)'),
    });
    expect((await withdraw(specialist, 10_000, at('2026-12-31T19:00:00Z'))).month).toBe('2027-01');
    await sandboxOf(stack).idle();
    expect(await balanceOf(stack.database.db, specialist)).toEqual({ available: 60_000, held: 0 });
  });
  it('PAY-5: a payout that fails after a later withdrawal was made frees its place without colliding with it', async () => {
    const db = stack.database.db;
    const specialist = await specialistWithEarning(90_000, utc('2026-10-01T06:00:00Z'));
    const inDecember = at('2026-12-15T06:00:00Z');
    // An acquirer still working on the payouts: their outcomes arrive only when this test says.
    const slowAcquirer: PaymentProvider = {
      name: stack.payments.name,
      createPayment: (input) => stack.payments.createPayment(input),
      refund: (input) => stack.payments.refund(input),
      parseWebhook: (body, headers) => stack.payments.parseWebhook(body, headers),
      paymentStatus: (id) => stack.payments.paymentStatus(id),
      refundStatus: (id) => stack.payments.refundStatus(id),
      payoutStatus: (id) => stack.payments.payoutStatus(id),
      payout: async () => undefined,
    };
    const request = () =>
      requestWithdrawal(
        db,
        slowAcquirer,
        { key: `w-${randomUUID()}`, specialistUserId: specialist, amount: 10_000, currency: 'UZS', destination: 'card-8600-1234' },
        inDecember,
      );
    const first = await request();
    const second = await request();
    await recordPayoutOutcome(db, first.id, 'failed', utc('2026-12-15T07:00:00Z'));
    // The first one's place is free again: one more is allowed this month, then no more.
    const third = await request();
    expect(third.status).toBe('pending');
    expect([second.monthSeq, third.monthSeq].sort()).toEqual([1, 2]);
    expect(await refusal(request())).toEqual({ code: 'WITHDRAWAL_MONTHLY_LIMIT', message: expect.stringContaining('2027-01-01 00:00') });
    expect(await balanceOf(db, specialist)).toEqual({ available: 70_000, held: 20_000 });
  });
});

describe('PAY-5 withdrawals when the acquirer is unreachable', () => {
  it('PAY-5: a payout the acquirer cannot take yet is a retryable 503, and the retry with the same key pays it out once', async () => {
    const db = stack.database.db;
    const specialist = await specialistWithEarning(30_000, utc('2026-10-01T06:00:00Z'));
    const inDecember = at('2026-12-15T06:00:00Z');
    const unreachable: PaymentProvider = {
      name: stack.payments.name,
      createPayment: (input) => stack.payments.createPayment(input),
      refund: (input) => stack.payments.refund(input),
      parseWebhook: (body, headers) => stack.payments.parseWebhook(body, headers),
      paymentStatus: (id) => stack.payments.paymentStatus(id),
      refundStatus: (id) => stack.payments.refundStatus(id),
      payoutStatus: (id) => stack.payments.payoutStatus(id),
      payout: async () => {
        throw new Error('connect ECONNREFUSED 10.0.0.7:443');
      },
    };
    const request = {
      key: `w-${randomUUID()}`,
      specialistUserId: specialist,
      amount: 10_000,
      currency: 'UZS',
      destination: 'card-8600-1234',
    };
    expect(await refusal(requestWithdrawal(db, unreachable, request, inDecember))).toEqual({
      code: 'DEPENDENCY_UNAVAILABLE',
      message: expect.stringContaining('retry with the same Idempotency-Key'),
    });
    expect(await balanceOf(db, specialist)).toEqual({ available: 20_000, held: 10_000 });
    const retried = await requestWithdrawal(db, stack.payments, request, inDecember);
    await sandboxOf(stack).idle();
    expect((await db.withdrawal.findUniqueOrThrow({ where: { id: retried.id } })).status).toBe('succeeded');
    expect(await db.withdrawal.count({ where: { specialistUserId: specialist } })).toBe(1);
    expect(await balanceOf(db, specialist)).toEqual({ available: 20_000, held: 0 });
  });
});

describe('POST /v1/me/withdrawals', () => {
  async function specialistSession() {
    const session = await registerAndLogin(stack.app);
    await stack.database.db.user.update({ where: { id: session.user.id }, data: { role: 'specialist' } });
    return session;
  }

  it('PAY-5: withdraws matured earnings with an Idempotency-Key; a retry returns the same withdrawal', async () => {
    const session = await specialistSession();
    await specialistWithEarning(7_000, Date.now() - 30 * 86_400_000, session.user.id);
    const request = {
      method: 'POST' as const,
      url: '/v1/me/withdrawals',
      headers: { ...session.auth, 'idempotency-key': `key-${randomUUID()}` },
      payload: { amount: 7_000, currency: 'UZS', destination: 'card-8600-5555' },
    };
    const first = await stack.app.inject(request);
    expect(first.statusCode).toBe(202);
    expect(first.json()).toMatchObject({ amount: 7_000, currency: 'UZS', status: 'pending', destination: 'card-8600-5555' });
    const again = await stack.app.inject(request);
    expect(again.json().id).toBe(first.json().id);
    const followed = await stack.app.inject({ method: 'GET', url: first.headers.location as string, headers: session.auth });
    expect(followed.json()).toMatchObject({ id: first.json().id, amount: 7_000 });
    const stranger = await specialistSession();
    expect((await stack.app.inject({ method: 'GET', url: first.headers.location as string, headers: stranger.auth })).statusCode).toBe(404);
    await sandboxOf(stack).idle();
    const list = await stack.app.inject({ method: 'GET', url: '/v1/me/withdrawals', headers: session.auth });
    expect(list.json().items).toEqual([expect.objectContaining({ id: first.json().id, status: 'succeeded' })]);
    const reused = await stack.app.inject({ ...request, payload: { ...request.payload, amount: 1 } });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('PAY-5: answers a too-early withdrawal with a 422 problem that says when it is allowed', async () => {
    const session = await specialistSession();
    await specialistWithEarning(3_000, Date.now(), session.user.id);
    const response = await stack.app.inject({
      method: 'POST',
      url: '/v1/me/withdrawals',
      headers: { ...session.auth, 'idempotency-key': `key-${randomUUID()}` },
      payload: { amount: 3_000, currency: 'UZS', destination: 'card-8600-5555' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      code: 'WITHDRAWAL_TOO_EARLY',
      detail: expect.stringMatching(/allowed from \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(Asia\/Tashkent\)/),
    });
  });

  it('refuses clients, a missing Idempotency-Key and fractional amounts', async () => {
    const client = await registerAndLogin(stack.app);
    const payload = { amount: 100, currency: 'UZS', destination: 'card-8600-5555' };
    expect(
      (
        await stack.app.inject({
          method: 'POST',
          url: '/v1/me/withdrawals',
          headers: { ...client.auth, 'idempotency-key': 'key-12345678' },
          payload,
        })
      ).statusCode,
    ).toBe(403);
    const specialist = await specialistSession();
    const noKey = await stack.app.inject({ method: 'POST', url: '/v1/me/withdrawals', headers: specialist.auth, payload });
    expect(noKey.statusCode).toBe(400);
    const fractional = await stack.app.inject({
      method: 'POST',
      url: '/v1/me/withdrawals',
      headers: { ...specialist.auth, 'idempotency-key': 'key-12345678' },
      payload: { ...payload, amount: 10.5 },
    });
    expect(fractional.statusCode).toBe(400);
    expect((await stack.app.inject({ method: 'POST', url: '/v1/me/withdrawals', payload })).statusCode).toBe(401);
  });
});
