import type { Actor } from '../contract.ts';
import { DEFAULT_SERVICE_LANGUAGE, type OrderLanguage, type OrderState, type ServiceLanguage } from '../model.ts';
import { refuse, requireClient, requireLawyer, requireOpen } from './guards.ts';
import { event, notify, type Step } from './step.ts';

// EL-LANG-1 (§5.8): services are given in the state language, Azerbaijani; they may be given in
// another language the parties agree on. Our reading: the client asks (when ordering, or later
// while the order is open) and the lawyer on the order accepts or declines; until a lawyer
// accepts, the service language stays Azerbaijani. The agreed and the asked-for language are
// shown on the order. An order that has no lawyer yet keeps the request for whoever takes it.

const LANGUAGE_NAMES: Record<ServiceLanguage, string> = {
  az: 'Azerbaijani',
  ru: 'Russian',
  en: 'English',
  tr: 'Turkish',
  uz: 'Uzbek',
  uk: 'Ukrainian',
};

/** The order's language terms; an order started before EL-LANG-1 was built is in Azerbaijani. */
export const languageOf = (state: OrderState): OrderLanguage =>
  state.language ?? { agreed: DEFAULT_SERVICE_LANGUAGE, requested: null, decidedAt: null };

export function initialLanguage(requested: ServiceLanguage | undefined): OrderLanguage {
  return {
    agreed: DEFAULT_SERVICE_LANGUAGE,
    requested: requested !== undefined && requested !== DEFAULT_SERVICE_LANGUAGE ? requested : null,
    decidedAt: null,
  };
}

export function requestLanguageRefusal(state: OrderState, by: Actor, language: ServiceLanguage): void {
  requireClient(state, by);
  requireOpen(state);
  if (state.status === 'delivered') refuse('ORDER_STATE_CONFLICT', 'The service is already delivered.');
  const current = languageOf(state);
  if (language === current.agreed) refuse('VALIDATION_FAILED', `The service is already given in ${LANGUAGE_NAMES[language]}.`);
  if (language === current.requested) refuse('ORDER_STATE_CONFLICT', `${LANGUAGE_NAMES[language]} is already asked for.`);
}

export function requestLanguage(step: Step, language: ServiceLanguage): void {
  const { state } = step;
  state.language = { ...languageOf(state), requested: language };
  event(step, 'language_requested', language);
  notify(
    step,
    `language-request-${step.now}`,
    ['lawyer'],
    'The client asks for another service language',
    `The client asks for the service in ${LANGUAGE_NAMES[language]} instead of ${LANGUAGE_NAMES[languageOf(state).agreed]} (EL-LANG-1). Accept or decline it on the order.`,
  );
}

export function answerLanguageRefusal(state: OrderState, by: Actor): void {
  requireLawyer(state, by);
  requireOpen(state);
  if (languageOf(state).requested === null) refuse('ORDER_STATE_CONFLICT', 'The client has not asked for another language.');
}

export function answerLanguage(step: Step, accept: boolean): void {
  const { state } = step;
  const current = languageOf(state);
  const asked = current.requested!;
  state.language = { agreed: accept ? asked : current.agreed, requested: null, decidedAt: step.now };
  event(step, accept ? 'language_agreed' : 'language_declined', asked);
  notify(
    step,
    `language-answer-${step.now}`,
    ['client'],
    accept ? 'Your lawyer agreed to the language you asked for' : 'Your lawyer declined the language you asked for',
    accept
      ? `The service is now given in ${LANGUAGE_NAMES[asked]} (EL-LANG-1).`
      : `The service stays in ${LANGUAGE_NAMES[current.agreed]} (EL-LANG-1).`,
  );
}
