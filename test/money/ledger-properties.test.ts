import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors.ts';
import { PLATFORM_CALENDAR } from '../../domain/platform-calendar.ts';
import { DEV_PAYMENTS_WEBHOOK_SECRET } from '../../infra/config.ts';
import { holdFunds, releaseHold, settleHold } from '../../services/money/ledger/holds.ts';
import { recordPaymentOutcome, startPayment } from '../../services/money/payments/payments.ts';
import { recordRefundOutcome, refundPayment } from '../../services/money/payments/refunds.ts';
import { SandboxAcquirer } from '../../services/money/payments/sandbox-acquirer.ts';
import { recordPayoutOutcome, requestWithdrawal } from '../../services/money/payments/withdrawals.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { ledgerProblems } from '../support/ledger-invariants.ts';
import { createUser } from './ledger-support.ts';

// PAY-2/PAY-3/PAY-5/PAY-6 as properties: random sequences of pay / decline / hold / settle /
// release / partial refund / withdraw / acquirer outcomes, with exact duplicates and concurrent
// groups. After every sequence the books balance, no available balance is negative, only
// confirmed payments were credited (once), and replaying every request that succeeded returns
// the same result and changes nothing.

let database: TestDatabase;
let acquirer: SandboxAcquirer;
beforeAll(async () => {
  database = await createTestDatabase();
  // Outcomes are driven by the commands below, so the acquirer's own webhooks go nowhere.
  acquirer = new SandboxAcquirer({
    db: database.db,
    secret: DEV_PAYMENTS_WEBHOOK_SECRET,
    publicBaseUrl: 'http://sandbox.test',
    transport: async () => 200,
  });
});
afterAll(() => database?.drop());

const BUSINESS_REFUSALS = new Set([
  'INSUFFICIENT_FUNDS',
  'HOLD_ALREADY_RESOLVED',
  'SETTLEMENT_EXCEEDS_HOLD',
  'REFUND_EXCEEDS_PAYMENT',
  'WITHDRAWAL_MONTHLY_LIMIT',
  'WITHDRAWAL_TOO_EARLY',
]);
const CURRENCIES = ['UZS', 'AZN'] as const;
const amount = fc.integer({ min: 1, max: 5_000 });
const payment = fc.integer({ min: 1_000, max: 20_000 });
const currency = fc.constantFrom(...CURRENCIES);
const pick = fc.nat({ max: 50 });

const command = fc.oneof(
  {
    arbitrary: fc.record({ type: fc.constant('pay' as const), payer: fc.nat({ max: 1 }), amount: payment, currency }),
    weight: 3,
  },
  {
    arbitrary: fc.record({ type: fc.constant('decline' as const), payer: fc.nat({ max: 1 }), amount: payment, currency }),
    weight: 1,
  },
  {
    arbitrary: fc.record({ type: fc.constant('hold' as const), payment: pick, pct: fc.integer({ min: 1, max: 120 }) }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      type: fc.constant('settle' as const),
      hold: pick,
      specialistPct: fc.nat({ max: 100 }),
      platformPct: fc.nat({ max: 100 }),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ type: fc.constant('release' as const), hold: pick }), weight: 2 },
  { arbitrary: fc.record({ type: fc.constant('refund' as const), payment: pick, amount }), weight: 2 },
  { arbitrary: fc.record({ type: fc.constant('refundOutcome' as const), refund: pick, ok: fc.boolean() }), weight: 2 },
  {
    arbitrary: fc.record({ type: fc.constant('withdraw' as const), pct: fc.integer({ min: 1, max: 120 }), currency }),
    weight: 2,
  },
  { arbitrary: fc.record({ type: fc.constant('payoutOutcome' as const), withdrawal: pick, ok: fc.boolean() }), weight: 1 },
  { arbitrary: fc.record({ type: fc.constant('again' as const), request: pick }), weight: 3 },
);
type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;
// A step is one command or a group run concurrently.
const step = fc.oneof(
  { arbitrary: command.map((c) => [c]), weight: 4 },
  { arbitrary: fc.array(command, { minLength: 2, maxLength: 3 }), weight: 1 },
);

interface World {
  run: string;
  payers: string[];
  specialist: string;
  holds: { id: string; amount: number; currency: string }[];
  payments: { id: string; amount: number; payer: string; currency: string }[];
  earned: Record<string, number>;
  settled: Set<string>;
  refunds: string[];
  withdrawals: string[];
  /** Requests that succeeded, with their result, for replays. */
  done: { request: () => Promise<unknown>; result: unknown }[];
  counter: number;
}

const nth = <T>(list: T[], index: number): T | undefined => (list.length === 0 ? undefined : list[index % list.length]);

function requestFor(world: World, c: Command): (() => Promise<unknown>) | undefined {
  const db = database.db;
  const key = `${world.run}-${world.counter++}`;
  switch (c.type) {
    case 'pay':
      return async () => {
        const payment = await startPayment(db, acquirer, {
          paymentKey: key,
          payerUserId: world.payers[c.payer]!,
          amount: c.amount,
          currency: c.currency,
          description: 'pay',
          notifyWorkflowId: 'none',
        });
        await recordPaymentOutcome(db, payment.paymentId, 'succeeded', Date.UTC(2026, 10, 20));
        if (!world.payments.some((p) => p.id === payment.paymentId))
          world.payments.push({ id: payment.paymentId, amount: c.amount, payer: world.payers[c.payer]!, currency: c.currency });
        return payment;
      };
    case 'decline':
      // A failed payment: its outcome is recorded (and redelivered by 'again'), no money moves.
      return async () => {
        const declined = await startPayment(db, acquirer, {
          paymentKey: key,
          payerUserId: world.payers[c.payer]!,
          amount: c.amount,
          currency: c.currency,
          description: 'declined',
          notifyWorkflowId: 'none',
        });
        await recordPaymentOutcome(db, declined.paymentId, 'failed', Date.UTC(2026, 10, 20));
        return declined;
      };
    case 'hold': {
      // Orders are paid for by a payment: hold a share of one (sometimes more than it).
      const paid = nth(world.payments, c.payment);
      if (!paid) return undefined;
      const holdAmount = Math.max(1, Math.floor((paid.amount * c.pct) / 100));
      return async () => {
        const hold = await holdFunds(db, {
          holdKey: key,
          userId: paid.payer,
          amount: holdAmount,
          currency: paid.currency,
          description: 'order',
        });
        if (!world.holds.some((h) => h.id === hold.holdId))
          world.holds.push({ id: hold.holdId, amount: holdAmount, currency: paid.currency });
        return hold;
      };
    }
    case 'settle': {
      const hold = nth(world.holds, c.hold);
      if (!hold) return undefined;
      const toSpecialist = Math.floor((hold.amount * c.specialistPct) / 100);
      const toPlatform = Math.floor((hold.amount * Math.min(c.platformPct, 100 - c.specialistPct)) / 100);
      return async () => {
        const settled = await settleHold(db, {
          holdId: hold.id,
          specialistUserId: world.specialist,
          toSpecialist,
          toPlatform,
          publishedAt: Date.UTC(2026, 0, 5, 6),
        });
        if (!world.settled.has(hold.id)) world.earned[hold.currency] = (world.earned[hold.currency] ?? 0) + toSpecialist;
        world.settled.add(hold.id);
        return settled;
      };
    }
    case 'release': {
      const hold = nth(world.holds, c.hold);
      return hold && (() => releaseHold(db, { holdId: hold.id }));
    }
    case 'refund': {
      const payment = nth(world.payments, c.payment);
      if (!payment) return undefined;
      return async () => {
        const refund = await refundPayment(
          db,
          acquirer,
          { refundKey: key, paymentId: payment.id, amount: Math.min(c.amount, payment.amount) },
          () => Date.UTC(2026, 10, 21),
        );
        if (!world.refunds.includes(refund.refundId)) world.refunds.push(refund.refundId);
        return { refundId: refund.refundId };
      };
    }
    case 'refundOutcome': {
      const refund = nth(world.refunds, c.refund);
      return refund === undefined
        ? undefined
        : () => recordRefundOutcome(db, refund, c.ok ? 'succeeded' : 'failed', Date.UTC(2026, 10, 22));
    }
    case 'withdraw': {
      const withdrawAmount = Math.max(1, Math.floor(((world.earned[c.currency] ?? 0) * c.pct) / 100));
      return async () => {
        const rules = { now: () => Date.UTC(2026, 10, 24, 8), calendar: PLATFORM_CALENDAR };
        const withdrawal = await requestWithdrawal(
          db,
          acquirer,
          { key, specialistUserId: world.specialist, amount: withdrawAmount, currency: c.currency, destination: 'card-4242' },
          rules,
        );
        if (!world.withdrawals.includes(withdrawal.id)) world.withdrawals.push(withdrawal.id);
        return withdrawal.id;
      };
    }
    case 'payoutOutcome': {
      const withdrawal = nth(world.withdrawals, c.withdrawal);
      return withdrawal === undefined
        ? undefined
        : () => recordPayoutOutcome(db, withdrawal, c.ok ? 'succeeded' : 'failed', Date.UTC(2026, 10, 25));
    }
    case 'again': {
      const earlier = nth(world.done, c.request);
      return earlier?.request;
    }
  }
}

async function perform(world: World, c: Command): Promise<void> {
  const request = requestFor(world, c);
  if (!request) return;
  try {
    const result = await request();
    if (c.type !== 'again') world.done.push({ request, result });
  } catch (error) {
    if (error instanceof DomainError && BUSINESS_REFUSALS.has(error.code)) return;
    throw error;
  }
}

/** Money moved for a payment the acquirer did not confirm (or twice for one it did). */
async function paymentsCreditedButNotSucceeded() {
  return database.db.$queryRawUnsafe(`
    SELECT p.id, p.status, count(t.id)::int AS credits FROM payments p
      LEFT JOIN ledger_transfers t ON t.operation_key = 'payment:' || p.id || ':credit'
     GROUP BY p.id, p.status
    HAVING count(t.id) <> CASE p.status WHEN 'succeeded' THEN 1 ELSE 0 END`);
}

async function snapshot() {
  const accounts = await database.db.ledgerAccount.findMany({ orderBy: { code: 'asc' } });
  return {
    accounts: accounts.map((a) => [a.code, a.debitsPending, a.debitsPosted, a.creditsPending, a.creditsPosted]),
    transfers: await database.db.ledgerTransfer.count(),
  };
}

describe('ledger properties', () => {
  it('PAY-3: random pay/hold/settle/release/refund/withdraw sequences with duplicates and concurrency keep the books balanced, and replays change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 10, maxLength: 30 }), async (steps) => {
        const world: World = {
          run: randomUUID().slice(0, 8),
          payers: [await createUser(database.db), await createUser(database.db)],
          specialist: await createUser(database.db, 'specialist'),
          holds: [],
          payments: [],
          refunds: [],
          withdrawals: [],
          done: [],
          counter: 0,
          earned: {},
          settled: new Set(),
        };
        for (const group of steps) await Promise.all(group.map((c) => perform(world, c)));
        expect(await ledgerProblems(database.db)).toEqual([]);
        expect(await paymentsCreditedButNotSucceeded()).toEqual([]);

        const before = await snapshot();
        for (const { request, result } of world.done) expect(await request()).toEqual(result);
        expect(await snapshot()).toEqual(before);
        expect(await ledgerProblems(database.db)).toEqual([]);
      }),
      { numRuns: 40 },
    );
    // 40 runs take 30–55 s on a loaded 2-core machine: the default 60 s left no headroom.
  }, 180_000);
});
