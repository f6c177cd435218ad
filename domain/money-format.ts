// Amounts for people: ledger minor units (PAY-1) shown in major units with the currency's own
// number of decimals (ISO 4217, as Intl knows it). Decimal strings all the way, never floats,
// so a large amount shows exactly.
export function formatMinorUnits(amount: bigint, currency: string, locale = 'en'): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'code' });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  const negative = amount < 0n;
  const magnitude = (negative ? -amount : amount).toString().padStart(digits + 1, '0');
  const whole = magnitude.slice(0, magnitude.length - digits);
  const fraction = magnitude.slice(magnitude.length - digits);
  const decimal = `${negative ? '-' : ''}${whole}${digits > 0 ? `.${fraction}` : ''}`;
  // Intl reads a decimal string exactly (ES2023); the cast is for lib typings that lack it.
  return format.format(decimal as unknown as number);
}
