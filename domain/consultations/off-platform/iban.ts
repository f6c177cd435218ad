import type { Span } from './text-patterns.ts';

// CHAT-6 / PAY-7: an IBAN in a chat is a bank account to be paid into. Azerbaijan and
// Ukraine use IBANs at home; the others are the countries clients and lawyers here most
// often hold accounts in. An IBAN is checked by its country's length and the ISO 13616
// mod-97 rule, so an account-like string that fails either is not reported.
const IBAN_LENGTH: Record<string, number> = {
  az: 28,
  ua: 29,
  ge: 22,
  kz: 20,
  tr: 26,
  de: 22,
  gb: 22,
  fr: 27,
  pl: 28,
  lt: 20,
  lv: 21,
  ee: 20,
  ae: 23,
  ch: 21,
  nl: 18,
  es: 24,
  it: 27,
  by: 28,
  md: 24,
  at: 20,
  cz: 24,
  il: 23,
};

const IBAN_START = /(?<![\p{L}\p{N}])([a-z]{2})\d{2}/gu;
const ALNUM = /[a-z0-9]/;

/** ISO 13616: move the first four characters to the end, letters to 10–35, mod 97 = 1. */
export function passesIbanCheck(iban: string): boolean {
  const rearranged = (iban.slice(4) + iban.slice(0, 4)).toLowerCase();
  let remainder = 0;
  for (const ch of rearranged) {
    const value = ALNUM.test(ch) ? parseInt(ch, 36) : NaN;
    if (Number.isNaN(value)) return false;
    remainder = Number(`${remainder}${value}`) % 97;
  }
  return remainder === 1;
}

/** The IBANs written in the folded text, in groups separated by single spaces or dashes. */
export function ibanSpans(folded: string): (Span & { iban: string })[] {
  const found: (Span & { iban: string })[] = [];
  for (const m of folded.matchAll(IBAN_START)) {
    const length = IBAN_LENGTH[m[1] as string];
    if (!length) continue;
    const read = readIban(folded, m.index, length);
    if (read && passesIbanCheck(read.iban)) found.push({ start: m.index, ...read });
  }
  return found;
}

function readIban(text: string, start: number, length: number): { end: number; iban: string } | null {
  let iban = '';
  let i = start;
  while (i < text.length && iban.length < length) {
    const ch = text[i] as string;
    if (ALNUM.test(ch)) iban += ch;
    else if (!((ch === ' ' || ch === '-') && ALNUM.test(text[i + 1] ?? ''))) break;
    i++;
  }
  if (iban.length !== length || ALNUM.test(text[i] ?? '')) return null;
  return { end: i, iban: iban.toUpperCase() };
}
