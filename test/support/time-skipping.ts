import { TestWorkflowEnvironment } from '@temporalio/testing';
import { registerSearchAttributes } from '../../infra/register-search-attributes.ts';
import { temporalTestServerPath } from '../../infra/temporal-binaries.ts';

// The time-skipping test server from the project's own binary, with the project's custom
// search attributes registered (it refuses to upsert one it does not know).
export async function startTimeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
  });
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}
