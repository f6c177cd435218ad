// CHAT-6 / PAY-7: what each language's keyword file provides (sources in the dialect of
// ../text-patterns.ts). A phrase counts unless a refusal stands within four words of it in
// its clause: a lawyer writing "I can't take payment outside the platform" keeps the rule.
export interface LanguageKeywords {
  /** Asks to be paid, or offers to pay, outside the platform: card, phone transfer, cash. */
  payOutside: readonly string[];
  /** Asks to continue the conversation outside the platform: messengers, phone, e-mail. */
  talkOutside: readonly string[];
  /** A request to send money; next to a payment app's name, a request to pay through it. */
  transferRequest: readonly string[];
  /** Places the payment on the platform itself: a payment app named there is its checkout. */
  onPlatform: readonly string[];
  /** Refusals and prohibitions ("mumkin emas", "нельзя", "not allowed"). */
  refusal: readonly string[];
  /**
   * A court's or an authority's published contact. Our reading of CHAT-6: a number given as
   * "sudning telefoni", "телефон суда", "the court's hotline", or beside an official domain,
   * is public information about the case, not an invitation to talk outside the platform.
   */
  officialContact: readonly string[];
  /** A court fee, state duty or fine: an account named for it is the treasury's. */
  officialPayment: readonly string[];
}
