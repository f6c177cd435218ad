import { anyOf, matchSpans, type Span } from './text-patterns.ts';

// CHAT-6 / PAY-7 must not flag ordinary legal talk. Numbers in it are article and case
// numbers, dates, sums of money, taxpayer and registry numbers, cadastral numbers: this file
// finds them in the folded text (normalise.ts: lower case, no apostrophes, № written "no")
// so that the card and phone checks never join their digits into a "card" or a "phone".

// Labels an article, part or paragraph reference starts with ("ст. 1064 ГК", "article 12").
const ARTICLE_BEFORE = [
  'modda\\p{L}*', 'qism\\p{L}*', 'band\\p{L}*', 'bob\\p{L}*', 'модда\\p{L}*', 'қисм\\p{L}*', 'банд\\p{L}*',
  'стать\\p{L}*', 'статт\\p{L}*', 'ст\\.?', 'ч\\.', 'част\\p{L}*', 'п\\.', 'пп\\.', 'пункт\\p{L}*', 'абз\\p{L}*',
  'maddə\\p{L}*', 'hissə\\p{L}*', 'bənd\\p{L}*', 'article\\p{L}*', 'art\\.?', 'section\\p{L}*', 'sec\\.',
  '§+', 'clause\\p{L}*', 'paragraph\\p{L}*', 'part\\p{L}*', 'rule\\p{L}*', 'глав\\p{L}*', 'розділ\\p{L}*',
];
// The same labels after the number, as Uzbek and Azerbaijani write them ("1064-moddasi").
const ARTICLE_AFTER = [
  'modda\\p{L}*', 'qism\\p{L}*', 'band\\p{L}*', 'bob\\p{L}*', 'son\\p{L}*', 'модда\\p{L}*', 'қисм\\p{L}*',
  'банд\\p{L}*', 'сон\\p{L}*', 'maddə\\p{L}*', 'hissə\\p{L}*', 'bənd\\p{L}*', 'fəsil\\p{L}*',
];
const REF_NUMBER = '\\d+(?:[.\\-]\\d+)*';
const REF_LIST = `${REF_NUMBER}(?:\\s*(?:,|-|va|и|та|і|və|and|or)\\s*${REF_NUMBER})*`;
const ORDINAL = '(?:-?(?:chi|nchi|inchi|чи|нчи|инчи|ci|cı|cu|cü|ncı|nci|ий|ый|й|я|го|th|st|nd|rd))?';

// Taxpayer, personal, company, passport and registry numbers are typed after their label.
const ID_LABEL = [
  'stir', 'стир', 'inn', 'инн', 'voen', 'vöen', 'tin', 'taxpayer\\p{L}*(?: id| number| no)?', 'ipn', 'іпн',
  'рнокпп', 'єдрпоу', 'едрпоу', 'edrpou', 'jshshir', 'жшшир', 'pinfl', 'пинфл', 'огрн\\p{L}*', 'ogrn\\p{L}*',
  'кпп', 'kpp', 'снилс', 'okpo', 'окпо', 'mfo', 'мфо', 'bik', 'бик', 'pasport\\p{L}*', 'паспорт\\p{L}*',
  'passport', 'seriya', 'серия', 'серія', 'guvohnoma\\p{L}*', 'свидетельств\\p{L}*', 'свідоцтв\\p{L}*',
  'kadastr\\p{L}*', 'кадастр\\p{L}*', 'cadastral', 'reestr\\p{L}*', 'реестр\\p{L}*', 'реєстр\\p{L}*',
  'qeydiyyat\\p{L}*', 'registration', 'licen[sc]e\\p{L}*', 'litsenziya\\p{L}*', 'лицензи\\p{L}*', 'ліцензі\\p{L}*',
  'shartnoma\\p{L}*', 'договор\\p{L}*', 'договір\\p{L}*', 'müqavilə\\p{L}*', 'contract', 'polis\\p{L}*', 'полис\\p{L}*',
];
// Between a label and its number: punctuation and up to three words ("(TIN) is",
// "raqami:", "позивача").
const ID_AFTER_LABEL = '(?:[\\s:()#.,\\-]|\\p{L}+){0,6}[\\p{L}]{0,3} ?\\d(?:[\\s\\-/:.]?\\d)*';

// Case numbers after their label or after №, and the shapes only case numbers have.
const CASE_LABEL = [
  'дел\\p{L}*', 'справ\\p{L}*', 'ish\\p{L}*', 'иш\\p{L}*', 'iş\\p{L}*', 'case\\p{L}*', 'file', 'docket',
  'протокол\\p{L}*', 'qaror\\p{L}*', 'қарор\\p{L}*', 'решени\\p{L}*', 'рішенн\\p{L}*', 'постановлени\\p{L}*',
  'постанов\\p{L}*', 'qərar\\p{L}*', 'farmon\\p{L}*', 'указ\\p{L}*', 'закон\\p{L}*', 'qonun\\p{L}*', 'ariza\\p{L}*',
];
const CASE_NUMBER = '[\\p{L}]{0,3}\\d[\\p{L}\\d\\-/().]*';

const CURRENCY_AFTER = [
  'k', 'ming', 'минг', 'тыс\\p{L}*', 'тис\\p{L}*', 'min', 'mln', 'млн', 'million\\p{L}*', 'миллион\\p{L}*',
  'мільйон\\p{L}*', 'milyon\\p{L}*', 'mlrd', 'млрд', 'som\\p{L}*', 'сум\\p{L}*', 'сўм\\p{L}*', 'sum', 'uzs',
  'manat\\p{L}*', 'манат\\p{L}*', 'azn', 'руб\\p{L}*', 'р\\.', 'rub', 'грн', 'гривен\\p{L}*', 'гривн\\p{L}*',
  'гривень', 'uah', 'usd', 'dollar\\p{L}*', 'доллар\\p{L}*', 'долар\\p{L}*', 'evro', 'euro\\p{L}*', 'евро',
  'євро', 'eur', 'tenge', 'тенге', 'kzt', 'foiz\\p{L}*', 'процент\\p{L}*', 'відсот\\p{L}*', 'faiz\\p{L}*',
  'percent', 'tiyin', 'тийин', 'копе\\p{L}*', 'qəpik', 'у\\.?е\\.?', 'bhm', 'бхм', 'mrot', 'мрот',
];
const AMOUNT = '\\d{1,3}(?:[\\s.,]\\d{3})+(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d+)?';

const PATTERNS: readonly RegExp[] = [
  anyOf([`(?:${ARTICLE_BEFORE.join('|')}) ?(?:no\\.? ?)?${REF_LIST}`]),
  anyOf([`${REF_LIST}${ORDINAL} ?-?(?:${ARTICLE_AFTER.join('|')})`]),
  anyOf([`(?:${ID_LABEL.join('|')})${ID_AFTER_LABEL}`]),
  anyOf([`(?:${CASE_LABEL.join('|')}) ?(?:no\\.?|n|#)? ?${CASE_NUMBER}`, `no\\.? ?${CASE_NUMBER}`]),
  anyOf([`(?:${AMOUNT}) ?(?:${CURRENCY_AFTER.join('|')})\\.?`]),
  /(?<!\d)(?:[$€£₽₴₼]|usd|eur|uzs|azn|uah|rub) ?(?:\d{1,3}(?:[\s.,]\d{3})+|\d+)(?:[.,]\d{1,2})?(?!\d)/gu,
  /(?<!\d)\d+(?:[.,]\d+)? ?[$€£₽₴₼%]/gu,
  // Thousands written out: "500 000 000" is a sum, whatever it is followed by.
  /(?<![\d.,])\d{1,3}(?:[\s.,]000)+(?![\d])/gu,
  // Dates, year ranges and times; cadastral numbers are colon-separated groups.
  /(?<!\d)\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?!\d)/gu,
  /(?<!\d)\d{4}[./-]\d{1,2}[./-]\d{1,2}(?!\d)/gu,
  /(?<!\d)(?:19|20)\d{2} ?- ?(?:(?:19|20)\d{2}|\d{2})(?!\d)/gu,
  /(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?![\d:])/gu,
  /(?<!\d)\d+(?::\d+){2,}(?!\d)/gu,
  // Case numbers: 2-1234/2025, 755/1234/23, 2(103)-1234/2024.
  // (A fourth group makes it a phone split by slashes: 90/123/45/67.)
  /(?<![\d/])\d{1,4}(?:\(\d{1,4}\))?-\d{1,6}(?:-\d{1,6})*\/\d{2,4}(?![\d/])/gu,
  /(?<![\d/])\d{1,4}\/\d{1,6}\/\d{2,4}(?![\d/])/gu,
  // Decree and law numbers: PF-6012, ПҚ-123, O'RQ-599 (folded: orq-599).
  anyOf(['(?:pf|pq|pk|orq|urq|vmq|пф|пк|пқ|урк|ўрқ|орқ|вмқ|фз|фкз) ?- ?\\d+']),
];

/** The spans of the folded text that hold legal numbers, never cards or phones. */
export function legalNumberSpans(folded: string): Span[] {
  return PATTERNS.flatMap((re) => matchSpans(re, folded));
}
