import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

// Custom search attributes operators use to find workflows in the Temporal UI. Pure module:
// imported by workflow code and by the scripts that register the attributes on a server.
export const UserIdAttribute = defineSearchAttributeKey('UserId', SearchAttributeType.KEYWORD);
export const VerificationStatusAttribute = defineSearchAttributeKey('VerificationStatus', SearchAttributeType.KEYWORD);

export const SEARCH_ATTRIBUTES = [UserIdAttribute, VerificationStatusAttribute] as const;
export const SEARCH_ATTRIBUTE_NAMES: readonly string[] = SEARCH_ATTRIBUTES.map((key) => key.name);

// `temporal server start-dev --search-attribute Name=Type` spelling of each key.
export function devServerSearchAttributeFlags(): string[] {
  return SEARCH_ATTRIBUTES.flatMap((key) => ['--search-attribute', `${key.name}=Keyword`]);
}
