import { TestWorkflowEnvironment } from '@temporalio/testing';
import { registerSearchAttributes } from '../../infra/register-search-attributes.ts';
import { temporalTestServerPath } from '../../infra/temporal-binaries.ts';
import { testDataConverter } from './config.ts';

// The time-skipping test server from the project's own binary, with the project's custom
// search attributes registered (it refuses to upsert one it does not know), and a client that
// encrypts payloads as the service's does (workers on it take `testDataConverter()` too).
export async function startTimeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
    client: { dataConverter: testDataConverter() },
  });
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}
