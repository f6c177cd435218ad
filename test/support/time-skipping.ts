import proto from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { SEARCH_ATTRIBUTES } from '../../infra/search-attributes.ts';
import { temporalTestServerPath } from '../../infra/temporal-binaries.ts';

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

// The time-skipping test server from the project's own binary, with the project's custom
// search attributes registered: a workflow that upserts an unknown attribute fails its
// workflow task forever, which in a test looks like a silent hang.
export async function startTimeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
  });
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(SEARCH_ATTRIBUTES.map((key) => [key.name, INDEXED_VALUE_TYPE[key.type]!])),
  });
  return env;
}
