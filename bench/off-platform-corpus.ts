import { readFileSync } from 'node:fs';
import { detectOffPlatform } from '../domain/consultations/off-platform/index.ts';

// CHAT-6 / PAY-7: how well the off-platform detector does on the labelled corpus (not a
// test): `npx tsx bench/off-platform-corpus.ts`. Prints precision and recall overall and per
// language beside the target, every misclassified message with its signals, and throughput.
// Settings: BENCH_ROUNDS (default 20) passes over the corpus for the throughput figure.

interface LabelledMessage {
  text: string;
  lang: string;
  offPlatform: boolean;
  note?: string;
}

const TARGET = 0.95;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const corpus = JSON.parse(readFileSync(new URL('../test/data/off-platform-corpus.json', import.meta.url), 'utf8')) as LabelledMessage[];

interface Tally {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

const tallies = new Map<string, Tally>();
const misses: string[] = [];
for (const message of corpus) {
  const { flagged, signals } = detectOffPlatform(message.text);
  for (const key of ['all', message.lang]) {
    const t = tallies.get(key) ?? { tp: 0, fp: 0, fn: 0, tn: 0 };
    if (flagged && message.offPlatform) t.tp++;
    else if (flagged) t.fp++;
    else if (message.offPlatform) t.fn++;
    else t.tn++;
    tallies.set(key, t);
  }
  if (flagged !== message.offPlatform) {
    const found = signals.map((s) => `${s.kind} «${message.text.slice(s.start, s.end)}»`).join(', ');
    misses.push(`  ${flagged ? 'false positive' : 'false negative'} [${message.lang}] ${message.text}${found ? `\n      ${found}` : ''}`);
  }
}

const ratio = (num: number, den: number) => (den === 0 ? 1 : num / den);
const mark = (value: number) => `${value.toFixed(3)} ${value >= TARGET ? 'ok ' : 'LOW'}`;

console.log(`Off-platform detector on ${corpus.length} labelled messages (target ≥ ${TARGET} each)\n`);
console.log('language   messages   precision      recall        tp   fp   fn   tn');
for (const [lang, t] of [...tallies].sort(([a], [b]) => (a === 'all' ? 1 : b === 'all' ? -1 : a.localeCompare(b)))) {
  const precision = ratio(t.tp, t.tp + t.fp);
  const recall = ratio(t.tp, t.tp + t.fn);
  const total = t.tp + t.fp + t.fn + t.tn;
  console.log(
    `${lang.padEnd(10)} ${String(total).padStart(8)}   ${mark(precision)}   ${mark(recall)}   ${[t.tp, t.fp, t.fn, t.tn].map((n) => String(n).padStart(3)).join('  ')}`,
  );
}

console.log(`\nMisclassified: ${misses.length}`);
for (const line of misses) console.log(line);

const started = performance.now();
for (let round = 0; round < ROUNDS; round++) for (const message of corpus) detectOffPlatform(message.text);
const seconds = (performance.now() - started) / 1000;
console.log(`\nThroughput: ${Math.round((ROUNDS * corpus.length) / seconds)} messages/s (${ROUNDS} rounds × ${corpus.length})`);
