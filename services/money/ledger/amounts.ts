import { DomainError } from '../../../domain/errors.ts';
import { MAX_AMOUNT_MINOR } from '../../../domain/money-contract.ts';

// PAY-1: amounts are integers in minor units. They arrive as JSON numbers (Temporal payloads,
// API bodies) and become bigint for the database; anything else is refused, never rounded.
// One amount is at most MAX_AMOUNT_MINOR (10^12), so every sum the ledger and its views make
// stays exact (domain/money-contract.ts).
export function minorUnits(value: number, field: string, options: { positive?: boolean } = {}): bigint {
  const min = options.positive ? 1 : 0;
  if (!Number.isSafeInteger(value) || value < min || value > MAX_AMOUNT_MINOR) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `${field} must be an integer number of minor units${options.positive ? ' above zero' : ''}, at most ${MAX_AMOUNT_MINOR}.`,
      [{ path: field, message: `must be a ${options.positive ? 'positive' : 'non-negative'} integer of at most ${MAX_AMOUNT_MINOR}` }],
    );
  }
  return BigInt(value);
}

/** The largest running total of an account: its totals must still fit a JSON number. */
export const MAX_ACCOUNT_TOTAL = BigInt(Number.MAX_SAFE_INTEGER);

/** Back to a JSON number; the ledger never lets an account total pass MAX_ACCOUNT_TOTAL (ledger.ts applyDeltas). */
export function toNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`${value} minor units do not fit a JSON number`);
  }
  return Number(value);
}
