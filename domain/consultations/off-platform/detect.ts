import { KEYWORDS, NEGATION } from './keywords/index.ts';
import { legalNumberSpans } from './legal-numbers.ts';
import { messengerSpans } from './messengers.ts';
import { normaliseMessage, originalSpan, type NormalisedText } from './normalise.ts';
import { numberSignals } from './number-signals.ts';
import { PAYMENT_APPS } from './payment-apps.ts';
import type { OffPlatformDetection, OffPlatformSignal } from './signal.ts';
import { matchSpans, overlaps, type Span } from './text-patterns.ts';

// CHAT-6: messages that ask to pay outside the platform (card numbers, "pay me directly",
// phone-transfer requests) are flagged for the administration. PAY-7: payments outside the
// platform are forbidden, and a specialist asking for one breaks the rules. The source
// (yuridik.uz's chat rules): "Yuridik.uz tizimidan tashqarida mijozdan to'lov qilishini
// so'ramang" — do not ask the client to pay outside the system.
//
// Pure: no I/O and no Node built-ins, so workflow code may call it. The decision is
// deliberately simple to explain to a sender or an administrator: a message is flagged when
// it has at least one signal, and every signal points at the words that raised it.

/** Checks one chat message for requests to pay or talk outside the platform (CHAT-6, PAY-7). */
export function detectOffPlatform(text: string): OffPlatformDetection {
  const n = normaliseMessage(text);
  const officialContact = has(KEYWORDS.officialContact, n.text);
  const found = [
    ...numberSignals(text, n, {
      legal: legalNumberSpans(n.text),
      officialContact,
      officialPayment: has(KEYWORDS.officialPayment, n.text),
    }),
    ...messengerSpans(n.text).map((m) => signal(n, 'messenger', m, m.reason)),
    ...phraseSignals(n, KEYWORDS.payOutside, 'asks to pay outside the platform'),
    ...(officialContact ? [] : phraseSignals(n, KEYWORDS.talkOutside, 'asks to talk outside the platform')),
    ...paymentAppSignals(n),
  ];
  const signals = withoutRepeats(found);
  return { flagged: signals.length > 0, signals };
}

function has(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  return re.test(text);
}

const signal = (n: NormalisedText, kind: OffPlatformSignal['kind'], span: Span, reason: string): OffPlatformSignal => ({
  kind,
  ...originalSpan(n, span.start, span.end),
  reason,
});

function phraseSignals(n: NormalisedText, re: RegExp, reason: string): OffPlatformSignal[] {
  return matchSpans(re, n.text)
    .filter((span) => !refused(n.text, span))
    .map((span) => signal(n, 'direct_payment_phrase', span, reason));
}

// A payment app is named in legal talk too ("Kaspi blocked my card"); it is a signal only in
// a message that asks for money to be sent and does not place the payment on the platform
// ("pay with Payme on the checkout page" is the platform's own checkout).
function paymentAppSignals(n: NormalisedText): OffPlatformSignal[] {
  const asksToSend = matchSpans(KEYWORDS.transferRequest, n.text).some((span) => !refused(n.text, span));
  if (!asksToSend || has(KEYWORDS.onPlatform, n.text)) return [];
  return PAYMENT_APPS.flatMap((app) =>
    matchSpans(app.pattern, n.text).map((span) => signal(n, 'payment_app', span, `${app.name} named beside a request to send money`)),
  );
}

const CLAUSE_END = /[,;.!?\n]/u;

// A refusal within the same clause, four words before or after (Uzbek and
// Azerbaijani put it last: "…to'lov qilishini so'ramang"), or a negation right before.
function refused(text: string, span: Span): boolean {
  const before =
    text
      .slice(Math.max(0, span.start - 80), span.start)
      .split(CLAUSE_END)
      .at(-1) ?? '';
  const after = text.slice(span.end, span.end + 80).split(CLAUSE_END)[0] ?? '';
  const wordsBefore = before.split(/\s+/u).filter(Boolean);
  if (NEGATION.test(wordsBefore.at(-1) ?? '')) return true;
  const window = [wordsBefore.slice(-4).join(' '), after.split(/\s+/u).filter(Boolean).slice(0, 4).join(' ')];
  return window.some((words) => KEYWORDS.refusal.test(words));
}

/** Signals sorted by position; of two of one kind that overlap, the first is kept. */
function withoutRepeats(signals: OffPlatformSignal[]): OffPlatformSignal[] {
  const kept: OffPlatformSignal[] = [];
  const sorted = [...signals].sort((a, b) => a.start - b.start || b.end - a.end);
  for (const s of sorted) if (!kept.some((k) => k.kind === s.kind && overlaps(k, s))) kept.push(s);
  return kept;
}
