import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { MoneyActivities } from '../../../domain/money-contract.ts';

// Test-only workflow: calls the money activities through a real worker the way the order
// workflows do (proxied by the contract's names, keys derived from the workflow's own id).
export async function moneySteps(input: { activityTaskQueue: string; orderId: string; payer: string; specialist: string }) {
  const money = proxyActivities<MoneyActivities>({
    taskQueue: input.activityTaskQueue,
    startToCloseTimeout: '30 seconds',
    retry: { maximumAttempts: 3 },
  });
  const { holdId } = await money.holdFunds({
    holdKey: `${input.orderId}/hold`,
    userId: input.payer,
    amount: 600,
    currency: 'UZS',
    description: `Order ${input.orderId}`,
  });
  const settled = await money.settleHold({ holdId, specialistUserId: input.specialist, toSpecialist: 500, toPlatform: 100 });
  let refusal: string | null = null;
  try {
    await money.holdFunds({
      holdKey: `${input.orderId}/too-much`,
      userId: input.payer,
      amount: 1_000_000,
      currency: 'UZS',
      description: 'too much',
    });
  } catch (error) {
    if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure)
      refusal = `${error.cause.type}/${error.cause.nonRetryable}`;
  }
  return { settled, refusal };
}
