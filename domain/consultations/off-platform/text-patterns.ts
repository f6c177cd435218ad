import { foldPatternSource } from './normalise.ts';

// CHAT-6 / PAY-7: the keyword lists are regular expressions over the folded message text
// (normalise.ts), written in a small dialect so that they stay readable in five languages:
//   - a literal space means "one or more spaces or , ; : -" between words, " ?" zero or more;
//   - the whole pattern must start and end at a word edge, for Cyrillic and Latin alike
//     (JavaScript's \b only knows ASCII letters); \b inside a pattern means the same edge;
//   - the source is folded like the text (apostrophes and diacritics dropped), so write
//     "to'g'ri", "kartıma", "напишіть" as people spell them.
// No literal spaces inside [...] classes: use \s there.

const WORD = '[\\p{L}\\p{N}_]';
const SEP = '[\\s,;:\\-]';
const EDGE = `(?:(?<!${WORD})(?=${WORD})|(?<=${WORD})(?!${WORD}))`;

/** Up to `n` whole words between two parts of a phrase: `${gap(2)}`. */
export const gap = (n: number) => `(?:[\\p{L}\\p{N}]+ ){0,${n}}`;

export function keywordPattern(source: string, flags = 'gu'): RegExp {
  const body = foldPatternSource(source)
    .replaceAll('\\b', EDGE)
    .replaceAll(' ?', SEP + '*')
    .replaceAll(' ', SEP + '+');
  return new RegExp(`(?<!${WORD})(?:${body})(?!${WORD})`, flags);
}

/** One regular expression matching any of `sources` (each in the dialect above). */
export function anyOf(sources: readonly string[], flags = 'gu'): RegExp {
  return keywordPattern(sources.map((s) => `(?:${s})`).join('|'), flags);
}

export interface Span {
  start: number;
  end: number;
}

export function matchSpans(re: RegExp, text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(re)) spans.push({ start: m.index, end: m.index + m[0].length });
  return spans;
}

export const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
