import { gap } from '../text-patterns.ts';
import type { LanguageKeywords } from './language.ts';

// English. "Directly" is legal talk when it is the court, the bank or the registry that is
// paid or addressed directly ("pay the fee directly to the court"); it counts only with
// "me", "my card" or a payment not followed by such an addressee.

const REQUEST = `(?:send|transfer|wire|pay|deposit|top up|drop|remit|e-transfer|zelle|venmo)`;
const ACCEPT = `(?:accept|take|receive) (?:the )?(?:payment|money|fee|transfer|advance)s?`;
const MY_ACCOUNT = `my (?:card|account|bank account|bank|number|phone|wallet|iban|paypal|revolut|personal account|personal card)`;
const PLATFORM = `(?:the |this |your )?(?:platform|site|website|app|service|marketplace|system)s?`;
const MESSENGER = `(?:telegram|whatsapp|whats app|viber|signal|instagram|insta|imo|skype|zoom|dms?|pm|private messages?|direct messages?|my (?:number|phone|cell|mobile|personal (?:number|phone|email)))(?! bot)`;
const CONTACT = `(?:text|call|message|ping|msg|dm|contact|reach|add|find|write|hit|whatsapp|phone|ring)`;
const OFFICIAL_ADDRESSEE = `(?:court|bank|tax|state|treasury|registry|notary|authority|platform|site|website)`;
const DIRECTLY = `directly(?! (?:to|at|into|with|through|via|on) (?:the )?${OFFICIAL_ADDRESSEE})`;

// An authority's phone is written as the authority's: "the court's hotline", "the clerk's
// office number" ("court" a few words before "call me" is not enough).
const INSTITUTION = `(?:court|clerk|registry|bailiff|enforcement office|notary|prosecutor|police|ministry|tax office|tax authority|bar association|embassy|consulate|registrar|inspectorate|agency|committee)`;
const INSTITUTION_PHONE = `(?:phone|hotline|telephone|helpline|switchboard|number|line|office number|phone number)`;

export const en: LanguageKeywords = {
  payOutside: [
    `pay (?:me |us |it |the fee |the rest |the balance |the remainder |the money )?(?:directly|direct|privately|off the books|off-site|offsite|in cash|cash|outside)`,
    `${REQUEST} ${gap(3)}(?:to|into|onto|on|via|through) ${MY_ACCOUNT}`,
    `${REQUEST} (?:me )?(?:the )?(?:money|payment|fee|funds|advance|deposit|rest|balance|amount) (?:${DIRECTLY}|to me|to my)`,
    `directly (?:to me|to ${MY_ACCOUNT}|with me|between us)`,
    `(?:pay|paying|payment|payments|transfer|settle|deal) ${gap(2)}${DIRECTLY}`,
    `(?:outside|off|bypass\\p{L}*|around|avoid\\p{L}*|circumvent\\p{L}*|skip\\p{L}*) (?:of )?${PLATFORM}`,
    `(?:save|avoid|skip|dodge|cut out|no|without|bypass) (?:on )?(?:the )?(?:platform|site|service|website)s? (?:fee|fees|commission|cut|percentage)`,
    `(?:without|cut out|skip) (?:the )?(?:middleman|middlemen|platform|site)`,
    `(?:cash|in cash) (?:when we meet|in person|at (?:my|the) office|on meeting)`,
    `my (?:card number|card details|bank details|account details|iban|account number|wallet number) (?:is|are)`,
    `${ACCEPT} ${gap(2)}(?:by card|on my card|to my|directly|in cash|cash)`,
  ],
  talkOutside: [
    `${CONTACT} (?:me|us|you) ${gap(3)}(?:on|via|at|in|through|over|by) ${MESSENGER}`,
    `(?:bank|card|payment|account) details ${gap(2)}(?:on|via|in|through|over|by) ${MESSENGER}`,
    `let(?:s| us) ${gap(3)}(?:outside|elsewhere|offline|off the (?:site|platform)|privately)`,
    `let(?:s| us) ${gap(3)}(?:on|to|via|over|in|by) (?:${MESSENGER}|the phone|phone)`,
    `(?:move|switch|continue|take) (?:this |the |our )?(?:chat|conversation|discussion|talk|it) ${gap(1)}(?:to|on|over to|onto|in) ${MESSENGER}`,
    `my (?:telegram|whatsapp|viber|signal|instagram|insta|cell|mobile|personal number|phone number|number) (?:is|:)`,
    `(?:give|send|leave|drop) me your (?:number|phone|phone number|whatsapp|telegram|cell|contact)`,
  ],
  transferRequest: [REQUEST, ACCEPT],
  onPlatform: [
    `(?<!not )(?:on|through|via|using|in) (?:the |this |our )?(?:platform|site|website|checkout|payment page|pay button|chat)s?`,
    `checkout(?: page)?`,
    `pay button`,
  ],
  refusal: [
    `not`,
    `cannot`,
    `cant`,
    `can not`,
    `forbidden`,
    `prohibited`,
    `against (?:the )?(?:rules|terms)`,
    `never`,
    `wont`,
    `dont`,
    `shouldnt`,
    `mustnt`,
    `refuse`,
    `decline`,
  ],
  officialContact: [
    `(?:the )?${INSTITUTION}s? ${gap(2)}${INSTITUTION_PHONE}`,
    `${INSTITUTION_PHONE} ${gap(2)}(?:of|for|at) (?:the )?${gap(2)}${INSTITUTION}`,
    `official (?:web)?site|(?:court|government|ministry)s? (?:web)?site`,
    `hotline|helpline|call cent(?:er|re)`,
  ],
  officialPayment: [`court fees?`, `filing fees?`, `state (?:duty|fee)`, `treasury`, `courts? (?:deposit )?account`, `fines?`, `penalty`],
};
