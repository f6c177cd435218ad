import type { Span } from './text-patterns.ts';

// CHAT-6: "8600 1234-5678.9012", "90/123/45/67", "(90) 1 2 3 4 5 6 7" are a card and two
// phones. A digit run is digits joined across up to three spaces, dashes, dots, slashes,
// parentheses or underscores; each digit keeps its offset in the folded text, and each place
// where a separator stood is a group boundary, since a number ends only where a group does.

export interface DigitRun {
  /** The digits alone. */
  readonly digits: string;
  /** positions[i]: where digit i stands in the folded text. */
  readonly positions: readonly number[];
  /** Digit indexes where a group starts (always 0) and `digits.length`. */
  readonly boundaries: readonly number[];
  /** Written with a leading "+". */
  readonly plus: boolean;
}

const RUN = /\+?\d(?:[\s\-./()_]{0,3}\d)*/gu;

/** The digit runs of `folded` outside the `blocked` spans (legal numbers). */
export function digitRuns(folded: string, blocked: readonly Span[]): DigitRun[] {
  const masked = maskSpans(folded, blocked);
  const runs: DigitRun[] = [];
  for (const m of masked.matchAll(RUN)) {
    let digits = '';
    const positions: number[] = [];
    const boundaries: number[] = [0];
    for (let i = 0; i < m[0].length; i++) {
      const ch = m[0][i] as string;
      if (ch < '0' || ch > '9') continue;
      const at = m.index + i;
      if (positions.length > 0 && at !== (positions.at(-1) as number) + 1) boundaries.push(digits.length);
      digits += ch;
      positions.push(at);
    }
    boundaries.push(digits.length);
    runs.push({ digits, positions, boundaries, plus: m[0].startsWith('+') });
  }
  return runs;
}

/** The folded-text span of digits [from, to) of `run`. */
export const runSpan = (run: DigitRun, from: number, to: number): Span => ({
  start: (run.positions[from] as number) - (from === 0 && run.plus ? 1 : 0),
  end: (run.positions[to - 1] as number) + 1,
});

function maskSpans(text: string, spans: readonly Span[]): string {
  const chars = text.split('');
  for (const { start, end } of spans) for (let i = start; i < end; i++) chars[i] = '#';
  return chars.join('');
}

/** Every [from, to) of whole groups of `run` whose length lies in [min, max], longest first. */
export function groupWindows(run: DigitRun, min: number, max: number): [number, number][] {
  const windows: [number, number][] = [];
  for (const from of run.boundaries) {
    for (const to of run.boundaries) {
      if (to - from >= min && to - from <= max) windows.push([from, to]);
    }
  }
  return windows.sort((a, b) => b[1] - b[0] - (a[1] - a[0]) || a[0] - b[0]);
}
