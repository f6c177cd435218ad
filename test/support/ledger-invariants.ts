import { expect } from 'vitest';
import type { Db } from '../../infra/db.ts';

// The books' invariants (PAY-3), checked from the raw tables so that a bug in the ledger code
// cannot hide itself. Call `expectBooksBalanced(db)` after any test that moves money.
//
// 1. Every account's four totals equal what its transfers add up to (each transfer is one
//    debit and one equal credit, so this is "every transfer balances" plus "nothing changed a
//    total behind the ledger's back").
// 2. Per currency, posted debits equal posted credits and pending debits equal pending
//    credits: the sum over all accounts is zero.
// 3. No user account spends more than it received: available = posted credits − posted
//    debits − pending debits is never negative.
// 4. A post never exceeds its pending transfer, and a pending transfer is resolved at most once.

const TOTALS_FROM_TRANSFERS = `
  WITH resolved AS (
    SELECT t.*, p.amount AS pending_amount FROM ledger_transfers t LEFT JOIN ledger_transfers p ON p.id = t.pending_id
  ), movements AS (
    SELECT debit_account_id AS account_id,
           CASE kind WHEN 'pending' THEN amount WHEN 'posted' THEN 0 ELSE -pending_amount END AS debits_pending,
           CASE WHEN kind IN ('posted', 'post') THEN amount ELSE 0 END AS debits_posted,
           0::bigint AS credits_pending, 0::bigint AS credits_posted
      FROM resolved
    UNION ALL
    SELECT credit_account_id, 0, 0,
           CASE kind WHEN 'pending' THEN amount WHEN 'posted' THEN 0 ELSE -pending_amount END,
           CASE WHEN kind IN ('posted', 'post') THEN amount ELSE 0 END
      FROM resolved
  ), summed AS (
    SELECT account_id, sum(debits_pending) AS dp, sum(debits_posted) AS dpo, sum(credits_pending) AS cp, sum(credits_posted) AS cpo
      FROM movements GROUP BY account_id
  )
  SELECT a.code FROM ledger_accounts a LEFT JOIN summed s ON s.account_id = a.id
   WHERE a.debits_pending <> coalesce(s.dp, 0) OR a.debits_posted <> coalesce(s.dpo, 0)
      OR a.credits_pending <> coalesce(s.cp, 0) OR a.credits_posted <> coalesce(s.cpo, 0)`;

const UNBALANCED_CURRENCIES = `
  SELECT currency FROM ledger_accounts GROUP BY currency
  HAVING sum(debits_posted) <> sum(credits_posted) OR sum(debits_pending) <> sum(credits_pending)`;

const OVERDRAWN_USERS = `
  SELECT code FROM ledger_accounts
   WHERE no_overdraft AND credits_posted - debits_posted - debits_pending < 0`;

const OVERPOSTED = `
  SELECT t.id::text AS id FROM ledger_transfers t JOIN ledger_transfers p ON p.id = t.pending_id
   WHERE t.amount > p.amount OR p.kind <> 'pending'
      OR t.debit_account_id <> p.debit_account_id OR t.credit_account_id <> p.credit_account_id`;

export async function ledgerProblems(db: Db): Promise<string[]> {
  const codes = async (sql: string, column: string) => (await db.$queryRawUnsafe<Record<string, string>[]>(sql)).map((row) => row[column]!);
  return [
    ...(await codes(TOTALS_FROM_TRANSFERS, 'code')).map((code) => `account ${code}: totals differ from its transfers`),
    ...(await codes(UNBALANCED_CURRENCIES, 'currency')).map((currency) => `${currency}: debits and credits do not sum to zero`),
    ...(await codes(OVERDRAWN_USERS, 'code')).map((code) => `account ${code}: available balance is negative`),
    ...(await codes(OVERPOSTED, 'id')).map((id) => `transfer ${id}: resolves its pending transfer wrongly`),
  ];
}

export async function expectBooksBalanced(db: Db): Promise<void> {
  expect(await ledgerProblems(db)).toEqual([]);
}
