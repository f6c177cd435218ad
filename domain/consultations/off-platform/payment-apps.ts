import { keywordPattern } from './text-patterns.ts';

// CHAT-6 / PAY-7: wallets, banking apps and money-transfer systems people in Uzbekistan,
// Azerbaijan, Ukraine, Russia and Kazakhstan pay each other with, in Latin and Cyrillic
// spellings (the folded text: lower case, no apostrophes, "Payme'ga" reads "paymega").
// Several names are also ordinary words or parties to a dispute ("click the button", "Kaspi
// bank blocked my card", "uzum" is a grape): the detector counts a name only next to a
// request to send money (see detect.ts), and the ambiguous ones only in the forms a payment
// app is written in.

interface PaymentApp {
  name: string;
  pattern: RegExp;
}

const SUFFIX = '(?:ga|ka|dan|da|ni|ning|ge|ya|ye|a|e|u|у|е|а|га|ка|дан|да|ни|ом|ге|ку|і)?';
const VIA = '(?:via|through|by|with|on|to|into|orqali|bilan|ilə|vasitəsilə|через|в|на|по|у|з|орқали|билан)';

const app = (name: string, source: string): PaymentApp => ({ name, pattern: keywordPattern(source) });

export const PAYMENT_APPS: readonly PaymentApp[] = [
  app(
    'Click',
    `click(?:\\.uz|up| up)${SUFFIX}|click(?:ga|ka|dan|da|ni)|${VIA} click|click (?:orqali|bilan|ilə|app|wallet|hamyon\\p{L}*|evolution)|клик(?:га|ка|дан|да|ни|ом)?|клик орқали`,
  ),
  app('Payme', `payme(?:\\.uz)?\\p{L}*|pay-me|пейми\\p{L}*|пэйми\\p{L}*|пайми\\p{L}*`),
  app('Uzum', `uzum ?(?:bank|pay|nasiya|card|karta|ilova|hamyon)\\p{L}*|uzum(?:ga|dan)|узум ?(?:банк|карт|пэй|пей)\\p{L}*|узум(?:га|дан)`),
  app('Paynet', `paynet\\p{L}*|пейнет\\p{L}*|пэйнет\\p{L}*|пайнет\\p{L}*`),
  app('Apelsin', `apelsin\\p{L}*|апельсин(?:га|ка|дан|ни)?`),
  app('Kaspi', `kaspi(?: ?(?:gold|bank|kz|pay|red))?${SUFFIX}|каспи(?: ?(?:голд|банк|gold|ред))?${SUFFIX}`),
  app('Monobank', `mono ?bank\\p{L}*|моно ?банк\\p{L}*|${VIA} (?:mono|моно)|монобанк\\p{L}*|моноч\\p{L}*|монобанку`),
  app('PrivatBank', `privat ?(?:bank|24)\\p{L}*|приват ?(?:банк|24)\\p{L}*|${VIA} приват|p24`),
  app('Qiwi', `qiwi\\p{L}*|киви ?(?:кошел\\p{L}*|wallet)|${VIA} киви|ківі\\p{L}*|ківі`),
  app('Revolut', `revolut\\p{L}*|револют\\p{L}*|ревалют\\p{L}*`),
  app('Western Union', `western ?union\\p{L}*|вестерн ?юнион\\p{L}*|вестерн ?юніон\\p{L}*|вестерн`),
  app('Zolotaya Korona', `zolotaya ?korona|золот\\p{L}* корон\\p{L}*|korona ?pay|корона ?(?:пей|пэй)|koronapay`),
  app('M10', `m10\\p{L}*|м10\\p{L}*|m 10 (?:hesab|cüzdan|pul kisəsi|wallet)\\p{L}*`),
  app('Birbank', `birbank\\p{L}*|бирбанк\\p{L}*`),
  app('Leobank', `leo ?bank\\p{L}*|лео ?банк\\p{L}*`),
  app('PayPal', `paypal\\p{L}*|пейпал\\p{L}*|пэйпал\\p{L}*`),
  app('Sberbank', `sber(?:bank)?\\p{L}*|сбер(?:банк)?\\p{L}*|сбер онлайн`),
  app('T-Bank', `tinkoff\\p{L}*|тинькоф\\p{L}*|тинькофф\\p{L}*|т-банк\\p{L}*|t-bank\\p{L}*`),
  app('Humo', `humo(?:ga|dan| karta\\p{L}*| pay)?|хумо(?:га|дан| карта\\p{L}*)?`),
  app('UzCard', `uzcard\\p{L}*|узкард\\p{L}*|uzkard\\p{L}*`),
  app('Payoneer', `payoneer\\p{L}*|пайонир\\p{L}*`),
  app('Zelle / Venmo / Wise', `zelle|venmo|wise (?:transfer|account|card)`),
];
