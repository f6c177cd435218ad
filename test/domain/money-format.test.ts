import { describe, expect, it } from 'vitest';
import { formatMinorUnits } from '../../domain/money-format.ts';

// Intl separates the code from the number with a no-break space (U+00A0).
describe('formatMinorUnits', () => {
  it("PAY-1: shows minor units in major units with the currency's decimals", () => {
    expect(formatMinorUnits(5000n, 'AZN')).toBe('AZN\u00a050.00');
    expect(formatMinorUnits(4321n, 'UAH')).toBe('UAH\u00a043.21');
    expect(formatMinorUnits(7n, 'AZN')).toBe('AZN\u00a00.07');
    expect(formatMinorUnits(1500n, 'JPY')).toBe('JPY\u00a01,500');
    expect(formatMinorUnits(-250n, 'AZN')).toBe('-AZN\u00a02.50');
  });

  it('PAY-1: keeps every digit of an amount beyond double precision', () => {
    expect(formatMinorUnits(123456789012345678n, 'UZS')).toBe('UZS\u00a01,234,567,890,123,456.78');
  });
});
