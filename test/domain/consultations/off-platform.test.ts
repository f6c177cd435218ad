import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { detectOffPlatform } from '../../../domain/consultations/off-platform/index.ts';

// CHAT-6: messages asking to pay outside the platform are flagged for the administration.
// PAY-7: payments outside the platform are forbidden. Expected values are written out by
// hand: each signal as [kind, the exact text it points at].

const found = (text: string) => detectOffPlatform(text).signals.map((s) => [s.kind, text.slice(s.start, s.end)]);
const notFlagged = { flagged: false, signals: [] };

describe('CHAT-6 / PAY-7: card numbers', () => {
  it('CHAT-6: a UzCard number after "kartamga o\'tkazing" is a card and a request', () => {
    expect(found("Kartamga o'tkazing: 8600 5260 1815 9088")).toEqual([
      ['direct_payment_phrase', "Kartamga o'tkazing"],
      ['card_number', '8600 5260 1815 9088'],
    ]);
  });

  it('CHAT-6: a Luhn-valid Visa number written in one piece', () => {
    expect(found('Visa 4276199351819098')).toEqual([['card_number', '4276199351819098']]);
  });

  it('CHAT-6: card digits split by dots, dashes and spaces are joined', () => {
    expect(found('karta 5469.3786.5797.5432')).toEqual([['card_number', '5469.3786.5797.5432']]);
    expect(found('karta 5469-3786 - 5797-5432')).toEqual([['card_number', '5469-3786 - 5797-5432']]);
  });

  it('CHAT-6: UzCard/Humo numbers are cards even when they fail Luhn or lose a digit', () => {
    const humo = detectOffPlatform('9860 1201 4455 7780');
    expect(humo.signals).toEqual([{ kind: 'card_number', start: 0, end: 19, reason: 'UzCard/Humo card number (9860…)' }]);
    expect(found('8600 5260 1815 908 shu kartaga')).toEqual([['card_number', '8600 5260 1815 908']]);
  });

  it('CHAT-6: sixteen digits grouped 4-4-4-4 are a (mistyped) card; unformatted and failing Luhn they are not', () => {
    expect(found('Kart: 4169 7388 1234 5674')).toEqual([['card_number', '4169 7388 1234 5674']]);
    expect(detectOffPlatform('4276199351819099')).toEqual(notFlagged);
  });

  it('CHAT-6: a card number with its expiry after it', () => {
    expect(found('4098 8465 6321 2233 12/27')).toEqual([['card_number', '4098 8465 6321 2233']]);
  });
});

describe('CHAT-6 / PAY-7: phone numbers', () => {
  it('CHAT-6: an Uzbek mobile number in international format', () => {
    expect(detectOffPlatform('Raqamim +998 93 512-40-17').signals).toEqual([
      { kind: 'phone', start: 8, end: 25, reason: 'phone number +998935124017' },
    ]);
  });

  it('CHAT-6: national formats of the four default countries (UZ, AZ, UA, RU)', () => {
    expect(found('90 123 45 67')).toEqual([['phone', '90 123 45 67']]);
    expect(found('nömrə 055 212 34 56')).toEqual([['phone', '055 212 34 56']]);
    expect(found('номер 067 123 45 67')).toEqual([['phone', '067 123 45 67']]);
    expect(found('номер 8 (926) 111-22-33')).toEqual([['phone', '8 (926) 111-22-33']]);
  });

  it('CHAT-6: digits split by spaces, dots, slashes or dashes one by one', () => {
    expect(found('raqam 9 0 1 2 3 4 5 6 7')).toEqual([['phone', '9 0 1 2 3 4 5 6 7']]);
    expect(found('номер 903.555.12.34')).toEqual([['phone', '903.555.12.34']]);
    expect(found('raqam 90/123/45/67')).toEqual([['phone', '90/123/45/67']]);
    expect(found('тел 8-9-1-6-2-0-4-5-5-8-1')).toEqual([['phone', '8-9-1-6-2-0-4-5-5-8-1']]);
  });

  it('CHAT-6: a number from outside the four countries, written with its "+"', () => {
    expect(found('WhatsApp +44 7911 123456')).toEqual([['phone', '+44 7911 123456']]);
  });

  it("CHAT-6: a toll-free number is an organisation's, not a specialist's", () => {
    expect(detectOffPlatform('8 800 250 39 39')).toEqual(notFlagged);
  });
});

describe('CHAT-6 / PAY-7: IBANs', () => {
  it('PAY-7: a Ukrainian IBAN in groups of four', () => {
    expect(found('UA74 3052 9900 0002 6007 2335 6600 1')).toEqual([['iban', 'UA74 3052 9900 0002 6007 2335 6600 1']]);
  });

  it('PAY-7: an Azerbaijani IBAN written in one piece', () => {
    expect(detectOffPlatform('IBAN AZ21NABZ00000000137010001944').signals).toEqual([
      { kind: 'iban', start: 5, end: 33, reason: 'IBAN AZ21… passing the mod-97 check' },
    ]);
  });

  it('PAY-7: an IBAN-shaped string that fails mod-97 is not reported as one', () => {
    expect(found('AZ21 NABZ 0000 0000 1370 1000 1945')).not.toContainEqual(['iban', expect.anything()]);
  });
});

describe('CHAT-6: messengers', () => {
  it('CHAT-6: t.me and wa.me links', () => {
    expect(found('t.me/yurist_tashkent')).toEqual([['messenger', 't.me/yurist_tashkent']]);
    expect(found('wa.me/998901234567')).toEqual([
      ['messenger', 'wa.me/998901234567'],
      ['phone', '998901234567'],
    ]);
  });

  it('CHAT-6: an @handle, but not an e-mail address', () => {
    expect(found('Ism: @advokat_karimov')).toEqual([['messenger', '@advokat_karimov']]);
    expect(found('Telegramda @advokat_karimov')).toEqual([['messenger', 'Telegramda @advokat_karimov']]);
    expect(detectOffPlatform('Hujjat ivan@mail.ru dan keldi')).toEqual(notFlagged);
  });

  it('CHAT-6: a messenger named with a username after a colon', () => {
    expect(found('telegram: ivanlaw')).toEqual([['messenger', 'telegram: ivanlaw']]);
  });

  it('CHAT-6: Cyrillic letters inside "telegram" do not hide it', () => {
    expect(found('tеlеgrаm: @ivan_law')).toEqual([['messenger', 'tеlеgrаm: @ivan_law']]);
  });
});

describe('CHAT-6 / PAY-7: payment apps', () => {
  it('PAY-7: a payment app beside a request to send money', () => {
    expect(found("Payme'ga tashlang")).toEqual([['payment_app', "Payme'ga"]]);
    expect(found('Скиньте на моно 1500 грн')).toEqual([['payment_app', 'на моно']]);
    expect(found('Send it through Western Union')).toEqual([['payment_app', 'Western Union']]);
  });

  it('PAY-7: an app or bank named as a party to the case is not a request', () => {
    expect(detectOffPlatform('Kaspi Bank froze my account without notice, can I sue them?')).toEqual(notFlagged);
    expect(detectOffPlatform('Монобанк заблокував мою картку без пояснень')).toEqual(notFlagged);
  });

  it("PAY-7: an app used on the platform's checkout is not a request", () => {
    expect(detectOffPlatform('Please pay with Payme on the checkout page.')).toEqual(notFlagged);
  });

  it('PAY-7: "click" the button is not the Click app', () => {
    expect(detectOffPlatform("Click 'Pay' to send the money to escrow.")).toEqual(notFlagged);
  });
});

describe('CHAT-6 / PAY-7: phrases asking to pay or talk outside the platform', () => {
  it.each([
    ['uz-Latn', "to'g'ridan-to'g'ri kartamga o'tkazing", "to'g'ridan-to'g'ri kartamga"],
    ['uz-Latn', 'togridan-togri kartamga otkazing', 'togridan-togri kartamga'],
    ['uz-Cyrl', 'тўғридан-тўғри картамга ўтказинг', 'тўғридан-тўғри картамга'],
    ['ru', 'переведите мне на карту', 'переведите мне на карту'],
    ['uk', 'напишіть мені у телеграм', 'напишіть мені у телеграм'],
    ['az', 'birbaşa kartıma köçürün', 'birbaşa kartıma'],
    ['az', 'birbasa kartima kocurun', 'birbasa kartima'],
    ['en', 'pay me directly', 'pay me directly'],
    ['en', "let's continue outside the site", "let's continue outside"],
  ])('PAY-7 (%s): "%s"', (_lang, text, phrase) => {
    expect(found(text)).toContainEqual(['direct_payment_phrase', phrase]);
  });

  it('CHAT-6: the reason says which rule the phrase breaks', () => {
    expect(detectOffPlatform('Давайте продолжим вне платформы').signals).toEqual([
      { kind: 'direct_payment_phrase', start: 18, end: 31, reason: 'asks to pay outside the platform' },
    ]);
    expect(detectOffPlatform("Whatsappga o'taylik").signals).toEqual([
      { kind: 'direct_payment_phrase', start: 0, end: 19, reason: 'asks to talk outside the platform' },
    ]);
  });

  it('CHAT-6: Latin letters inside a Cyrillic word do not hide it', () => {
    expect(found('пepeвeдитe нa кapту')).toEqual([['direct_payment_phrase', 'пepeвeдитe нa кapту']]);
  });

  it("CHAT-6: invisible characters and full-width digits change nothing; offsets stay the original's", () => {
    expect(found('Kar\u200btamga o\u2019tkazing')).toEqual([['direct_payment_phrase', 'Kar\u200btamga o\u2019tkazing']]);
    expect(found('８６００ ５２６０ １８１５ ９０８８')).toEqual([['card_number', '８６００ ５２６０ １８１５ ９０８８']]);
  });

  it('PAY-7: a lawyer refusing or a rule being quoted is not a request', () => {
    expect(detectOffPlatform("I'm sorry, but I cannot accept payment outside the platform.")).toEqual(notFlagged);
    expect(detectOffPlatform('Извините, я не могу принимать оплату вне платформы, это против правил.')).toEqual(notFlagged);
    expect(detectOffPlatform("Yuridik.uz tizimidan tashqarida mijozdan to'lov qilishini so'ramang.")).toEqual(notFlagged);
    expect(detectOffPlatform('Bağışlayın, saytdan kənar ödəniş qəbul edə bilmərəm.')).toEqual(notFlagged);
  });

  it('PAY-7: "directly" to a court, a bank or a notary is legal talk', () => {
    expect(detectOffPlatform("Arizani to'g'ridan-to'g'ri sudga topshiring.")).toEqual(notFlagged);
    expect(detectOffPlatform('Ərizəni birbaşa məhkəməyə təqdim edin.')).toEqual(notFlagged);
    expect(detectOffPlatform('Оплатите госпошлину напрямую через банк.')).toEqual(notFlagged);
    expect(detectOffPlatform('Pay the state duty directly at the bank.')).toEqual(notFlagged);
  });

  it('CHAT-6: "переведите" meaning "translate" is not a transfer', () => {
    expect(detectOffPlatform('Переведите мне этот договор на узбекский, пожалуйста.')).toEqual(notFlagged);
    expect(detectOffPlatform('Переведіть мені цей договір на англійську.')).toEqual(notFlagged);
  });
});

describe('CHAT-6: ordinary legal talk is not flagged', () => {
  it.each([
    ['article and part', "Mehnat kodeksining 161-moddasi 2-qismi bo'yicha", 'uz-Latn'],
    ['article of a code', "Moddaning 12-qismi va ст. 1064 ГК bo'yicha", 'uz-Latn'],
    ['article, Azerbaijani ordinal', 'Mülki Məcəllənin 1100-cü maddəsinə əsasən', 'az'],
    ['case number', 'дело № 2-1234/2025', 'ru'],
    ['case number, Ukrainian', 'Справа № 755/1234/23', 'uk'],
    ['case number with a court code', 'İş № 2(103)-1234/2024', 'az'],
    ['date and time', 'Sud majlisi 14.03.2025 soat 10:00 da', 'uz-Latn'],
    ['ISO date and a year range', 'Contract of 2024-03-15 for 2023-2025', 'en'],
    ["sum of money in so'm", "Da'vo summasi 5 000 000 so'm", 'uz-Latn'],
    ['sum of money in manat', '1500 manat', 'az'],
    ['sum written with thousands', 'Суд взыскал 500 000 000 и ещё 120 000', 'ru'],
    ['STIR, 9 digits (UZ)', 'STIR 301234567', 'uz-Latn'],
    ['VÖEN, 10 digits (AZ)', 'VÖEN 1234567890', 'az'],
    ['INN, 10 digits (RU)', 'ИНН 7707083893', 'ru'],
    ['INN, 12 digits (RU)', 'ИНН 500100732259', 'ru'],
    ['RNOKPP, 10 digits (UA), a word between', 'РНОКПП позивача 3012345678', 'uk'],
    ['PINFL, 14 digits', 'JShShIR 31234567890123', 'uz-Latn'],
    ['cadastral number', 'Kadastr raqami 10:05:01:02:0123', 'uz-Latn'],
    ['cadastral number, Ukrainian', 'Кадастровий номер 8000000000:82:123:0045', 'uk'],
    ['passport', 'Pasport seriyasi AB 1234567', 'uz-Latn'],
  ])('CHAT-6: %s — "%s"', (_what, text) => {
    expect(detectOffPlatform(text)).toEqual(notFlagged);
  });

  // Our reading of CHAT-6: a number the message attributes to a court or an authority, or
  // quotes beside an official domain, is public information, not an invitation to talk
  // outside the platform.
  it.each([
    ['sudning telefoni', 'Yunusobod tumanlararo sudining telefoni: (71) 233-45-67'],
    ['суднинг девонхона телефони', 'Суднинг девонхона телефони 71 233 45 67'],
    ['телефон суда', 'Телефон канцелярии суда +7 (495) 123-45-67'],
    ['телефон суду', 'Телефон канцелярії суду (044) 254-12-34'],
    ['məhkəməsinin telefonu', 'Yasamal rayon məhkəməsinin telefonu: (012) 510-11-22'],
    ["court's hotline", "The court's hotline is +998 71 233 45 67"],
    ['*.sud.uz', 'Raqam 71 233 45 67, manba: yunusobod.sud.uz'],
    ['court.gov.ua', 'Номер 044 254 12 34 є на court.gov.ua'],
  ])('CHAT-6: a court\'s phone ("%s") is not a request', (_cue, text) => {
    expect(detectOffPlatform(text)).toEqual(notFlagged);
  });

  it('CHAT-6: "court" near a number is not enough — the phone must be the court\'s', () => {
    expect(found("Sudga borishdan oldin menga qo'ng'iroq qiling: 90 123 45 67")).toEqual([
      ['direct_payment_phrase', "menga qo'ng'iroq qiling"],
      ['phone', '90 123 45 67'],
    ]);
    expect(found('После суда позвоните мне: 8 916 204 55 81')).toEqual([['phone', '8 916 204 55 81']]);
  });

  it("PAY-7: a court fee paid to the treasury's IBAN is not a payment outside the platform", () => {
    const text = 'Судовий збір сплачується на рахунок UA26 3220 0100 0002 6201 2345 6789 0, отримувач ГУК у м.Києві.';
    expect(detectOffPlatform(text)).toEqual(notFlagged);
  });

  it('CHAT-6: paying inside the chat is what the platform asks for', () => {
    expect(detectOffPlatform("Maslahat uchun to'lovni shu chatning o'zida qilasiz.")).toEqual(notFlagged);
    expect(detectOffPlatform('Оплата проходит на сайте, деньги замораживаются.')).toEqual(notFlagged);
  });
});

const Corpus = z.array(
  z.object({
    text: z.string(),
    lang: z.enum(['uz-Latn', 'uz-Cyrl', 'ru', 'uk', 'az', 'en']),
    offPlatform: z.boolean(),
    note: z.string().optional(),
  }),
);
const corpus = Corpus.parse(JSON.parse(readFileSync(new URL('../../data/off-platform-corpus.json', import.meta.url), 'utf8')));

describe('CHAT-6 / PAY-7: labelled corpus', () => {
  it('CHAT-6: holds at least 240 messages, both classes, in every language', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(240);
    for (const lang of Corpus.element.shape.lang.options) {
      expect(corpus.filter((m) => m.lang === lang && m.offPlatform).length).toBeGreaterThanOrEqual(20);
      expect(corpus.filter((m) => m.lang === lang && !m.offPlatform).length).toBeGreaterThanOrEqual(20);
    }
  });

  it('CHAT-6 / PAY-7: precision ≥ 0.95 and recall ≥ 0.95, overall and per language', () => {
    const score = (messages: typeof corpus) => {
      const flagged = messages.map((m) => ({ m, flagged: detectOffPlatform(m.text).flagged }));
      const tp = flagged.filter((x) => x.flagged && x.m.offPlatform).length;
      return {
        precision: tp / flagged.filter((x) => x.flagged).length,
        recall: tp / messages.filter((m) => m.offPlatform).length,
      };
    };
    expect(score(corpus).precision).toBeGreaterThanOrEqual(0.95);
    expect(score(corpus).recall).toBeGreaterThanOrEqual(0.95);
    for (const lang of Corpus.element.shape.lang.options) {
      const { precision, recall } = score(corpus.filter((m) => m.lang === lang));
      expect({ lang, precision: precision >= 0.95, recall: recall >= 0.95 }).toEqual({ lang, precision: true, recall: true });
    }
  });
});
