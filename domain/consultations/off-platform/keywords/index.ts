import { anyOf } from '../text-patterns.ts';
import { az } from './az.ts';
import { en } from './en.ts';
import type { LanguageKeywords } from './language.ts';
import { ru } from './ru.ts';
import { uk } from './uk.ts';
import { uzCyrl } from './uz-cyrl.ts';
import { uzLatn } from './uz-latn.ts';

// CHAT-6 / PAY-7: the five languages' lists, each category compiled into one expression.
// Chats mix languages (Russian words in Uzbek sentences are common), so every message is
// read with all of them rather than with a guessed language.

const LANGUAGES: readonly LanguageKeywords[] = [uzLatn, uzCyrl, ru, uk, az, en];

const compile = (pick: (l: LanguageKeywords) => readonly string[]) => anyOf(LANGUAGES.flatMap(pick));

// Courts' and authorities' websites: a number quoted beside one is the authority's.
const OFFICIAL_DOMAIN =
  '(?:[a-z0-9-]+\\.)*(?:sud\\.uz|gov\\.uz|adliya\\.uz|court\\.gov\\.ua|gov\\.ua|courts\\.gov\\.az|gov\\.az|e-mehkeme\\.gov\\.az|sudrf\\.ru|gov\\.ru)';

export const KEYWORDS = {
  payOutside: compile((l) => l.payOutside),
  talkOutside: compile((l) => l.talkOutside),
  transferRequest: compile((l) => l.transferRequest),
  onPlatform: compile((l) => l.onPlatform),
  // Not global: only tested against the few words around a phrase.
  refusal: anyOf(
    LANGUAGES.flatMap((l) => l.refusal),
    'u',
  ),
  officialContact: anyOf([...LANGUAGES.flatMap((l) => l.officialContact), OFFICIAL_DOMAIN]),
  officialPayment: compile((l) => l.officialPayment),
} as const;

// The word right before a phrase that turns it round: "не переводите", "don't pay me directly".
export const NEGATION = /^(?:не|ні|not|dont|never|нельзя|neither|nor)$/u;
