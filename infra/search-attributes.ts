import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

// Custom search attributes operators use to find workflows in the Temporal UI. Pure module:
// imported by workflow code and by the scripts that register the attributes on a server.
// Adding one: define the key here, list it in SEARCH_ATTRIBUTES, and append `Name=Type` to
// SEARCH_ATTRIBUTES in docker-compose.yml (test/infra/docker-compose.test.ts checks both agree).
export const UserIdAttribute = defineSearchAttributeKey('UserId', SearchAttributeType.KEYWORD);
export const VerificationStatusAttribute = defineSearchAttributeKey('VerificationStatus', SearchAttributeType.KEYWORD);

// Support tickets (issue 5): operators find a ticket by number, priority, status, channel,
// breach state and next deadline.
export const TicketNumberAttribute = defineSearchAttributeKey('TicketNumber', SearchAttributeType.INT);
export const TicketPriorityAttribute = defineSearchAttributeKey('TicketPriority', SearchAttributeType.KEYWORD);
export const TicketStatusAttribute = defineSearchAttributeKey('TicketStatus', SearchAttributeType.KEYWORD);
export const TicketChannelAttribute = defineSearchAttributeKey('TicketChannel', SearchAttributeType.KEYWORD);
export const SlaBreachedAttribute = defineSearchAttributeKey('SlaBreached', SearchAttributeType.BOOL);
export const NextDeadlineAttribute = defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME);
// Orders (EL-ORD-*): operators find an order by id, parties, kind, status and next deadline.
export const OrderIdAttribute = defineSearchAttributeKey('OrderId', SearchAttributeType.KEYWORD);
export const OrderClientIdAttribute = defineSearchAttributeKey('OrderClientId', SearchAttributeType.KEYWORD);
export const OrderLawyerIdAttribute = defineSearchAttributeKey('OrderLawyerId', SearchAttributeType.KEYWORD);
export const OrderKindAttribute = defineSearchAttributeKey('OrderKind', SearchAttributeType.KEYWORD);
export const OrderStatusAttribute = defineSearchAttributeKey('OrderStatus', SearchAttributeType.KEYWORD);
export const OrderNextDeadlineAttribute = defineSearchAttributeKey('OrderNextDeadline', SearchAttributeType.DATETIME);

export const SEARCH_ATTRIBUTES = [
  UserIdAttribute,
  VerificationStatusAttribute,
  TicketNumberAttribute,
  TicketPriorityAttribute,
  TicketStatusAttribute,
  TicketChannelAttribute,
  SlaBreachedAttribute,
  NextDeadlineAttribute,
  OrderIdAttribute,
  OrderClientIdAttribute,
  OrderLawyerIdAttribute,
  OrderKindAttribute,
  OrderStatusAttribute,
  OrderNextDeadlineAttribute,
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
