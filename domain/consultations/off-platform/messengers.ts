import { anyOf, type Span } from './text-patterns.ts';

// CHAT-6: a messenger link or handle moves the conversation, and then the payment, where
// the platform neither sees nor protects it. Matched in the folded text, so a Cyrillic "т"
// in "t.me" or a zero-width space inside a handle changes nothing.

export interface MessengerMatch extends Span {
  reason: string;
}

const DOT = '(?:\\.|\\s?\\(dot\\)\\s?|\\s?\\[dot\\]\\s?| dot | точка | нуқта | nuqta | nöqtə )';
const PATH = '\\s?/\\s?[a-z0-9_+./?=-]{2,}';
const LINKS = anyOf([
  `(?:https?://)?(?:www\\.)?(?:t|telegram)${DOT}(?:me|dog)${PATH}`,
  `(?:https?://)?(?:wa${DOT}me|(?:api|chat)${DOT}whatsapp${DOT}com)${PATH}`,
  `(?:viber://[a-z0-9_+./?=-]+|(?:https?://)?(?:invite${DOT}viber${DOT}com|vb${DOT}me)${PATH})`,
  `(?:https?://)?(?:www\\.)?(?:instagram${DOT}com|instagr${DOT}am|ig${DOT}me)${PATH}`,
  `(?:https?://)?(?:m${DOT}me|signal${DOT}me|signal${DOT}group|(?:www\\.)?facebook${DOT}com)${PATH}`,
]);

// A handle: "@ivan_law". Not an e-mail address (a word character before the "@").
const HANDLE = /(?<![\p{L}\p{N}_.@])@[a-z0-9_][a-z0-9_.]{2,31}(?![\p{L}\p{N}_@])/gu;

// A messenger named and followed by what must be a username there: after a colon or "@",
// or a token with a digit, dot or underscore, or a Latin token after a Cyrillic name.
const MESSENGER_LATIN = '(?:telegram|teleqram|telegramm|tg|whatsapp|vatsap|watsap|viber|vayber|signal|instagram|insta|imo|skype)';
const MESSENGER_CYRILLIC =
  '(?:телеграм\\p{L}*|телега|телеге|тг|ватсап\\p{L}*|вотсап\\p{L}*|вацап\\p{L}*|вайбер\\p{L}*|вибер\\p{L}*|сигнал\\p{L}*|инстаграм\\p{L}*|інстаграм\\p{L}*|инста|інста|скайп\\p{L}*)';
const LABEL = '(?: (?:nik|ник|нік|username|юзернейм|логин|логін|akkaunt|аккаунт|акаунт|hesab|profil|профиль|профіль))?';
const NAMED = anyOf([
  `(?:${MESSENGER_LATIN}\\p{L}*|${MESSENGER_CYRILLIC})${LABEL} ?[:@] ?@?[a-z][a-z0-9_.]{2,31}`,
  `(?:${MESSENGER_LATIN}\\p{L}*|${MESSENGER_CYRILLIC})${LABEL} @?(?=[a-z0-9_.]*(?:[0-9_]|\\.[a-z0-9]))[a-z][a-z0-9_.]{2,31}`,
  `${MESSENGER_CYRILLIC}${LABEL} [a-z][a-z0-9_.]{3,31}`,
]);

/** Messenger links, @handles and "Telegram: name" mentions in the folded text. */
export function messengerSpans(folded: string): MessengerMatch[] {
  const found: MessengerMatch[] = [];
  for (const m of folded.matchAll(LINKS)) found.push(at(m, 'link to a messenger profile or chat'));
  for (const m of folded.matchAll(NAMED)) found.push(at(m, 'messenger named with a username'));
  for (const m of folded.matchAll(HANDLE)) found.push(at(m, 'messenger @handle'));
  return found;
}

const at = (m: RegExpMatchArray, reason: string): MessengerMatch => ({
  start: m.index as number,
  end: (m.index as number) + m[0].length,
  reason,
});
