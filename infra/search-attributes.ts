import { CONSULTATION_SEARCH_ATTRIBUTES } from '../domain/consultations/contract.ts';
import { ORDER_SEARCH_ATTRIBUTES } from '../domain/orders/contract.ts';
import { QUESTION_SEARCH_ATTRIBUTES } from '../domain/questions/contract.ts';
import { TICKET_SEARCH_ATTRIBUTES } from '../domain/tickets/contract.ts';
import { VERIFICATION_SEARCH_ATTRIBUTES } from '../domain/verification/contract.ts';

// Every custom search attribute operators use to find workflows in the Temporal UI. Each key
// is defined in its process's contract (domain/<process>/contract.ts); this list is what the
// dev server and docker-compose register. Adding one: define it in the contract, list it
// there, and append `Name=Type` to SEARCH_ATTRIBUTES in docker-compose.yml
// (test/infra/docker-compose.test.ts checks both agree).
export const SEARCH_ATTRIBUTES = [
  ...VERIFICATION_SEARCH_ATTRIBUTES,
  ...TICKET_SEARCH_ATTRIBUTES,
  ...ORDER_SEARCH_ATTRIBUTES,
  ...CONSULTATION_SEARCH_ATTRIBUTES,
  ...QUESTION_SEARCH_ATTRIBUTES,
] as const;
export const SEARCH_ATTRIBUTE_NAMES: readonly string[] = SEARCH_ATTRIBUTES.map((key) => key.name);

// The CLI spells the SDK's types differently (KEYWORD_LIST → KeywordList).
const CLI_TYPE: Record<string, string> = {
  TEXT: 'Text',
  KEYWORD: 'Keyword',
  INT: 'Int',
  DOUBLE: 'Double',
  BOOL: 'Bool',
  DATETIME: 'Datetime',
  KEYWORD_LIST: 'KeywordList',
};

// `temporal server start-dev --search-attribute Name=Type` spelling of each key.
export function devServerSearchAttributeFlags(): string[] {
  return SEARCH_ATTRIBUTES.flatMap((key) => ['--search-attribute', `${key.name}=${CLI_TYPE[key.type]}`]);
}
