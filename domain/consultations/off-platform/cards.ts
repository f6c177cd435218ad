import { groupWindows, runSpan, type DigitRun } from './digit-runs.ts';
import type { Span } from './text-patterns.ts';

// CHAT-6 / PAY-7: a bank-card number in a chat is a request to be paid to that card.

/** The Luhn (mod 10) check every international card number passes. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

// UzCard (8600) and Humo (9860) are the domestic schemes of Uzbekistan. Their numbers are
// written by hand and mistyped, so a number with their prefix is a card whether or not it
// passes Luhn: 16 digits, or 15/17 when a digit was dropped or doubled.
const LOCAL_SCHEME = /^(?:8600|9860)/;
// International schemes start with 2–6 (Mir, Amex, Visa, Mastercard, UnionPay, Maestro) and
// national ones with 9 (Humo, Prostir 9804): a Luhn-valid run starting otherwise (a court
// case, a PINFL, an account) is taken for what it is more likely to be.
const CARD_PREFIX = /^[2-69]/;

// Sixteen digits in four groups of four and nothing else is how a card is printed and
// copied; mistyped, it fails Luhn but is no less a card number. (A 20-digit account number
// in five groups is not taken for one.)
const writtenAsCard = (run: DigitRun): boolean => run.digits.length === 16 && run.boundaries.join() === '0,4,8,12,16';

export interface CardMatch extends Span {
  reason: string;
}

/** The card number in `run`, if there is one. */
export function cardIn(run: DigitRun): CardMatch | null {
  if (run.plus) return null;
  for (const [from, to] of groupWindows(run, 13, 19)) {
    const digits = run.digits.slice(from, to);
    // A window is a card when the run holds nothing else but, at its end, an expiry (≤ 4).
    const leftover = run.digits.length - (to - from);
    if (from !== 0 || leftover > 4) continue;
    if (LOCAL_SCHEME.test(digits) && digits.length >= 15 && digits.length <= 17) {
      return { ...runSpan(run, from, to), reason: `UzCard/Humo card number (${digits.slice(0, 4)}…)` };
    }
    if (CARD_PREFIX.test(digits) && passesLuhn(digits)) {
      return { ...runSpan(run, from, to), reason: `${digits.length}-digit card number passing the Luhn check` };
    }
    if (CARD_PREFIX.test(digits) && writtenAsCard(run)) {
      return { ...runSpan(run, from, to), reason: '16 digits grouped 4-4-4-4 as on a card (fails Luhn: mistyped?)' };
    }
  }
  return null;
}
