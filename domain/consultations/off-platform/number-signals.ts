import { cardIn } from './cards.ts';
import { digitRuns } from './digit-runs.ts';
import { ibanSpans } from './iban.ts';
import { originalSpan, type NormalisedText } from './normalise.ts';
import { phoneInRun, phonesInText } from './phones.ts';
import type { OffPlatformSignal } from './signal.ts';
import { overlaps, type Span } from './text-patterns.ts';

// CHAT-6 / PAY-7: cards, phones and IBANs. Digits inside legal numbers (legal-numbers.ts)
// are never read as any of them.

export interface NumberContext {
  /** Spans of the folded text holding legal numbers. */
  legal: readonly Span[];
  /** The message quotes a court's or an authority's contact (see keywords/language.ts). */
  officialContact: boolean;
  /** The message is about a court fee, state duty or fine. */
  officialPayment: boolean;
}

export function numberSignals(original: string, n: NormalisedText, context: NumberContext): OffPlatformSignal[] {
  const ibans = ibanSpans(n.text);
  // An IBAN's digits are not also a card or a phone.
  const blocked = [...context.legal, ...ibans];
  const cards: OffPlatformSignal[] = [];
  const phones: OffPlatformSignal[] = [];
  for (const run of digitRuns(n.text, blocked)) {
    const card = cardIn(run);
    if (card) {
      cards.push({ kind: 'card_number', ...originalSpan(n, card.start, card.end), reason: card.reason });
      continue;
    }
    const phone = phoneInRun(run);
    if (phone) phones.push(phoneSignal(originalSpan(n, phone.start, phone.end), phone.number));
  }
  const legal = blocked.map((s) => originalSpan(n, s.start, s.end));
  for (const phone of phonesInText(original)) {
    const taken = [...legal, ...cards, ...phones].some((s) => overlaps(s, phone));
    if (!taken) phones.push(phoneSignal(phone, phone.number));
  }
  const ibanSignals = context.officialPayment ? [] : ibans.map((iban) => ibanSignal(n, iban));
  return [...cards, ...(context.officialContact ? [] : phones), ...ibanSignals];
}

const phoneSignal = (span: Span, number: string): OffPlatformSignal => ({
  kind: 'phone',
  start: span.start,
  end: span.end,
  reason: `phone number ${number}`,
});

const ibanSignal = (n: NormalisedText, iban: Span & { iban: string }): OffPlatformSignal => ({
  kind: 'iban',
  ...originalSpan(n, iban.start, iban.end),
  reason: `IBAN ${iban.iban.slice(0, 4)}… passing the mod-97 check`,
});
