import { isGrpcServiceError, type Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import { SEARCH_ATTRIBUTES } from './search-attributes.ts';

const { IndexedValueType } = proto.temporal.api.enums.v1;

// The SDK's search-attribute types as the server's operator API spells them.
const INDEXED_VALUE_TYPE: Record<string, proto.temporal.api.enums.v1.IndexedValueType> = {
  TEXT: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  KEYWORD: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  INT: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  DOUBLE: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  BOOL: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  DATETIME: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  KEYWORD_LIST: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

// Registers the project's custom search attributes the server does not know yet. Needed
// beyond the dev server's `--search-attribute` flags: a persistent dev server keeps the set it
// was first created with, and a workflow that upserts an unknown attribute fails its workflow
// task over and over — a silent hang. Returns the names it added.
export async function registerSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const known = await knownCustomAttributes(connection, namespace);
  const missing = SEARCH_ATTRIBUTES.filter((key) => !known.has(key.name));
  if (missing.length === 0) return [];
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map((key) => [key.name, INDEXED_VALUE_TYPE[key.type]!])),
  });
  return missing.map((key) => key.name);
}

const GRPC_UNIMPLEMENTED = 12;

async function knownCustomAttributes(connection: Connection, namespace: string): Promise<Set<string>> {
  try {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
    return new Set(Object.keys(customAttributes ?? {}));
  } catch (error) {
    // The time-skipping test server cannot list them; it always starts empty.
    if (isGrpcServiceError(error) && Number(error.code) === GRPC_UNIMPLEMENTED) return new Set();
    throw error;
  }
}
