import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { holdFunds, releaseHold, settleHold } from '../../services/money/ledger/holds.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { expectBooksBalanced } from '../support/ledger-invariants.ts';
import { balanceOf, createUser, fund } from './ledger-support.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());
afterEach(() => expectBooksBalanced(database.db));

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: { code?: string }) => error.code,
  );

describe('ledger holds', () => {
  it('PAY-1: refuses amounts that are not integer minor units, moving nothing', async () => {
    const db = database.db;
    const client = await createUser(db);
    await fund(db, client, 1000);
    await expect(
      rejection(holdFunds(db, { holdKey: 'frac', userId: client, amount: 10.5, currency: 'UZS', description: 'x' })),
    ).resolves.toBe('VALIDATION_FAILED');
    await expect(rejection(holdFunds(db, { holdKey: 'neg', userId: client, amount: -5, currency: 'UZS', description: 'x' }))).resolves.toBe(
      'VALIDATION_FAILED',
    );
    await expect(rejection(holdFunds(db, { holdKey: 'cur', userId: client, amount: 5, currency: 'uzs', description: 'x' }))).resolves.toBe(
      'VALIDATION_FAILED',
    );
    expect(await balanceOf(db, client)).toEqual({ available: 1000, held: 0 });
  });

  it('PAY-2: a hold freezes the money; settling pays the specialist and the platform and returns the rest', async () => {
    const db = database.db;
    const [client, specialist] = [await createUser(db), await createUser(db, 'specialist')];
    await fund(db, client, 10_000);
    const { holdId } = await holdFunds(db, {
      holdKey: 'order-1/hold',
      userId: client,
      amount: 7_000,
      currency: 'UZS',
      description: 'Order 1',
    });
    expect(await balanceOf(db, client)).toEqual({ available: 3_000, held: 7_000 });

    const settled = await settleHold(db, {
      holdId,
      specialistUserId: specialist,
      toSpecialist: 4_000,
      toPlatform: 1_000,
      publishedAt: Date.UTC(2026, 10, 24, 6),
    });
    expect(settled).toEqual({ holdId, toSpecialist: 4_000, toPlatform: 1_000, returnedToPayer: 2_000 });
    expect(await balanceOf(db, client)).toEqual({ available: 5_000, held: 0 });
    expect(await balanceOf(db, specialist)).toEqual({ available: 4_000, held: 0 });
    const revenue = await db.ledgerAccount.findUniqueOrThrow({ where: { code: 'platform:revenue:UZS' } });
    expect(revenue.creditsPosted).toBe(1_000n);
  });

  it('PAY-2: releasing a hold returns all of it to the payer', async () => {
    const db = database.db;
    const client = await createUser(db);
    await fund(db, client, 500);
    const { holdId } = await holdFunds(db, {
      holdKey: 'order-2/hold',
      userId: client,
      amount: 500,
      currency: 'UZS',
      description: 'Order 2',
    });
    expect(await balanceOf(db, client)).toEqual({ available: 0, held: 500 });
    expect(await releaseHold(db, { holdId })).toEqual({ holdId, toSpecialist: 0, toPlatform: 0, returnedToPayer: 500 });
    expect(await balanceOf(db, client)).toEqual({ available: 500, held: 0 });
  });

  it('refuses a hold above the available balance, moving nothing', async () => {
    const db = database.db;
    const client = await createUser(db);
    await fund(db, client, 100);
    await expect(
      rejection(holdFunds(db, { holdKey: 'too-much', userId: client, amount: 101, currency: 'UZS', description: 'x' })),
    ).resolves.toBe('INSUFFICIENT_FUNDS');
    expect(await balanceOf(db, client)).toEqual({ available: 100, held: 0 });
    expect(await db.ledgerOperation.findUnique({ where: { key: 'hold:too-much' } })).toBeNull();
  });

  it('PAY-3: resolves a hold once — a retry returns the first result, a different resolution is refused', async () => {
    const db = database.db;
    const [client, specialist] = [await createUser(db), await createUser(db, 'specialist')];
    await fund(db, client, 1_000);
    const { holdId } = await holdFunds(db, {
      holdKey: 'order-3/hold',
      userId: client,
      amount: 1_000,
      currency: 'UZS',
      description: 'Order 3',
    });
    const input = {
      holdId,
      specialistUserId: specialist,
      toSpecialist: 900,
      toPlatform: 100,
      publishedAt: Date.UTC(2026, 10, 24, 6),
    };
    const first = await settleHold(db, input);
    expect(await settleHold(db, input)).toEqual(first);
    await expect(rejection(settleHold(db, { ...input, toSpecialist: 800 }))).resolves.toBe('HOLD_ALREADY_RESOLVED');
    await expect(rejection(releaseHold(db, { holdId }))).resolves.toBe('HOLD_ALREADY_RESOLVED');
    expect(await balanceOf(db, specialist)).toEqual({ available: 900, held: 0 });
    expect(await db.ledgerTransfer.count({ where: { pendingId: holdId } })).toBe(1);
  });

  it('PAY-3: never settles more than was held', async () => {
    const db = database.db;
    const [client, specialist] = [await createUser(db), await createUser(db, 'specialist')];
    await fund(db, client, 1_000);
    const { holdId } = await holdFunds(db, {
      holdKey: 'order-4/hold',
      userId: client,
      amount: 600,
      currency: 'UZS',
      description: 'Order 4',
    });
    await expect(rejection(settleHold(db, { holdId, specialistUserId: specialist, toSpecialist: 600, toPlatform: 1 }))).resolves.toBe(
      'SETTLEMENT_EXCEEDS_HOLD',
    );
    expect(await balanceOf(db, client)).toEqual({ available: 400, held: 600 });
  });

  it('PAY-3: the same hold key with another body is refused with IDEMPOTENCY_KEY_REUSED', async () => {
    const db = database.db;
    const client = await createUser(db);
    await fund(db, client, 1_000);
    const input = { holdKey: 'order-5/hold', userId: client, amount: 300, currency: 'UZS', description: 'Order 5' };
    const first = await holdFunds(db, input);
    expect(await holdFunds(db, input)).toEqual(first);
    await expect(rejection(holdFunds(db, { ...input, amount: 301 }))).resolves.toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await balanceOf(db, client)).toEqual({ available: 700, held: 300 });
  });

  it('PAY-3: concurrent holds on one account serialise: never more than the balance is frozen', async () => {
    const db = database.db;
    const client = await createUser(db);
    await fund(db, client, 1_000);
    const attempts = Array.from({ length: 8 }, (_, i) =>
      rejection(holdFunds(db, { holdKey: `race-${client}-${i}`, userId: client, amount: 300, currency: 'UZS', description: `race ${i}` })),
    );
    const outcomes = await Promise.all(attempts);
    expect(outcomes.filter((o) => o === 'resolved')).toHaveLength(3);
    expect(outcomes.filter((o) => o === 'INSUFFICIENT_FUNDS')).toHaveLength(5);
    expect(await balanceOf(db, client)).toEqual({ available: 100, held: 900 });
  });

  it('PAY-3: concurrent duplicates of one request move the money once', async () => {
    const db = database.db;
    const client = await createUser(db);
    await fund(db, client, 1_000);
    const input = { holdKey: `dup-${client}`, userId: client, amount: 250, currency: 'UZS', description: 'duplicate' };
    const results = await Promise.all(Array.from({ length: 6 }, () => holdFunds(db, input)));
    expect(new Set(results.map((r) => r.holdId)).size).toBe(1);
    expect(await balanceOf(db, client)).toEqual({ available: 750, held: 250 });
  });

  it('refuses a hold for an unknown user as NOT_FOUND, creating no account', async () => {
    const db = database.db;
    const nobody = '00000000-0000-4000-8000-000000000000';
    await expect(
      rejection(holdFunds(db, { holdKey: 'nobody', userId: nobody, amount: 1, currency: 'UZS', description: 'x' })),
    ).resolves.toBe('NOT_FOUND');
    expect(await db.ledgerAccount.count({ where: { userId: nobody } })).toBe(0);
  });

  it('PAY-3: the database itself refuses to change a transfer or overdraw a user account', async () => {
    const db = database.db;
    const client = await createUser(db);
    await fund(db, client, 50);
    await expect(db.$executeRawUnsafe('UPDATE ledger_transfers SET amount = amount + 1')).rejects.toThrow(/immutable/);
    await expect(db.$executeRawUnsafe('DELETE FROM ledger_transfers')).rejects.toThrow(/immutable/);
    await expect(
      db.$executeRawUnsafe(`UPDATE ledger_accounts SET debits_posted = debits_posted + 51 WHERE code = 'user:${client}:UZS'`),
    ).rejects.toThrow(/overdrawn/);
    expect(await balanceOf(db, client)).toEqual({ available: 50, held: 0 });
  });
});
