import type { Db } from '../../infra/db.ts';
import { runOperation } from '../../services/money/ledger/ledger.ts';

// Test-only ways into the ledger: a user row, and money arriving as if an acquirer had
// confirmed a payment (the same transfer the payment webhook makes: clearing → user).
let sequence = 0;

export async function createUser(db: Db, role: 'client' | 'specialist' = 'client'): Promise<string> {
  sequence += 1;
  const tag = `${process.pid}-${sequence}-${Math.random().toString(36).slice(2, 8)}`;
  const user = await db.user.create({
    data: {
      email: `money-${tag}@example.test`,
      phone: `+99899${String(sequence).padStart(7, '0')}${tag.length % 10}`,
      passwordHash: 'x',
      fullName: 'Test User',
      role,
    },
  });
  return user.id;
}

export async function fund(db: Db, userId: string, amount: number, currency = 'UZS', key = `fund-${userId}-${++sequence}`): Promise<void> {
  await runOperation(db, { key, kind: 'test.fund', request: { userId, amount, currency } }, async () => ({
    result: null,
    transfers: [
      {
        kind: 'posted',
        debit: { platform: 'provider_clearing', currency },
        credit: { userId, currency },
        amount: BigInt(amount),
        description: 'Test payment',
      },
    ],
  }));
}

export async function balanceOf(db: Db, userId: string, currency = 'UZS'): Promise<{ available: number; held: number }> {
  const account = await db.ledgerAccount.findUnique({ where: { code: `user:${userId}:${currency}` } });
  if (!account) return { available: 0, held: 0 };
  return {
    available: Number(account.creditsPosted - account.debitsPosted - account.debitsPending),
    held: Number(account.debitsPending),
  };
}
