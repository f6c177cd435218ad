import { DomainError } from '../../../domain/errors.ts';

// PAY-1: amounts are integers in minor units. They arrive as JSON numbers (Temporal payloads,
// API bodies) and become bigint for the database; anything else is refused, never rounded.
export function minorUnits(value: number, field: string, options: { positive?: boolean } = {}): bigint {
  const min = options.positive ? 1 : 0;
  if (!Number.isSafeInteger(value) || value < min) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `${field} must be an integer number of minor units${options.positive ? ' above zero' : ''}.`,
      [{ path: field, message: `must be a ${options.positive ? 'positive' : 'non-negative'} safe integer` }],
    );
  }
  return BigInt(value);
}

/** Back to a JSON number; the ledger never holds more than 2^53 − 1 minor units per account. */
export function toNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`${value} minor units do not fit a JSON number`);
  }
  return Number(value);
}
