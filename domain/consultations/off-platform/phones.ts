import { findPhoneNumbersInText, parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';
import { groupWindows, runSpan, type DigitRun } from './digit-runs.ts';
import type { Span } from './text-patterns.ts';

// CHAT-6: a phone number in a chat is an invitation to talk, and to be paid by phone
// transfer, outside the platform. libphonenumber-js ("max" metadata: it knows which number
// ranges are in service) reads numbers in any usual format; the digit runs add the
// obfuscated ones ("90.123.45.67", "9 0 1 2 3 4 5 6 7") it does not read as phones.

// The platform's users are in Uzbekistan, Azerbaijan, Ukraine and Russia: a number written
// without its country code is read as each of these in turn.
const DEFAULT_COUNTRIES: readonly CountryCode[] = ['UZ', 'AZ', 'UA', 'RU'];
// Their national numbers have 9 (UZ, AZ, UA) or 10 (RU) digits; shorter "valid" matches are
// local extensions or, far more often, some other number.
const MIN_NATIONAL_DIGITS = 9;
// Country codes a run may start with when the "+" was left out.
const BARE_COUNTRY_CODE = /^(?:998|994|380|7)/;

export interface PhoneMatch extends Span {
  number: string;
}

// Toll-free numbers (8-800…) belong to organisations — banks, hotlines of authorities —
// never to one specialist, so quoting one is not an invitation to leave the platform.
const usable = (n: PhoneNumber | undefined): n is PhoneNumber => valid(n) && n.getType() !== 'TOLL_FREE';

/** Phone numbers libphonenumber-js finds in the original text (original offsets). */
export function phonesInText(original: string): PhoneMatch[] {
  const found: PhoneMatch[] = [];
  // Most messages have too few digits for any phone: skip the four passes.
  if ((original.match(/\p{Nd}/gu)?.length ?? 0) < MIN_NATIONAL_DIGITS) return found;
  for (const defaultCountry of DEFAULT_COUNTRIES) {
    for (const f of findPhoneNumbersInText(original, { defaultCountry })) {
      if (usable(f.number)) found.push({ start: f.startsAt, end: f.endsAt, number: f.number.number });
    }
  }
  return found;
}

/**
 * The longest run of whole digit groups that is a phone number (folded-text offsets). The
 * longest reading wins even when it is not usable: "8 800 250 39 39" is a toll-free number,
 * not the Uzbek mobile hidden in its last nine digits.
 */
export function phoneInRun(run: DigitRun): PhoneMatch | null {
  for (const [from, to] of groupWindows(run, MIN_NATIONAL_DIGITS, 15)) {
    const number = readPhone(run.digits.slice(from, to), from === 0 && run.plus);
    if (number) return usable(number) ? { ...runSpan(run, from, to), number: number.number } : null;
  }
  return null;
}

const valid = (n: PhoneNumber | undefined): n is PhoneNumber =>
  n !== undefined && n.isValid() && n.nationalNumber.length >= MIN_NATIONAL_DIGITS;

function readPhone(digits: string, plus: boolean): PhoneNumber | null {
  if (plus || BARE_COUNTRY_CODE.test(digits)) {
    const international = parsePhoneNumberFromString(`+${digits}`);
    if (valid(international)) return international;
    if (plus) return null;
  }
  for (const country of DEFAULT_COUNTRIES) {
    const national = parsePhoneNumberFromString(digits, country);
    if (valid(national)) return national;
  }
  return null;
}
