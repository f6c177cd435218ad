// CHAT-6 / PAY-7: the text every off-platform check reads. People who want to slip a card
// number or a "pay me directly" past a filter write Т(Cyrillic)elegram, split digits with
// dots, or drop the Uzbek o'/g' apostrophes; one folded view makes all of those look alike,
// and a map back to the original offsets lets every signal point at what the sender typed.

/** A folded view of a message: `text[i]` came from `original.slice(from[i], to[i])`. */
export interface NormalisedText {
  readonly text: string;
  readonly from: readonly number[];
  readonly to: readonly number[];
}

// Characters that only hide things: zero-width space/joiners, word joiner, BOM, soft hyphen.
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/u;
// Uzbek writes o'/g' with any of these; Ukrainian uses them in зв'язок. Dropped for matching,
// so "to'g'ri", "toʻgʻri" and "togri" are one word.
const APOSTROPHE = /['`´ʹʻʼʽ‘’‛′]/u;
const DASH = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/u;
// Letters with no decomposition that people routinely type without their mark (Azerbaijani
// ı/ə, Uzbek Cyrillic қ/ғ/ҳ, Ukrainian ґ).
const LETTER_FOLD: Record<string, string> = { ı: 'i', ə: 'e', қ: 'к', ғ: 'г', ҳ: 'х', ґ: 'г' };

/**
 * Folds a keyword pattern's source the way message text is folded (without lower-casing,
 * which would turn \S into \s, and without the per-word homoglyph step), so the keyword
 * lists are written in their natural spelling: "to'g'ridan", "kartıma", "қўнғироқ".
 */
export function foldPatternSource(source: string): string {
  let out = '';
  for (const ch of source) out += foldCluster(ch, false);
  return out;
}

function foldCluster(cluster: string, lower = true): string {
  if (INVISIBLE.test(cluster) || APOSTROPHE.test(cluster)) return '';
  if (DASH.test(cluster)) return '-';
  const nfkc = cluster.normalize('NFKC');
  let out = '';
  for (const ch of (lower ? nfkc.toLowerCase() : nfkc).normalize('NFD')) {
    if (/\p{M}/u.test(ch)) continue; // й→и, ё→е, ў→у, қ→к, ş→s, ö→o, İ→i: typed either way
    out += LETTER_FOLD[ch] ?? ch;
  }
  return out;
}

// Cyrillic letters that look like Latin ones (lower case, after the fold above).
const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  і: 'i',
  ј: 'j',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  һ: 'h',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
};
const LATIN_TO_CYRILLIC: Record<string, string> = Object.fromEntries(
  Object.entries(CYRILLIC_TO_LATIN)
    .filter(([c]) => !'ѕһԁԛԝ'.includes(c))
    .map(([c, l]) => [l, c]),
);

/**
 * Folds `original` for matching: NFKC, lower case, marks and apostrophes dropped, dashes
 * unified, invisible characters removed, and every word that mixes Latin and Cyrillic
 * letters rewritten in the script its unambiguous letters belong to.
 */
export function normaliseMessage(original: string): NormalisedText {
  let text = '';
  const from: number[] = [];
  const to: number[] = [];
  for (const { start, end, value } of clusters(original)) {
    const folded = foldedCluster(value);
    for (let k = 0; k < folded.length; k++) {
      from.push(start);
      to.push(end);
    }
    text += folded;
  }
  return { text: foldMixedScriptWords(text), from, to };
}

// Chats repeat the same few hundred characters: each is folded once. Bounded, since a
// message can carry any number of distinct combining sequences.
const FOLDED = new Map<string, string>();
const FOLDED_LIMIT = 4096;

function foldedCluster(cluster: string): string {
  const code = cluster.charCodeAt(0);
  // ASCII letters, digits and punctuation other than the apostrophes fold to themselves.
  if (cluster.length === 1 && code < 0x80 && cluster !== "'" && cluster !== '`') {
    return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : cluster;
  }
  let folded = FOLDED.get(cluster);
  if (folded === undefined) {
    folded = foldCluster(cluster);
    if (FOLDED.size < FOLDED_LIMIT) FOLDED.set(cluster, folded);
  }
  return folded;
}

/** A code point with the combining marks that follow it, so é typed as e + ◌́ folds like é. */
function* clusters(s: string): Generator<{ start: number; end: number; value: string }> {
  const re = /\P{M}\p{M}*|\p{M}+/gsu;
  for (let m = re.exec(s); m; m = re.exec(s)) yield { start: m.index, end: m.index + m[0].length, value: m[0] };
}

const isLatin = (ch: string) => /\p{Script=Latin}/u.test(ch);
const isCyrillic = (ch: string) => /\p{Script=Cyrillic}/u.test(ch);

// Each character maps to exactly one character, so the offset map stays valid.
function foldMixedScriptWords(text: string): string {
  const words = text.match(/\p{L}+/gu) ?? [];
  const mixed = (chars: string[]) => chars.some(isLatin) && chars.some(isCyrillic);
  if (!words.some((w) => mixed([...w]))) return text;
  // Ties are settled by the message as a whole: "нa" (н + Latin a) among Russian words is "на".
  const messageIsCyrillic = toCyrillic([...words.join('')], false);
  return text.replace(/\p{L}+/gu, (word) => {
    const chars = [...word];
    if (!mixed(chars)) return word;
    const cyrillic = toCyrillic(chars, messageIsCyrillic);
    return chars.map((ch) => (cyrillic ? LATIN_TO_CYRILLIC[ch] : CYRILLIC_TO_LATIN[ch]) ?? ch).join('');
  });
}

/** A mixed word is Cyrillic when most of its letters that have no look-alike are Cyrillic. */
function toCyrillic(chars: string[], messageIsCyrillic: boolean): boolean {
  const unambiguous = (ch: string) => !(ch in CYRILLIC_TO_LATIN) && !(ch in LATIN_TO_CYRILLIC);
  const count = (pick: (ch: string) => boolean) => chars.filter((ch) => pick(ch) && unambiguous(ch)).length;
  const cyrillic = count(isCyrillic);
  const latin = count(isLatin);
  if (cyrillic !== latin) return cyrillic > latin;
  const all = chars.filter(isCyrillic).length - chars.filter(isLatin).length;
  return all === 0 ? messageIsCyrillic : all > 0;
}

/** The original offsets of the normalised span [start, end). */
export function originalSpan(n: NormalisedText, start: number, end: number): { start: number; end: number } {
  return { start: n.from[start] ?? 0, end: n.to[end - 1] ?? n.from[start] ?? 0 };
}
